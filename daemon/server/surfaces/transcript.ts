// The whole request is the prompt: every message (system, user, assistant, tool calls and results) becomes one text,
// scanned and decided as a whole and sent to the chosen model. A lone user message is sent as it is.
export interface Turn {
  role: string;
  text: string;
}

/** Text of anything content-like: a string, an array of parts/blocks, nested tool results, tool-call arguments. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(textOf).filter((t) => t !== '').join('\n');
  if (content && typeof content === 'object') {
    const c = content as Record<string, unknown>;
    if (typeof c.text === 'string') return c.text;
    // Tool results (Anthropic `tool_result`), tool calls (`tool_use` input, OpenAI `function.arguments`).
    if (c.content !== undefined) return textOf(c.content);
    if (c.type === 'tool_use') return `${String(c.name)}(${JSON.stringify(c.input ?? {})})`;
    if (c.function && typeof c.function === 'object') {
      const f = c.function as Record<string, unknown>;
      return `${String(f.name)}(${typeof f.arguments === 'string' ? f.arguments : JSON.stringify(f.arguments ?? {})})`;
    }
    // Images and other binary parts: only their alt text or name.
    for (const k of ['alt', 'alt_text', 'title', 'name']) if (typeof c[k] === 'string') return c[k];
  }
  return '';
}

export function renderTranscript(turns: readonly Turn[]): string {
  const kept = turns.filter((t) => t.text !== '');
  if (kept.length === 1 && kept[0]!.role === 'user') return kept[0]!.text;
  return kept.map((t) => `${t.role}:\n${t.text}`).join('\n\n');
}
