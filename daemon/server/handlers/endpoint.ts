// endpoint/create: a new endpoint key for another assistant, with the base URLs and settings to paste (the
// extension's "Airlock: Connect Another Assistant"). Same key file as `airlock endpoint`.
import type { ClientResults } from '../../../protocol/methods';
import type { ServerContext } from '../context';
import { endpointKeyFile } from '../surfaces/keys';
import { endpointInfo, settingsText } from '../surfaces/settings';

export const endpointCreate = (ctx: ServerContext) => async (params: { name?: string }): Promise<ClientResults['endpoint/create']> => {
  const keys = endpointKeyFile(ctx.home);
  const live = new Set(keys.list().filter((k) => !k.revokedAt).map((k) => k.name));
  let name = params.name;
  for (let i = 1; !name; i++) if (!live.has(`assistant-${i}`)) name = `assistant-${i}`;
  const info = endpointInfo(ctx.port(), keys.create(name, ctx.now()));
  return { name, ...info, settings: settingsText(name, info) };
};
