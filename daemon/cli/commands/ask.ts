// `airlock ask`: sends a prompt through airlockd (started if needed), streams the answer, then says how it was routed.
import { randomUUID } from 'node:crypto';
import { AirlockError } from '../../../protocol/errors';
import type { DecisionRecord } from '../../../protocol/record';
import { connect } from '../../server/client';
import { factsFrom, parse, promptOptions, storageFrom } from '../args';
import { write, type Command } from '../context';
import { ensureDaemon, homeOf } from '../daemon-process';
import { promptText } from '../input';
import { renderRecord } from '../render';

export const ask: Command = (ctx) => async (argv) => {
  const { values, positionals } = parse(argv, promptOptions);
  const text = await promptText(values.file, positionals, ctx.stdin, ctx.cwd);
  if (!text.trim()) throw new AirlockError('AIRLOCK_E_USAGE', 'the prompt is empty');
  await ensureDaemon(ctx.env);
  const client = await connect({ home: homeOf(ctx.env), env: ctx.env });
  const requestId = randomUUID();
  const stopChunks = client.onNotification('chat/chunk', (n) => {
    if (n.requestId === requestId) ctx.stdout.write(n.delta);
  });
  try {
    const facts = factsFrom(values);
    const result = await client.request('chat/send', {
      requestId, text, facts, ...(values.policy ? { policy: values.policy } : {}), ...(values.storage ? { storePrompts: storageFrom(values.storage) } : {}),
    });
    await write(ctx.stdout, result.text.endsWith('\n') ? '\n' : '\n\n');
    await write(ctx.stdout, values.json ? `${JSON.stringify(result.record, null, 2)}\n` : renderRecord(result.record));
    return 0;
  } catch (err) {
    const record = err instanceof AirlockError ? (err.details?.record as DecisionRecord | undefined) : undefined;
    if (record && values.json) await write(ctx.stdout, `${JSON.stringify(record, null, 2)}\n`);
    throw err;
  } finally {
    stopChunks();
    client.close();
  }
};
