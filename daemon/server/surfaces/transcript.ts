// The whole request is the prompt: every message (system, user, assistant, tool calls and results) becomes one text,
// scanned and decided as a whole and sent to the chosen model. A lone user message is sent as it is.
// Beside the text go the spans that are not the user's code (facts.notCode, route/not-code.ts): the client's own
// instructions (system prompt, tool definitions) and our role labels, and JSON data (tool calls, JSON tool results).
// They are scanned for secrets and personal data like the rest; only their code-like look does not count.
import { AirlockError } from '../../../protocol/errors';
import type { NotCodeSpan } from '../../../protocol/facts';
import type { ImageInput } from '../../providers/types';

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

/** The media type of base64 image bytes, from their first bytes (Ollama sends images without one). */
function sniffType(data: string): string {
  if (data.startsWith('/9j/')) return 'image/jpeg';
  if (data.startsWith('R0lG')) return 'image/gif';
  if (data.startsWith('UklGR')) return 'image/webp';
  return 'image/png';
}

const DATA_URL = /^data:(image\/[\w.+-]+);base64,([A-Za-z0-9+/=\s]+)$/;

/** An image part of any surface's content (OpenAI `image_url`, Anthropic `image`), or null when it is not one. */
function imageOf(part: Record<string, unknown>): ImageInput | null {
  if (part.type === 'image_url') {
    const u = part.image_url;
    const url = typeof u === 'string' ? u : u && typeof u === 'object' ? (u as { url?: unknown }).url : undefined;
    const m = typeof url === 'string' ? DATA_URL.exec(url) : null;
    // A URL would be fetched by the model's provider, unseen by Airlock: only inline images are accepted.
    if (!m) throw new AirlockError('AIRLOCK_E_INPUT', 'image_url: only inline images (data:image/…;base64,…) are accepted; airlockd does not fetch image URLs');
    return { mediaType: m[1]!, data: m[2]!.replace(/\s/g, '') };
  }
  if (part.type === 'image') {
    const src = part.source as { type?: unknown; media_type?: unknown; data?: unknown } | undefined;
    if (src?.type !== 'base64' || typeof src.data !== 'string') throw new AirlockError('AIRLOCK_E_INPUT', 'image: only base64 image sources are accepted; airlockd does not fetch image URLs');
    return { mediaType: typeof src.media_type === 'string' ? src.media_type : sniffType(src.data), data: src.data };
  }
  return null;
}

/** Every image in the messages' content (OpenAI parts, Anthropic blocks, also inside tool results) and Ollama's
 *  `images` arrays, in order. */
export function imagesIn(contents: readonly unknown[], ollamaImages: readonly string[] = []): ImageInput[] {
  const out: ImageInput[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c)) c.forEach(walk);
    else if (c && typeof c === 'object') {
      const image = imageOf(c as Record<string, unknown>);
      if (image) out.push(image);
      else if ((c as { content?: unknown }).content !== undefined) walk((c as { content?: unknown }).content);
    }
  };
  contents.forEach(walk);
  for (const data of ollamaImages) out.push({ mediaType: sniffType(data), data });
  return out;
}
