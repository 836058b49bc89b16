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

/** Text parts as they are; tool calls and tool results by their text (names, inputs, outputs): all of it is prompt,
 *  scanned like the rest. Images and other data parts carry no text. The daemon renders the transcript. */
function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (!part || typeof part !== 'object') return '';
  const p = part as Record<string, unknown>;
  if (typeof p.value === 'string') return p.value;
  if (typeof p.callId === 'string' && typeof p.name === 'string') return `${p.name}(${JSON.stringify(p.input ?? {})})`;
  if (Array.isArray(p.content)) return p.content.map(partText).filter((t) => t !== '').join('\n');
  return '';
}

export function toTurns(messages: readonly ChatMessageLike[]): Turn[] {
  return messages.map((m) => {
    const role = m.role === 2 ? 'assistant' : m.role === 3 ? 'system' : 'user';
    const text = m.content.map(partText).filter((t) => t !== '').join('\n');
    return { role, text: role === 'assistant' ? withoutRouteLine(text) : text };
  });
}
