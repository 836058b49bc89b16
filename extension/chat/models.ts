// Which of Airlock's entries VS Code's model picker lists (lm/models says what each may promise). No VS Code import:
// unit-tested.
import type { LmModelInfo } from '../../protocol/methods';

/** While airlockd cannot be asked: the auto entry, promising nothing the policy might not serve (fail closed). */
export const OFFLINE_MODELS: readonly LmModelInfo[] = [{ id: 'airlock-auto', name: 'Airlock (auto)', toolCalling: false, imageInput: false, maxInputTokens: 128_000 }];

/** "Airlock (auto)" always; the class entries ("local only", "private or local") when the setting asks for them. */
export function visibleModels(models: readonly LmModelInfo[], showClassModels: boolean): LmModelInfo[] {
  return models.filter((m) => m.maxClass === undefined || showClassModels);
}

/** What an entry tells VS Code it can take: images and tools only where lm/models said the policy can serve them; an
 *  older daemon that says nothing about images gets none declared. */
export function capabilitiesOf(m: LmModelInfo): { imageInput: boolean; toolCalling: boolean } {
  return { imageInput: m.imageInput === true, toolCalling: m.toolCalling };
}
