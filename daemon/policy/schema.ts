// The preset schema, written once: the loader validates with it and presets/policy.schema.json is generated from it.
// Cross-field checks (unique ids, known path lists, valid globs, routes inside the preset's classes) live in the
// superRefine so that every error carries the path of the offending YAML node.
import { z } from 'zod';
import { globProblem } from './glob';

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single dashes)');
const routeTarget = z.enum(['local', 'private', 'hosted', 'blocked']);
const capability = z.enum(['tools', 'json', 'vision', 'reasoning', 'citations']);
const preference = z.enum(['cheap', 'fast', 'strong']);

/** Placeholders an `explain` template may use; docs/policy.md says what each one becomes. */
export const EXPLAIN_PLACEHOLDERS = [
  'reason', 'signals', 'first_signal', 'line', 'path', 'language', 'share', 'domain',
  'class', 'model', 'provider', 'ranking', 'rule', 'preset', 'message',
] as const;

export type ConditionKey = 'any' | 'all' | 'not' | 'signal' | 'code' | 'path' | 'domain' | 'tools' | 'interactive' | 'depth' | 'truncated' | 'always';

export interface Condition {
  any?: Condition[];
  all?: Condition[];
  not?: Condition;
  signal?: { kind: 'secret' | 'pii' | 'code' | 'domain' | 'origin'; type?: string[]; minCount?: number };
  code?: { minShare?: number; languages?: string[] };
  path?: string | string[];
  domain?: string[];
  tools?: boolean;
  interactive?: boolean;
  depth?: 'normal' | 'deep';
  truncated?: boolean;
  always?: true;
}

const conditionShape = {
  get any() { return z.array(conditionSchema).min(1).optional().describe('Matches when at least one listed condition matches.'); },
  get all() { return z.array(conditionSchema).min(1).optional().describe('Matches when every listed condition matches.'); },
  get not() { return conditionSchema.optional().describe('Matches when the condition does not.'); },
  signal: z.strictObject({
    kind: z.enum(['secret', 'pii', 'code', 'domain', 'origin']),
    type: z.array(kebab).min(1).optional().describe('Signal types to count; all types of the kind when omitted, except the weak ones (`possible-name`, `possible-full-name`, `possible-number`, `possible-address`), which count only when named.'),
    minCount: z.int().min(1).optional().describe('How many such signals are needed (default 1).'),
  }).optional().describe('Matches when the scan found signals of this kind (and type).'),
  code: z.strictObject({
    minShare: z.number().min(0).max(1).optional().describe('Minimum share of the prompt that is code, 0..1.'),
    languages: z.array(kebab).min(1).optional().describe('Only code in these languages counts.'),
  }).optional().describe('Matches when the prompt contains code.'),
  path: z.union([kebab, z.array(z.string()).min(1)], { error: 'expected a path list name or a list of globs' }).optional()
    .describe('A path list name from `paths`, or inline globs, matched against facts.filePath and parts[].path.'),
  domain: z.array(z.enum(['medical', 'legal', 'financial'])).min(1).optional().describe('Matches when the prompt touches one of these high-stakes domains.'),
  tools: z.boolean().optional().describe('Matches when the request does (true) or does not (false) ask for tools.'),
  interactive: z.boolean().optional().describe('Matches when the user waits for the answer (true) or it is a background task (false).'),
  depth: z.enum(['normal', 'deep']).optional().describe('Matches the depth the user asked for.'),
  truncated: z.boolean().optional().describe('Matches when the prompt was (true) or was not (false) longer than the scan limit.'),
  always: z.literal(true).optional().describe('Always matches.'),
};

export const conditionSchema: z.ZodType<Condition> = z
  .strictObject(conditionShape)
  .superRefine((cond, ctx) => {
    const keys = Object.keys(cond);
    if (keys.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `a condition names exactly one test, found ${keys.length === 0 ? 'none' : keys.join(', ')}` });
    }
  })
  .meta({ id: 'Condition', minProperties: 1, maxProperties: 1 });

const classTerms = z.strictObject({
  regions: z.array(z.string().min(1)).min(1).optional().describe('Regions where prompts may be processed (`local`, `eu`, `us`, `global`, …); any when omitted.'),
  maxRetentionDays: z.number().min(0).optional().describe('Longest prompt retention the provider may have, in days; 0 = not retained.'),
  noTraining: z.boolean().optional().describe('Require the provider to promise not to train on prompts.'),
}).describe('What a catalogue model must satisfy to count in this class.');

const actionFields = {
  route: routeTarget.optional().describe('The most permissive class allowed; more private classes are accepted as fallbacks. `blocked` sends nothing.'),
  message: z.string().min(1).optional().describe('With `route: blocked`: the message the user sees.'),
  prefer: preference.optional().describe('How candidates are ranked; interactive requests default to fast, background ones to cheap.'),
  escalate: z.boolean().optional().describe('When the user asks for depth, rank by tier (strongest allowed model first).'),
  explain: z.string().min(1).optional().describe('Plain-English template; see docs/policy.md for the {placeholders}.'),
};

