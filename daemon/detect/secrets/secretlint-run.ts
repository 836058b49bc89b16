// Runs secretlint's rules on a text the way @secretlint/core's lintSource does, without its per-report cost.
//
// lintSource spends about 10 µs on each message it reports (an event per report, a location object per message, a
// duplicate filter that copies the rest of the list for every message): a prompt dense with findings (`xoxb-1-a`
// repeated: 11,000 in 100 KB) cost 130 ms there, against a few ms in the rules themselves. This runner gives the
// rules the same context and source they get from lintSource and applies the same clean-up to what they report —
// drop duplicates (the last copy kept), sort by range — with a Set and one sort instead; unlike lintSource it never
// lets a `secretlint-disable` comment in the prompt waive a finding (the comment filter rule is not run). test/unit/detect/secretlint-run.test.ts checks that both give identical messages over the
// secrets corpus and dense prompts.
import type {
  SecretLintRuleContext, SecretLintRuleCreator, SecretLintRuleIgnoreDescriptor, SecretLintRuleLocalizeMessages,
  SecretLintRulePresetCreator, SecretLintRuleReportDescriptor, SecretLintSourceCode,
} from '@secretlint/types';

/** What a rule reported, as lintSource's result messages carry it (the fields Airlock reads). */
export interface RuleMessage {
  ruleId: string;
  messageId: string;
  message: string;
  data: unknown;
  range: readonly [number, number];
}

export interface LoadedRule {
  creator: SecretLintRuleCreator<unknown>;
  options: unknown;
}

/** The one rule of the preset that waives findings (by `secretlint-disable…` comments in the text). */
export const IGNORED_RULE = '@secretlint/secretlint-rule-filter-comments';

/** The preset's rules that scan text, with the options the config gives each (lintSource's registerRule), except the
 *  comment filter. */
export function presetRules(preset: SecretLintRulePresetCreator, configured: readonly { id: string; options?: unknown }[]): LoadedRule[] {
  const out: LoadedRule[] = [];
  const context = {
    sharedOptions: {},
    registerRule(creator: SecretLintRuleCreator<unknown>) {
      const types = creator.meta.supportedContentTypes;
      if (!types.includes('text') && !types.includes('all')) return;
      // A prompt is data, not a file whose author may waive findings: `secretlint-disable` in a pasted text (or a
      // hostile one) must not hide a secret from the router. Fail closed: the comment filter never runs.
      if (creator.meta.id === IGNORED_RULE) return;
      out.push({ creator, options: configured.find((r) => r.id === creator.meta.id)?.options ?? {} });
    },
  };
  preset.create(context as never, {} as never);
  return out;
}

/** Line starts as structured-source (lintSource's) counts them: \r\n, \n, \r, U+2028 and U+2029 end a line. */
function lineStarts(content: string): number[] {
  const starts = [0];
  const breaks = /[\r\n\u2028\u2029]/g;
  for (let m = breaks.exec(content); m; m = breaks.exec(content)) {
    let at = m.index;
    if (content.charCodeAt(at) === 13 && content.charCodeAt(at + 1) === 10) at++;
    if (content.length < at + 1) break;
    starts.push(at + 1);
    breaks.lastIndex = at + 1;
  }
  return starts;
}

