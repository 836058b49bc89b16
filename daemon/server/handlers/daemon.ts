// health/get, audit/verify and daemon/shutdown.
import type { ClientResults } from '../../../protocol/methods';
import type { ServerContext } from '../context';

export const healthGet = (ctx: ServerContext & { recordCount(): number }) => async (): Promise<ClientResults['health/get']> => {
  const policy = ctx.state.policy();
  return {
    version: ctx.version,
    pid: process.pid,
    uptimeMs: Date.now() - ctx.startedAt,
    policy: { name: policy.ref.name, file: policy.ref.file },
    providers: await ctx.runner.health(),
    storePath: ctx.store.path,
    records: ctx.recordCount(),
    ...(ctx.telemetry?.() ? { telemetry: ctx.telemetry()! } : {}),
    ...(ctx.policySource?.() ? { policySource: ctx.policySource()! } : {}),
  };
};

export const auditVerify = (ctx: ServerContext) => async (): Promise<ClientResults['audit/verify']> => {
  const result = ctx.store.verify();
  if (result.ok) return { ok: true, count: result.count };
  const broken = result.firstBroken;
  return { ok: false, count: result.count, firstBroken: { seq: broken.seq, id: broken.id ?? '', reason: broken.reason } };
};

export const daemonShutdown = (ctx: ServerContext) => async (): Promise<ClientResults['daemon/shutdown']> => {
  ctx.log.info('shutdown requested');
  // After this response has been written.
  setTimeout(() => ctx.shutdown(), 20);
  return { stopping: true };
};
