// Builds the prompt and its facts from typed text and an editor attachment. No VS Code import: unit-tested.
import type { ParamsOf } from '../../protocol/methods';

export type Facts = ParamsOf<'chat/send'>['facts'];

export interface Attachment {
  text: string;
  origin: 'selection' | 'file';
  path: string;
  language: string;
}

export interface ComposedPrompt {
  text: string;
  facts: Facts;
}

/** Typed text first, then the attachment in a fence; `parts` marks where the attachment lies. */
export function composePrompt(typed: string, attachment: Attachment | undefined, base: Facts): ComposedPrompt {
  if (!attachment) return { text: typed, facts: base };
  const prefix = typed ? `${typed}\n\n` : '';
  const fenceOpen = `\`\`\`${attachment.language}\n`;
  const start = prefix.length + fenceOpen.length;
  const end = start + attachment.text.length;
  const text = `${prefix}${fenceOpen}${attachment.text}\n\`\`\``;
  return {
    text,
    facts: {
      ...base,
      filePath: attachment.path,
      language: attachment.language,
      parts: [{ origin: attachment.origin, path: attachment.path, language: attachment.language, start, end }],
    },
  };
}
