// `airlock explain`: the decision record for a prompt, without calling any model.
import { plan, storageFor } from '../../route/plan';
import { factsFrom, parse, promptOptions, storageFrom } from '../args';
import { write, type Command } from '../context';
import { promptText } from '../input';
import { renderRecord } from '../render';
import { cliSettings } from '../settings';

export const explain: Command = (ctx) => async (argv) => {
  const { values, positionals } = parse(argv, promptOptions);
  const text = await promptText(values.file, positionals, ctx.stdin, ctx.cwd);
  // The daemon's config: its catalogue, its policy, and its prompt storage unless --storage asks for more privacy.
  const { config, policy, source } = cliSettings(ctx, values.policy);
  const storage = storageFor(config.storePrompts, values.storage === undefined ? undefined : storageFrom(values.storage));
  const { record } = await plan(text, factsFrom(values), { policy, catalogue: config.catalogue, storage, now: ctx.now() });
  // --json stays one record on stdout; the config line goes to stderr there.
  if (values.json) await write(ctx.stderr, `${source}\n`);
  await write(ctx.stdout, values.json ? `${JSON.stringify(record, null, 2)}\n` : `${renderRecord(record)}  ${source}\n`);
  return 0;
};