/** The source object rules read: content and file facts; positions (1-based lines, 0-based columns) on demand. */
function sourceOf(content: string): SecretLintSourceCode {
  let starts: number[] | undefined;
  const lines = () => (starts ??= lineStarts(content));
  const positionToIndex = (pos: { line: number; column: number }) => lines()[pos.line - 1]! + pos.column;
  const indexToPosition = (index: number) => {
    const s = lines();
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (index < s[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return { line: lo, column: index - s[lo - 1]! };
  };
  return {
    hasBOM: false,
    content,
    filePath: '/prompt.txt',
    physicalFilePath: undefined,
    contentType: 'text',
    ext: '.txt',
    getFilePath: () => '/prompt.txt',
    getPhysicalFilePath: () => undefined,
    positionToIndex,
    indexToPosition,
    locationToRange: (loc) => [positionToIndex(loc.start), positionToIndex(loc.end)],
    rangeToLocation: (range) => ({ start: indexToPosition(range[0]), end: indexToPosition(range[1]) }),
  };
}

/** A message in the locale lintSource uses by default (English). */
function translator(messages: SecretLintRuleLocalizeMessages) {
  return (messageId: string, props?: Record<string, unknown>) => {
    const handler = messages[messageId] as unknown;
    if (!handler) throw new Error(`messages:${messageId} is missing in messages.`);
    const format = (typeof handler === 'function' ? handler : (handler as { en: (p?: unknown) => string }).en) as (p?: unknown) => string;
    return { message: props === undefined || props === null || typeof props !== 'object' ? format() : format(props), messageId, data: props };
  };
}

interface Ignore {
  range: readonly [number, number];
  targetRuleId: string;
}

/** lintSource's filter: a message whose range lies inside an ignored range of its rule (or of every rule, `*`). */
function ignored(m: RuleMessage, ignores: readonly Ignore[]): boolean {
  return ignores.some((i) => {
    const inside = i.range[0] <= m.range[0] && m.range[0] <= i.range[1] && i.range[0] <= m.range[1] && m.range[1] <= i.range[1];
    if (inside && i.targetRuleId) return i.targetRuleId === '*' || m.ruleId === i.targetRuleId;
    return inside;
  });
}

/** What one run's rules report into: the run that holds the rule set owns it. */
interface Sink {
  reported: RuleMessage[];
  ignores: Ignore[];
}

/** The rules created once (their `file` handlers), reporting into whichever run holds them. */
interface CreatedRules {
  handlers: ((source: SecretLintSourceCode) => unknown)[];
  sink: Sink;
}

// Creating the ~24 rules costs a closure, a translator and often regex setup per rule; a prompt lints in several
// chunks, so the rules are created once per concurrent run and reused. Runs may overlap (rule handlers are async),
// so each takes a set of its own from the free list: a report can never land in another prompt's run.
const created = new WeakMap<readonly LoadedRule[], CreatedRules[]>();

function createRules(rules: readonly LoadedRule[]): CreatedRules {
  const set: CreatedRules = { handlers: [], sink: { reported: [], ignores: [] } };
  for (const { creator, options } of rules) {
    const ruleId = creator.meta.id;
    const context: SecretLintRuleContext = {
      sharedOptions: {},
      createTranslator: translator as never,
      report(d: SecretLintRuleReportDescriptor) {
        set.sink.reported.push({ ruleId, messageId: d.message.messageId, message: d.message.message, data: d.message.data, range: d.range });
      },
      ignore(d: SecretLintRuleIgnoreDescriptor) {
        set.sink.ignores.push({ range: d.range, targetRuleId: d.targetRuleId });
      },
    };
    const file = creator.create(context, options as never).file;
    if (file) set.handlers.push(file);
  }
  return set;
}

/** Every message the rules report on `content`, cleaned up as lintSource does. */
export async function runRules(rules: readonly LoadedRule[], content: string): Promise<RuleMessage[]> {
  let free = created.get(rules);
  if (!free) created.set(rules, (free = []));
  const set = free.pop() ?? createRules(rules);
  const sink: Sink = { reported: [], ignores: [] };
  set.sink = sink;
  try {
    const source = sourceOf(content);
    // lintSource starts every rule's handler before awaiting any: the same order of reports.
    await Promise.all(set.handlers.map(async (file) => file(source)));
  } finally {
    // A fresh sink before the set is free again: a late report of this run cannot reach the next one.
    set.sink = { reported: [], ignores: [] };
    free.push(set);
  }
  const { reported, ignores } = sink;
  const kept = ignores.length ? reported.filter((m) => !ignored(m, ignores)) : reported;
  // Equal range and message: lintSource keeps the last copy.
  const seen = new Set<string>();
  const unique: RuleMessage[] = [];
  for (let i = kept.length - 1; i >= 0; i--) {
    const m = kept[i]!;
    const key = `${m.range[0]}:${m.range[1]}:${m.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(m);
  }
  unique.reverse();
  return unique.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
}
