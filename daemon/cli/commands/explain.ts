// `airlock explain`: the decision record for a prompt, without calling any model.
import { defaultCatalogue } from '../../policy/catalogue';
import { loadPolicy } from '../../policy/load';
import { plan } from '../../route/plan';
import { factsFrom, parse, policyName, promptOptions, storageFrom } from '../args';
import { write, type Command } from '../context';
import { promptText } from '../input';
import { renderRecord } from '../render';

export const explain: Command = (ctx) => async (argv) => {
  const { values, positionals } = parse(argv, promptOptions);
  const text = await promptText(values.file, positionals, ctx.stdin, ctx.cwd);
  const policy = loadPolicy(policyName(values.policy, ctx.env), { cwd: ctx.cwd });
  const { record } = await plan(text, factsFrom(values), { policy, catalogue: defaultCatalogue, storage: storageFrom(values.storage), now: ctx.now() });
  await write(ctx.stdout, values.json ? `${JSON.stringify(record, null, 2)}\n` : renderRecord(record));
  return 0;
};
