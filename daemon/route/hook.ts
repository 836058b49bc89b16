// Agent hooks (Claude Code, VS Code agent hooks, Copilot CLI): what an agent is about to send or has just received is
// planned like any prompt, and the plan's record decides. `airlock hook` runs this locally when airlockd is down, and
// the daemon's `hook/decide` runs the same function and appends the record: one decision path, two callers.
import type { DecisionRecord, HookEvent, HookFacts, RequestFacts } from '../../protocol';
import { planRedactions } from '../policy/redact';
import { plan, type PlanContext } from './plan';
import { applyRedactions } from './redact';

export interface HookInput {
  event: HookEvent;
  /** The agent's tool name as it sent it (`Bash`, `mcp__github__create_issue`, Copilot's `bash`). */
  tool?: string;
  toolInput?: unknown;
  toolResponse?: unknown;
  prompt?: string;
}

export interface HookOptions {
  /** Where the agent's own model runs: `hosted` (Claude, Copilot) unless the user says it is local. */
  agent: 'hosted' | 'local';
  /** UserPromptSubmit: refuse the prompt (`block`) or let it through with a warning (`warn`). */
  onPrompt: 'block' | 'warn';
  /** PreToolUse: replace secrets in an outgoing tool call with placeholders instead of denying it. */
  rewrite: boolean;
}

export type HookAction = 'allow' | 'deny' | 'block' | 'warn' | 'flag' | 'rewrite';

export interface HookVerdict {
  action: HookAction;
  /** Why, in the policy's words; empty for a plain allow. */
  reason: string;
  /** The tool input with secrets replaced (action `rewrite`). */
  updatedInput?: unknown;
}

