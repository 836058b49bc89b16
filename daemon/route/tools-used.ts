// The seed record's `tools` used: the names of the tool calls the model made in its answer, in order of first call,
// each once. A name is model output: it goes through the at-rest scan like the client's facts (a model told to call a
// tool named after a secret must not put the secret in the audit log), bounded so a hostile stream cannot make it
// expensive.
import type { PromptStorage, ToolCallDelta } from '../../protocol';
import { maskStrings } from './at-rest';

const MAX_NAMES = 64;
const MAX_NAME_CHARS = 128;

export function toolsUsed() {
  const names: string[] = [];
  return {
    /** Every tool-call piece passes here; the piece that names the call (the first) adds the name. */
    see(delta: ToolCallDelta): void {
      if (!delta.name || names.length >= MAX_NAMES) return;
      const name = delta.name.slice(0, MAX_NAME_CHARS);
      if (!names.includes(name)) names.push(name);
    },
    /** The names as the record may keep them; undefined when the model called no tool. */
    async stored(storage: PromptStorage): Promise<string[] | undefined> {
      if (names.length === 0) return undefined;
      const masked = await maskStrings(names, storage);
      return names.map((n) => masked.get(n) ?? n);
    },
  };
}
