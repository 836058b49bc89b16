// Which of Airlock's entries VS Code's model picker lists (lm/models says what each may promise). No VS Code import:
// unit-tested.
import type { LmModelInfo } from '../../protocol/methods';

/** While airlockd cannot be asked: the auto entry, promising nothing the policy might not serve (fail closed). */
export const OFFLINE_MODELS: readonly LmModelInfo[] = [{ id: 'airlock-auto', name: 'Airlock (auto)', toolCalling: false, maxInputTokens: 128_000 }];

/** "Airlock (auto)" always; the class entries ("local only", "private or local") when the setting asks for them. */
export function visibleModels(models: readonly LmModelInfo[], showClassModels: boolean): LmModelInfo[] {
  return models.filter((m) => m.maxClass === undefined || showClassModels);
}
