// `airlock hook`: an agent hook (Claude Code, VS Code agent hooks, Copilot CLI). Reads the hook's JSON on stdin,
// answers on stdout in the agent's format. airlockd decides and records (hook/decide); when it cannot be reached the
// same decision is made here and the answer says the record could not be written. A deny stays a deny either way.
import { AirlockError, type DecisionRecord, type HookEvent } from '../../../protocol';
import type { HookInput, HookOptions, HookVerdict } from '../../route/hook';
import { parse } from '../args';
import { write, type Command, type CliContext } from '../context';
import { decodeUtf8, readAll } from '../input';

/** Event names as Claude Code/VS Code send them, and the Copilot CLI's camelCase ones (given with --event). */
const EVENTS: Record<string, HookEvent> = {
  userpromptsubmit: 'UserPromptSubmit', userpromptsubmitted: 'UserPromptSubmit',
  pretooluse: 'PreToolUse', posttooluse: 'PostToolUse',
};

type Format = 'claude' | 'copilot';

function eventOf(name: unknown): HookEvent {
  const event = typeof name === 'string' ? EVENTS[name.toLowerCase()] : undefined;
  if (!event) throw new AirlockError('AIRLOCK_E_INPUT', `airlock hook answers UserPromptSubmit, PreToolUse and PostToolUse, not ${JSON.stringify(name ?? null)} (give --event when the agent does not name it)`);
  return event;
}

