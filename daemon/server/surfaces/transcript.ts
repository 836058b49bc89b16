// The whole request is the prompt: every message (system, user, assistant, tool calls and results) becomes one text,
// scanned and decided as a whole and sent to the chosen model. A lone user message is sent as it is.
// Beside the text go the spans that are not the user's code (facts.notCode, route/not-code.ts): the client's own
// instructions (system prompt, tool definitions) and our role labels, and JSON data (tool calls, JSON tool results).
// They are scanned for secrets and personal data like the rest; only their code-like look does not count.
import type { NotCodeSpan } from '../../../protocol/facts';

/** A piece of a message; `data` when it is a tool call or a tool result that is JSON. */
export interface Segment {
  text: string;
  data?: boolean;
}

export interface Turn {
  role: string;
  segments: Segment[];
  /** The client's own instructions: its system prompt, its tool definitions. */
  instructions?: boolean;
}

export interface Transcript {
  text: string;
  notCode: NotCodeSpan[];
}

/** A tool result that parses as a JSON object or array: structured data, not source code. */
function isJsonData(text: string): boolean {
  const t = text.trim();
  if (!/^[[{]/.test(t)) return false;
  try {
    const value: unknown = JSON.parse(t);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

/** Pieces of anything content-like: a string, an array of parts/blocks, nested tool results, tool-call arguments. */
export function segmentsOf(content: unknown, toolResult = false): Segment[] {
  if (typeof content === 'string') return content === '' ? [] : [toolResult && isJsonData(content) ? { text: content, data: true } : { text: content }];
  if (Array.isArray(content)) return content.flatMap((c) => segmentsOf(c, toolResult));
  if (content && typeof content === 'object') {
    const c = content as Record<string, unknown>;
    if (typeof c.text === 'string') return segmentsOf(c.text, toolResult);
    // Tool results (Anthropic `tool_result`), tool calls (`tool_use` input, OpenAI `function.arguments`).
    if (c.content !== undefined) return segmentsOf(c.content, toolResult || c.type === 'tool_result');
    if (c.type === 'tool_use') return [{ text: `${String(c.name)}(${JSON.stringify(c.input ?? {})})`, data: true }];
    if (c.function && typeof c.function === 'object') {
      const f = c.function as Record<string, unknown>;
      return [{ text: `${String(f.name)}(${typeof f.arguments === 'string' ? f.arguments : JSON.stringify(f.arguments ?? {})})`, data: true }];
    }
    // Images and other binary parts: only their alt text or name.
    for (const k of ['alt', 'alt_text', 'title', 'name']) if (typeof c[k] === 'string') return segmentsOf(c[k]);
  }
  return [];
}

/** Text of anything content-like (segmentsOf, joined by newlines). */
export function textOf(content: unknown): string {
  return segmentsOf(content).map((s) => s.text).join('\n');
}

/** A turn from a message: its content, then its tool calls; a `tool` message is a tool result. */
export function turnOf(role: string, content: unknown, toolCalls: readonly unknown[] = []): Turn {
  return { role, segments: [...segmentsOf(content, role === 'tool'), ...toolCalls.flatMap((c) => segmentsOf(c))] };
}

export function instructionsTurn(role: string, text: string): Turn {
  return { role, segments: text ? [{ text }] : [], instructions: true };
}

export function renderTranscript(turns: readonly Turn[]): Transcript {
  const kept = turns.map((t) => ({ ...t, segments: t.segments.filter((s) => s.text !== '') })).filter((t) => t.segments.length > 0);
  const bare = kept.length === 1 && kept[0]!.role === 'user';
  let text = '';
  const notCode: NotCodeSpan[] = [];
  const add = (piece: string, why?: NotCodeSpan['why']) => {
    const last = notCode.at(-1);
    const touching = last?.end === text.length;
    // Touching spans of one kind are one span, and a separator joins the span before it: a long agent transcript
    // keeps a short list.
    if (touching && (why === undefined ? /^\s*$/.test(piece) : last.why === why)) last.end += piece.length;
    else if (why) notCode.push({ start: text.length, end: text.length + piece.length, why });
    text += piece;
  };
  kept.forEach((t, i) => {
    if (i > 0) add('\n\n');
    if (!bare) add(`${t.role}:\n`, 'instructions');
    t.segments.forEach((s, j) => {
      if (j > 0) add('\n');
      add(s.text, t.instructions ? 'instructions' : s.data ? 'data' : undefined);
    });
  });
  return { text, notCode };
}
