// `airlock policy test|lint|list|schema|replay|diff`: presets are tested like code.
import path from 'node:path';
import { AirlockError } from '../../../protocol';
import { scan } from '../../detect';
import { policyJsonSchemaText } from '../../policy/export-schema';
import { defaultPresetsDir, listPresets, loadPolicy, resolvePresetFile } from '../../policy/load';
import { formatResults, junit, REPORTERS, tap, type Reporter } from '../../policy/reporters';
import { lintPreset } from '../../policy/lint';
import { runPresetTests, type CaseResult } from '../../policy/test-runner';
import { parse } from '../args';
import { write, type CliContext, type Command } from '../context';
import { cliConfig } from '../settings';

/** Writes the results in the chosen format; 1 when any case failed. */
const reporting = (ctx: CliContext) => async (results: CaseResult[], reporter: Reporter, source: string): Promise<number> => {
  const failed = results.filter((r) => !r.passed).length;
  if (reporter === 'json') await write(ctx.stdout, `${JSON.stringify(results.map(({ decision: _d, ...r }) => r), null, 2)}\n`);
  else if (reporter === 'junit') await write(ctx.stdout, junit(results));
  else if (reporter === 'tap') await write(ctx.stdout, tap(results));
  else await write(ctx.stdout, `${formatResults(results)}\n`);
  // Machine-read formats keep stdout clean: the config line goes to stderr.
  await write(reporter === 'text' ? ctx.stdout : ctx.stderr, `${source}\n`);
  return failed ? 1 : 0;
};

export const policy: Command = (ctx) => async (argv) => {
  const [sub, ...rest] = argv;
  if (sub === 'replay') return (await import('./policy-replay')).policyReplay(ctx, rest);
  if (sub === 'diff') return (await import('./policy-diff')).policyDiff(ctx, rest);
  const report = reporting(ctx);
  const { values, positionals } = parse(rest, { json: { type: 'boolean' }, reporter: { type: 'string' }, golden: { type: 'string' }, policy: { type: 'string' } });
  switch (sub) {
    case 'test': {
      const reporter = (values.reporter ?? (values.json ? 'json' : 'text')) as Reporter;
      if (!REPORTERS.includes(reporter)) throw new AirlockError('AIRLOCK_E_USAGE', `--reporter takes ${REPORTERS.join(', ')}, not '${values.reporter}'`);
      if (values.golden !== undefined) {
        // Golden-set mode: the prompts in a folder against one preset (--policy, default balanced).
        const { runGoldenSet } = await import('./policy-golden');
        const { config, source } = cliConfig(ctx);
        const goldenPolicy = loadPolicy(values.policy ?? 'balanced', { cwd: ctx.cwd });
        return report(await runGoldenSet(path.resolve(ctx.cwd, values.golden), goldenPolicy, scan, config.catalogue), reporter, source);
      }
      const targets = positionals.length ? positionals.map((p) => resolvePresetFile(p, { cwd: ctx.cwd })) : listPresets().map((n) => path.join(defaultPresetsDir(), `${n}.yaml`));
      // Routes are checked against the daemon's catalogue, as `policy/test` in airlockd does.
      const { config, source } = cliConfig(ctx);
      const results = await runPresetTests(targets, scan, config.catalogue);
      return report(results, reporter, source);
    }
    case 'lint': {
      if (positionals.length === 0) throw new AirlockError('AIRLOCK_E_USAGE', 'airlock policy lint FILE…');
      let problems = 0;
      for (const file of positionals) {
        const found = lintPreset(path.resolve(ctx.cwd, file));
        problems += found.length;
        await write(found.length ? ctx.stderr : ctx.stdout, found.length ? `${found.join('\n')}\n` : `ok   ${file}\n`);
      }
      return problems ? 1 : 0;
    }
    case 'list':
      await write(ctx.stdout, `${listPresets().join('\n')}\n`);
      return 0;
    case 'schema':
      await write(ctx.stdout, policyJsonSchemaText());
      return 0;
    default:
      throw new AirlockError('AIRLOCK_E_USAGE', 'airlock policy test [--reporter text|junit|tap|json] [PRESET|FILE…] | test --golden DIR [--policy P] | lint FILE… | list | schema | replay --policy NEW [--against CUR] [--since DATE] [--json] | diff A B');
  }
};