/** The Copilot CLI sends toolArgs as a JSON string; Claude Code and VS Code send tool_input as an object. */
function argsOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function readHookInput(raw: string, eventFlag: string | undefined): { input: HookInput; format: Format } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new AirlockError('AIRLOCK_E_INPUT', `the hook input is not JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AirlockError('AIRLOCK_E_INPUT', 'the hook input must be a JSON object');
  const v = value as Record<string, unknown>;
  const format: Format = 'toolArgs' in v || 'toolResult' in v || ('toolName' in v && !('tool_name' in v)) ? 'copilot' : 'claude';
  const event = eventOf(eventFlag ?? v.hook_event_name ?? v.hookEventName);
  const tool = v.tool_name ?? v.toolName;
  if (tool !== undefined && typeof tool !== 'string') throw new AirlockError('AIRLOCK_E_INPUT', 'tool_name must be a string');
  if (event !== 'UserPromptSubmit' && typeof tool !== 'string') throw new AirlockError('AIRLOCK_E_INPUT', `${event} input has no tool_name`);
  const prompt = v.prompt;
  if (event === 'UserPromptSubmit' && typeof prompt !== 'string') throw new AirlockError('AIRLOCK_E_INPUT', 'UserPromptSubmit input has no prompt');
  return {
    format,
    input: {
      event,
      ...(typeof tool === 'string' ? { tool } : {}),
      ...(event === 'UserPromptSubmit' ? { prompt: prompt as string } : {}),
      ...(event !== 'UserPromptSubmit' ? { toolInput: argsOf(v.tool_input ?? v.toolInput ?? v.toolArgs) } : {}),
      ...(event === 'PostToolUse' ? { toolResponse: v.tool_response ?? v.toolResponse ?? v.toolResult } : {}),
    },
  };
}

/** The answer in the agent's format. An allow says nothing about permission, so the agent's own prompts still apply. */
export function hookAnswer(event: HookEvent, format: Format, verdict: HookVerdict, note: string | null): Record<string, unknown> {
  const notice = [verdict.action === 'allow' ? '' : verdict.reason, note ?? ''].filter(Boolean).join(' ');
  if (format === 'copilot') {
    if (verdict.action === 'deny' || verdict.action === 'block') return { permissionDecision: 'deny', permissionDecisionReason: notice };
    if (verdict.action === 'rewrite') return { permissionDecision: 'ask', permissionDecisionReason: notice, modifiedArgs: verdict.updatedInput };
    return {};
  }
  const out: Record<string, unknown> = {};
  if (event === 'UserPromptSubmit') {
    if (verdict.action === 'block') Object.assign(out, { decision: 'block', reason: notice });
    if (verdict.action === 'warn') out.hookSpecificOutput = { hookEventName: event, additionalContext: verdict.reason };
  } else if (event === 'PreToolUse') {
    if (verdict.action === 'deny') out.hookSpecificOutput = { hookEventName: event, permissionDecision: 'deny', permissionDecisionReason: notice };
    // The rewritten call still goes past the user: `ask`, never a silent `allow`.
    if (verdict.action === 'rewrite') out.hookSpecificOutput = { hookEventName: event, permissionDecision: 'ask', permissionDecisionReason: notice, updatedInput: verdict.updatedInput };
  } else if (verdict.action === 'flag') {
    out.hookSpecificOutput = { hookEventName: event, additionalContext: verdict.reason };
  }
  if (notice && (verdict.action === 'warn' || verdict.action === 'flag' || verdict.action === 'rewrite' || note)) out.systemMessage = notice;
  return out;
}

/** Asks the running daemon; null (with why) when it cannot be reached or could not record. */
async function askDaemon(ctx: CliContext, params: { input: HookInput; options: HookOptions; policy?: string }): Promise<{ record: DecisionRecord; verdict: HookVerdict } | { failed: string }> {
  const { connect } = await import('../../server/client');
  const { homeOf } = await import('../daemon-process');
  let client;
  try {
    client = await connect({ home: homeOf(ctx.env), env: ctx.env, timeoutMs: 3000 });
  } catch (err) {
    return { failed: err instanceof AirlockError ? `${err.code}: ${err.message}` : `airlockd is not reachable (${(err as Error).message})` };
  }
  try {
    return await client.request('hook/decide', params);
  } catch (err) {
    return { failed: err instanceof AirlockError ? `${err.code}: ${err.message}` : (err as Error).message };
  } finally {
    client.close();
  }
}

async function decideHere(ctx: CliContext, input: HookInput, options: HookOptions, policyFlag: string | undefined) {
  const [{ decideHook }, { cliSettings }, { storageFor }] = await Promise.all([import('../../route/hook'), import('../settings'), import('../../route/plan')]);
  const { config, policy } = cliSettings(ctx, policyFlag);
  return decideHook(input, options, { policy, catalogue: config.catalogue, storage: storageFor(config.storePrompts, undefined), now: ctx.now() });
}

export const hook: Command = (ctx) => async (argv) => {
  const { values } = parse(argv, {
    event: { type: 'string' }, agent: { type: 'string' }, warn: { type: 'boolean' }, rewrite: { type: 'boolean' }, policy: { type: 'string' }, offline: { type: 'boolean' },
  }, false);
  const agent = values.agent ?? 'hosted';
  if (agent !== 'hosted' && agent !== 'local') throw new AirlockError('AIRLOCK_E_USAGE', `--agent takes hosted or local, not '${agent}'`);
  const { input, format } = readHookInput(decodeUtf8(await readAll(ctx.stdin), 'the hook input'), values.event);
  const options: HookOptions = { agent, onPrompt: values.warn ? 'warn' : 'block', rewrite: !!values.rewrite };
  const params = { input, options, ...(values.policy ? { policy: values.policy } : {}) };
  const asked = values.offline ? { failed: '--offline' } : await askDaemon(ctx, params);
  let verdict: HookVerdict;
  let note: string | null = null;
  if ('failed' in asked) {
    // Decided here with the same function and the daemon's config; a deny is still a deny.
    verdict = (await decideHere(ctx, input, options, values.policy)).verdict;
    note = `Airlock could not record this decision (${asked.failed}); it was decided locally with the same policy.`;
    await write(ctx.stderr, `airlock hook: ${note}\n`);
  } else {
    verdict = asked.verdict;
  }
  await write(ctx.stdout, `${JSON.stringify(hookAnswer(input.event, format, verdict, note))}\n`);
  return 0;
};
