// VS Code chat messages → the turns lm/chat takes. Structural types only (no VS Code import) so it is unit-tested;
// the provider passes vscode.LanguageModelChatRequestMessage values, which have this shape.
import type { LmImage } from '../../protocol/images';
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

/** An image data part: VS Code 1.104 hands a LanguageModelDataPart (its own class, not in the stable typings, so
 *  recognised by shape) for each image another extension or the chat attached. Other data parts (JSON, text, cache
 *  markers) are not prompt and stay behind. */
const isImagePart = (p: unknown): p is { mimeType: string; data: ArrayBufferView } =>
  !!p && typeof p === 'object' && typeof (p as { mimeType?: unknown }).mimeType === 'string'
  && (p as { mimeType: string }).mimeType.toLowerCase().startsWith('image/') && ArrayBuffer.isView((p as { data?: unknown }).data);

const SIGNATURES: { mediaType: string; matches: (b: Buffer) => boolean }[] = [
  { mediaType: 'image/png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mediaType: 'image/jpeg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mediaType: 'image/gif', matches: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  { mediaType: 'image/webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** The type the bytes are, when they say: VS Code's workbench re-encodes a GIF (and any image over 768 px on both
 *  sides) as PNG but keeps the declared type, and a provider may refuse bytes that are not what the type says. */
function mediaTypeOf(bytes: Buffer, declared: string): string {
  return SIGNATURES.find((s) => s.matches(bytes))?.mediaType ?? declared.toLowerCase();
}

/** The images of a part, in order: an image part itself, or those inside a tool result's content. */
function imagesOf(part: unknown): LmImage[] {
  if (isImagePart(part)) {
    const { buffer, byteOffset, byteLength } = part.data;
    const bytes = Buffer.from(buffer, byteOffset, byteLength);
    return [{ mediaType: mediaTypeOf(bytes, part.mimeType), data: bytes.toString('base64') }];
  }
  return isToolResult(part) ? part.content.flatMap(imagesOf) : [];
}

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

/** One message may become two turns: its own text, calls and images, then the tool results it carries (role `tool`,
 *  as the HTTP surfaces render them) with theirs. An assistant turn loses the route line the provider appended to its
 *  text. Images go as base64 beside the text (lm/chat's `images`). */
export function toTurns(messages: readonly ChatMessageLike[]): Turn[] {
  return messages.flatMap((m) => {
    const role = m.role === 2 ? 'assistant' : m.role === 3 ? 'system' : 'user';
    const ownParts = m.content.filter((p) => !isToolResult(p));
    const resultParts = m.content.filter(isToolResult);
    const texts = ownParts.filter((p) => !isToolCall(p)).map(partText).filter((t) => t !== '');
    const calls = ownParts.filter(isToolCall).map(partText);
    const results = resultParts.map(partText).filter((t) => t !== '');
    // An assistant's text parts are pieces of one streamed answer; a user's are separate blocks (prompt, context).
    const own = role === 'assistant' ? withoutRouteLine(texts.join('')) : texts.join('\n');
    const text = [own, ...calls].filter((t) => t !== '').join('\n');
    const ownImages = ownParts.flatMap(imagesOf);
    const resultImages = resultParts.flatMap(imagesOf);
    const withImages = (turn: Turn, images: LmImage[]): Turn => (images.length ? { ...turn, images } : turn);
    const hasResults = results.length > 0 || resultImages.length > 0;
    const turns: Turn[] = text !== '' || ownImages.length > 0 || !hasResults ? [withImages({ role, text }, ownImages)] : [];
    return hasResults ? [...turns, withImages({ role: 'tool', text: results.join('\n') }, resultImages)] : turns;
  });
}