/** Tools whose job is to read files into the agent's context. Names are compared case-insensitively. */
const READ_TOOLS = new Set(['read', 'notebookread', 'grep', 'glob', 'ls', 'view', 'read_file', 'readfile', 'search', 'codebase']);
/** Tools that send their input off the machine (beyond a URL found in the input). */
const NETWORK_TOOLS = new Set(['webfetch', 'websearch', 'web_fetch', 'fetch', 'fetch_webpage']);
const SHELL_TOOLS = new Set(['bash', 'shell', 'powershell', 'run_in_terminal', 'runinterminal']);
const PATH_KEYS = ['file_path', 'filePath', 'path', 'notebook_path', 'directory', 'paths'];

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`<>]+/gi;

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The text a tool call carries: a shell command as typed, a fetch as its URL and prompt, anything else as JSON. */
function toolText(input: unknown): string {
  if (typeof input === 'string') return input;
  const obj = asObject(input);
  if (typeof obj.command === 'string') return obj.command;
  return JSON.stringify(input ?? null);
}

/** Everything textual in a tool's output, joined: stdout, stderr, file contents, nested results. */
function outputText(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => outputText(v, out));
  else if (typeof value === 'object' && value !== null) Object.values(value).forEach((v) => outputText(v, out));
  return out;
}

/** Paths a tool call names: its path fields, and in a shell command the words that look like paths. */
export function toolPaths(tool: string, input: unknown): string[] {
  const obj = asObject(input);
  const found: string[] = [];
  for (const key of PATH_KEYS) {
    const v = obj[key];
    if (typeof v === 'string') found.push(v);
    else if (Array.isArray(v)) found.push(...v.filter((p): p is string => typeof p === 'string'));
  }
  if (SHELL_TOOLS.has(tool.toLowerCase()) && typeof obj.command === 'string') {
    for (const word of obj.command.split(/[\s;|&<>()]+/)) {
      const w = word.replace(/^['"]|['"]$/g, '');
      if (!w || w.startsWith('-') || /^[a-z][a-z0-9+.-]*:\/\//i.test(w)) continue;
      if (w.includes('/') || w.startsWith('.') || w.startsWith('~')) found.push(w);
    }
  }
  return [...new Set(found)].slice(0, 64);
}

/** True when the tool call would reach a host other than this machine. */
export function sendsOffMachine(tool: string, input: unknown): boolean {
  const name = tool.toLowerCase();
  if (NETWORK_TOOLS.has(name) || name.startsWith('mcp__')) return true;
  for (const match of JSON.stringify(input ?? null).matchAll(URL_PATTERN)) {
    try {
      if (!LOOPBACK_HOST.test(new URL(match[0]).hostname)) return true;
    } catch {
      return true; // A URL we cannot read is treated as remote: fail closed.
    }
  }
  return false;
}

/** The tool input with every secret the scan found replaced by a placeholder; null when it cannot be rebuilt. */
function rewritten(text: string, record: DecisionRecord, rebuild: (text: string) => unknown): unknown {
  const spans = planRedactions(record.signals, ['secret'], text);
  if (!spans.length) return null;
  try {
    return rebuild(applyRedactions(text, spans));
  } catch {
    return null;
  }
}

function factsFor(input: HookInput, extra: Partial<RequestFacts>): RequestFacts {
  const hook: HookFacts = { event: input.event, ...(input.tool ? { tool: input.tool.slice(0, 128) } : {}) };
  return { source: 'cli', interactive: input.event === 'UserPromptSubmit', task: 'agent', hook, ...extra };
}

const keptOff = (record: DecisionRecord) => record.route.target !== 'hosted';
const hasSecret = (record: DecisionRecord) => record.signals.some((s) => s.kind === 'secret');

/** Plans the hook's text with the policy, then turns the record into the agent's answer. */
export async function decideHook(input: HookInput, options: HookOptions, ctx: PlanContext): Promise<{ record: DecisionRecord; verdict: HookVerdict }> {
  const tool = input.tool ?? '';
  let text: string;
  let facts: RequestFacts;
  let judge: (record: DecisionRecord) => HookVerdict;
  const allow: HookVerdict = { action: 'allow', reason: '' };
  if (input.event === 'UserPromptSubmit') {
    text = input.prompt ?? '';
    facts = factsFor(input, {});
    judge = (r) => (options.agent === 'hosted' && keptOff(r)
      ? { action: options.onPrompt, reason: `Airlock: this prompt must not go to a hosted model. ${r.explanation}` }
      : allow);
  } else if (input.event === 'PreToolUse') {
    const paths = toolPaths(tool, input.toolInput);
    const readTool = READ_TOOLS.has(tool.toLowerCase());
    // A read tool is planned as the paths it opens (their content is not known yet; the path rules decide).
    text = readTool ? paths.join('\n') : toolText(input.toolInput);
    facts = factsFor(input, { parts: paths.map((path) => ({ origin: 'file' as const, path, start: 0, end: text.length })) });
    const reads = readTool || (SHELL_TOOLS.has(tool.toLowerCase()) && paths.length > 0);
    const outgoing = sendsOffMachine(tool, input.toolInput);
    judge = (r) => {
      if (outgoing && hasSecret(r)) {
        // The placeholders go where the secrets were, in the same text the scan saw: the command, or the JSON input.
        const rebuild = (t: string): unknown => (typeof asObject(input.toolInput).command === 'string' ? { ...asObject(input.toolInput), command: t } : typeof input.toolInput === 'string' ? t : JSON.parse(t));
        const updated = options.rewrite ? rewritten(text, r, rebuild) : null;
        if (updated !== null) return { action: 'rewrite', reason: `Airlock replaced a secret in this ${tool} call with a placeholder before it leaves the machine. ${r.explanation}`, updatedInput: updated };
        return { action: 'deny', reason: `Airlock: this ${tool} call would send a secret off the machine. ${r.explanation}` };
      }
      if (reads && options.agent === 'hosted' && keptOff(r) && paths.length > 0) {
        return { action: 'deny', reason: `Airlock: reading this would put it in front of a hosted model. ${r.explanation}` };
      }
      return allow;
    };
  } else {
    text = outputText(input.toolResponse).join('\n');
    facts = factsFor(input, { parts: text ? [{ origin: 'tool-output', start: 0, end: text.length }] : [] });
    judge = (r) => (options.agent === 'hosted' && hasSecret(r)
      ? { action: 'flag', reason: `Airlock: the ${tool} output holds a secret (${r.explanation}). Do not repeat it, send it anywhere or use it.` }
      : allow);
  }
  const { record } = await plan(text, facts, ctx);
  const verdict = judge(record);
  return { record: finalRecord(record, verdict), verdict };
}

/** The record as the audit log keeps it: the hook's answer in its facts; a refusal is a `blocked` record. */
function finalRecord(record: DecisionRecord, verdict: HookVerdict): DecisionRecord {
  const refused = verdict.action === 'deny' || verdict.action === 'block';
  const hook = { ...record.facts.hook!, action: verdict.action };
  const { error: _planError, ...rest } = record;
  return {
    ...rest,
    facts: { ...record.facts, hook },
    status: refused ? 'blocked' : 'ok',
    ...(refused ? { error: { code: 'AIRLOCK_E_BLOCKED', message: verdict.reason } } : {}),
  };
}
