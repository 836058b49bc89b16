// Deterministic reply text and token counts, shared by every simulator: tests can predict
// exactly what a simulator answers from what they sent.

/** Text of one chat message's content: a plain string or a list of typed parts (OpenAI, Anthropic). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => {
      const text = (part as { text?: unknown } | null)?.text;
      return typeof text === 'string' ? text : '';
    })
    .join('');
}

interface ChatMessage {
  role?: unknown;
  content?: unknown;
}

function asMessages(messages: unknown): ChatMessage[] {
  return Array.isArray(messages) ? messages.filter((m): m is ChatMessage => typeof m === 'object' && m !== null) : [];
}

/** The last user message's text, or '' when there is none. */
export function lastUserText(messages: unknown): string {
  const users = asMessages(messages).filter((m) => m.role === 'user');
  return contentText(users.at(-1)?.content);
}

/** All message text (plus an optional system prompt), the basis of prompt token counts. */
export function allText(messages: unknown, system?: unknown): string {
  return [contentText(system), ...asMessages(messages).map((m) => contentText(m.content))].join(' ');
}

/** Token count stand-in: whitespace-separated words. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The default answer: `"<prefix>: " + first 40 characters of the prompt`. */
export function defaultReply(prefix: string, prompt: string): string {
  return `${prefix}: ${Array.from(prompt).slice(0, 40).join('')}`;
}

/** Splits text into at most `count` near-equal pieces whose concatenation is the text (never splits a code point). */
export function splitPieces(text: string, count: number): string[] {
  const chars = Array.from(text);
  const n = Math.max(1, Math.min(Math.floor(count), chars.length));
  const pieces: string[] = [];
  for (let i = 0; i < n; i++) {
    pieces.push(chars.slice(Math.floor((i * chars.length) / n), Math.floor(((i + 1) * chars.length) / n)).join(''));
  }
  return pieces;
}

/** A deterministic 8-dimensional unit vector for a text (an FNV-1a walk): the same text always embeds the same. */
export function simEmbedding(text: string): number[] {
  let h = 0x811c9dc5;
  const v: number[] = [];
  for (let d = 0; d < 8; d++) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i) ^ d, 0x01000193) >>> 0;
    v.push((h % 2000) / 1000 - 1);
  }
  const norm = Math.hypot(...v) || 1;
  // Rounded to float32 so a base64 round trip gives back exactly these numbers.
  return v.map((x) => Math.fround(x / norm));
}
