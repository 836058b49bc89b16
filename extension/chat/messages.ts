// VS Code chat messages → the turns lm/chat takes. Structural types only (no VS Code import) so it is unit-tested;
// the provider passes vscode.LanguageModelChatRequestMessage values, which have this shape.
import type { LmChatParams } from '../../protocol/methods';
import { withoutRouteLine } from './describe';

type Turn = LmChatParams['messages'][number];

export interface ChatMessageLike {
  /** vscode.LanguageModelChatMessageRole: 1 user, 2 assistant; 3 system in newer versions. */
  role: number;
  content: ReadonlyArray<unknown>;
}

/** A LanguageModelToolResultPart: what a tool returned, by the id of the call it answers. */
const isToolResult = (p: unknown): p is { callId: string; content: unknown[] } =>
  !!p && typeof p === 'object' && typeof (p as { callId?: unknown }).callId === 'string' && Array.isArray((p as { content?: unknown }).content);
/** A LanguageModelToolCallPart: a call the model made earlier in the conversation. */
const isToolCall = (p: unknown): p is { callId: string; name: string; input?: unknown } =>
  !!p && typeof p === 'object' && typeof (p as { callId?: unknown }).callId === 'string' && typeof (p as { name?: unknown }).name === 'string';

/** Text parts as they are; tool calls and tool results by their text (names, inputs, outputs): all of it is prompt,
 *  scanned like the rest. Images and other data parts carry no text. The daemon renders the transcript. */
function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (!part || typeof part !== 'object') return '';
  const p = part as Record<string, unknown>;
  if (typeof p.value === 'string') return p.value;
  if (isToolCall(part)) return `${part.name}(${JSON.stringify(part.input ?? {})})`;
  if (Array.isArray(p.content)) return p.content.map(partText).filter((t) => t !== '').join('\n');
  return '';
}

/** One message may become two turns: its own text and calls, then the tool results it carries (role `tool`, as the
 *  HTTP surfaces render them). An assistant turn loses the route line the provider appended to its text. */
export function toTurns(messages: readonly ChatMessageLike[]): Turn[] {
  return messages.flatMap((m) => {
    const role = m.role === 2 ? 'assistant' : m.role === 3 ? 'system' : 'user';
    const texts = m.content.filter((p) => !isToolCall(p) && !isToolResult(p)).map(partText).filter((t) => t !== '');
    const calls = m.content.filter(isToolCall).map(partText);
    const results = m.content.filter(isToolResult).map(partText).filter((t) => t !== '');
    // An assistant's text parts are pieces of one streamed answer; a user's are separate blocks (prompt, context).
    const own = role === 'assistant' ? withoutRouteLine(texts.join('')) : texts.join('\n');
    const text = [own, ...calls].filter((t) => t !== '').join('\n');
    const turns: Turn[] = text !== '' || results.length === 0 ? [{ role, text }] : [];
    return results.length ? [...turns, { role: 'tool' as const, text: results.join('\n') }] : turns;
  });
}
