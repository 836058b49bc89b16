// `airlock explain`: the decision record for a prompt, without calling any model.
import path from 'node:path';
import { AirlockError } from '../../../protocol';
import { defaultCatalogue } from '../../policy/catalogue';
import { loadPolicy } from '../../policy/load';
import { plan } from '../../route/plan';
import { factsFrom, parse, policyName, promptOptions, storageFrom } from '../args';
import { write, type Command } from '../context';
import { decodeUtf8, readAll, readTextFile } from '../input';
import { renderRecord } from '../render';

export const explain: Command = (ctx) => async (argv) => {
  const { values, positionals } = parse(argv, promptOptions);
  if (values.file && positionals.length) throw new AirlockError('AIRLOCK_E_USAGE', 'give the prompt as TEXT or --file, not both');
  const text = values.file
    ? await readTextFile(path.resolve(ctx.cwd, values.file))
    : positionals.length
      ? positionals.join(' ')
      : decodeUtf8(await readAll(ctx.stdin), 'standard input');
  const policy = loadPolicy(policyName(values.policy, ctx.env), { cwd: ctx.cwd });
  const { record } = await plan(text, factsFrom(values), { policy, catalogue: defaultCatalogue, storage: storageFrom(values.storage), now: ctx.now() });
  await write(ctx.stdout, values.json ? `${JSON.stringify(record, null, 2)}\n` : renderRecord(record));
  return 0;
};