const ruleSchema = z.strictObject({
  id: kebab.describe('Unique rule id, shown in every decision the rule makes.'),
  description: z.string().min(1),
  when: conditionSchema,
  continue: z.boolean().optional().describe('An annotating rule: adds its actions and lets later rules run; it cannot route.'),
  ...actionFields,
  require: z.array(capability).min(1).optional().describe('Capabilities every candidate must have.'),
  redact: z.array(kebab).min(1).optional().describe('Signal kinds (`secret`, `pii`) or types (`email`, `jwt`) replaced by placeholders before sending; the weak types (`possible-name`, …) only when named.'),
  requireCitations: z.boolean().optional().describe('Ask the model to cite its sources.'),
  review: z.boolean().optional().describe('Flag the answer for human review.'),
});

const defaultSchema = z.strictObject({
  ...actionFields,
  route: routeTarget.describe('Where requests go when no rule decides.'),
});

const presetObject = z
  .strictObject({
    $schema: z.string().optional(),
    name: kebab,
    version: z.string().min(1),
    description: z.string().min(1),
    classes: z.strictObject({ local: classTerms.optional(), private: classTerms.optional(), hosted: classTerms.optional() })
      .describe('Provider classes this preset allows at all, with the data terms a model needs to count in each.'),
    paths: z.record(kebab, z.array(z.string()).min(1)).optional().describe('Named glob lists usable in `path` conditions.'),
    knownWords: z.array(z.string().regex(/^\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*$/u, 'one word: letters, inner hyphens and apostrophes').max(64)).max(10000).optional()
      .describe('Your own vocabulary: product, project and team words no dictionary holds (`Zorbix`). The sweep vouches for them like dictionary words, so a weak type (`possible-name`, …) never covers them. Case does not matter. A person\'s name does not belong here.'),
    rules: z.array(ruleSchema).describe('Evaluated top to bottom; the first matching rule without `continue` decides.'),
    default: defaultSchema,
  });

export type Preset = z.infer<typeof presetObject>;
export type PresetRule = Preset['rules'][number];
export type PresetDefault = Preset['default'];
export type ClassTerms = z.infer<typeof classTerms>;
type Ctx = z.core.$RefinementCtx<Preset>;

export const presetSchema = presetObject.superRefine(checkPreset).meta({ title: 'Airlock policy preset' });
type Path = (string | number)[];

function checkPreset(preset: Preset, ctx: Ctx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  for (const [name, globs] of Object.entries(preset.paths ?? {})) {
    globs.forEach((glob, i) => {
      const problem = globProblem(glob);
      if (problem) issue(['paths', name, i], `bad glob: ${problem}`);
    });
  }
  const seen = new Map<string, number>();
  preset.rules.forEach((rule, i) => {
    const first = seen.get(rule.id);
    if (first !== undefined) issue(['rules', i, 'id'], `duplicate rule id '${rule.id}' (also rule ${first + 1})`);
    else seen.set(rule.id, i);
    checkRuleActions(rule, ['rules', i], issue);
    checkActions(rule, preset, ['rules', i], issue);
    checkCondition(rule.when, preset, ['rules', i, 'when'], issue);
  });
  checkActions(preset.default, preset, ['default'], issue);
}

function checkRuleActions(rule: PresetRule, at: Path, issue: (p: Path, m: string) => void): void {
  if (rule.continue) {
    for (const field of ['route', 'message', 'prefer', 'escalate', 'explain'] as const) {
      if (rule[field] !== undefined) issue([...at, field], `a rule with 'continue: true' only adds actions; it cannot set '${field}'`);
    }
  } else if (rule.route === undefined) {
    issue(at, `rule '${rule.id}' needs 'route' (or 'continue: true' to only add actions)`);
  }
}

function checkActions(action: { route?: string; message?: string; explain?: string }, preset: Preset, at: Path, issue: (p: Path, m: string) => void): void {
  const allowed = Object.keys(preset.classes);
  if (action.route && action.route !== 'blocked' && !allowed.includes(action.route)) {
    issue([...at, 'route'], `route '${action.route}' is not one of the preset's classes (${allowed.join(', ') || 'none'})`);
  }
  if (action.route === 'blocked' && !action.message) issue(at, "'route: blocked' needs a 'message' for the user");
  if (action.message && action.route !== 'blocked') issue([...at, 'message'], "'message' only goes with 'route: blocked'");
  for (const name of placeholdersIn(action.explain ?? '')) {
    if (!(EXPLAIN_PLACEHOLDERS as readonly string[]).includes(name)) {
      issue([...at, 'explain'], `unknown placeholder {${name}}; known: ${EXPLAIN_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`);
    }
  }
}

function checkCondition(cond: Condition, preset: Preset, at: Path, issue: (p: Path, m: string) => void): void {
  cond.any?.forEach((c, i) => checkCondition(c, preset, [...at, 'any', i], issue));
  cond.all?.forEach((c, i) => checkCondition(c, preset, [...at, 'all', i], issue));
  if (cond.not) checkCondition(cond.not, preset, [...at, 'not'], issue);
  if (typeof cond.path === 'string' && !preset.paths?.[cond.path]) {
    const known = Object.keys(preset.paths ?? {});
    issue([...at, 'path'], `unknown path list '${cond.path}' (known: ${known.join(', ') || 'none'})`);
  }
  if (Array.isArray(cond.path)) {
    cond.path.forEach((glob, i) => {
      const problem = globProblem(glob);
      if (problem) issue([...at, 'path', i], `bad glob: ${problem}`);
    });
  }
}

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] as string);
}
