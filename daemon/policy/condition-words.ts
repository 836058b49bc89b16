// A rule's condition in plain English, once: what it says when it holds ("the prompt contains secrets") and when it
// does not ("the prompt contains no secrets"), from one vocabulary. The policy summary, the preset diff and the `not`
// explanations all read from here, so a rule is never described two ways.
import { joinList, languageName, typeWords } from '../../protocol/words';
import type { Condition } from './schema';

const KIND_WORDS: Record<string, string> = { secret: 'secrets', pii: 'personal data', code: 'code', domain: 'high-stakes topics', origin: 'attached sources', scan: 'scan findings' };

/** Named path lists, so a summary can show the globs behind `path: secrets`. */
export type PathLists = Record<string, readonly string[]>;

export function pathWords(cond: string | string[], paths: PathLists = {}): string {
  if (typeof cond !== 'string') return `the globs ${cond.map((g) => `\`${g}\``).join(', ')}`;
  const globs = paths[cond];
  return `the \`${cond}\` paths${globs?.length ? ` (${globs.map((g) => `\`${g}\``).join(', ')})` : ''}`;
}

/** A leaf condition as [when it holds, when it does not]. */
function leaf(cond: Condition, paths: PathLists): [string, string] {
  if (cond.signal) {
    const { kind, type, minCount = 1 } = cond.signal;
    const what = `${KIND_WORDS[kind] ?? kind}${type ? ` of type ${joinList(type.map(typeWords), 'or')}` : ''}`;
    return minCount > 1 ? [`the prompt contains at least ${minCount} findings of ${what}`, `the prompt contains fewer than ${minCount} findings of ${what}`] : [`the prompt contains ${what}`, `the prompt contains no ${what}`];
  }
  if (cond.code) {
    const langs = cond.code.languages ? `${joinList(cond.code.languages.map(languageName), 'or')} ` : '';
    const share = cond.code.minShare ? ` making up at least ${Math.round(cond.code.minShare * 100)}% of it` : '';
    const less = `less than ${Math.round((cond.code.minShare ?? 0) * 100)}% of the prompt is ${langs}code`;
    return [`the prompt contains ${langs}code${share}`, share ? less : `the prompt contains no ${langs}code`];
  }
  if (cond.path !== undefined) return [`an attached path matches ${pathWords(cond.path, paths)}`, `no attached path matches ${pathWords(cond.path, paths)}`];
  if (cond.domain) {
    const domains = joinList(cond.domain as string[], 'or');
    return [`the prompt touches on ${domains} matters`, `the prompt touches on no ${domains} matters`];
  }
  const pick = (flag: boolean, yes: string, no: string): [string, string] => (flag ? [yes, no] : [no, yes]);
  if (cond.tools !== undefined) return pick(cond.tools, 'the request uses tools', 'the request uses no tools');
  if (cond.interactive !== undefined) return pick(cond.interactive, 'the user is waiting for the answer', 'it is a background task');
  if (cond.depth !== undefined) return pick(cond.depth === 'deep', 'the user asked for a deeper answer', 'the user asked for a normal answer');
  if (cond.truncated !== undefined) return pick(cond.truncated, 'the prompt is longer than the scan limit', 'the whole prompt was scanned');
  return cond.always === true ? ['always', 'never'] : ['never', 'always'];
}

/** The condition as a clause that reads after "when" (`holds`), or the clause saying it does not hold. */
export function conditionWords(cond: Condition, holds = true, paths: PathLists = {}): string {
  const words = (c: Condition, h: boolean) => conditionWords(c, h, paths);
  if (cond.any) return holds ? `any of: ${joinList(cond.any.map((c) => words(c, true)), 'or')}` : joinList(cond.any.map((c) => words(c, false)), 'and');
  if (cond.all) return joinList(cond.all.map((c) => words(c, holds)), holds ? 'and' : 'or');
  if (cond.not) return words(cond.not, !holds);
  const [yes, no] = leaf(cond, paths);
  return holds ? yes : no;
}
