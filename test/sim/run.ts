// Starts the three simulators for manual runs and end-to-end tests; prints their URLs, stops on SIGINT/SIGTERM.
// Usage: npx tsx test/sim/run.ts [--openai PORT] [--anthropic PORT] [--ollama PORT] [--json]
import { parseArgs } from 'node:util';
import { startAnthropicSim, startOllamaSim, startOpenAISim } from './index';

function port(value: string | undefined, flag: string): number {
  const n = Number(value ?? 0);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    process.stderr.write(`--${flag} must be a port number (0-65535), got ${JSON.stringify(value)}\n`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: { openai: { type: 'string' }, anthropic: { type: 'string' }, ollama: { type: 'string' }, json: { type: 'boolean' } },
});
const ports = { openai: port(values.openai, 'openai'), anthropic: port(values.anthropic, 'anthropic'), ollama: port(values.ollama, 'ollama') };
const sims = await Promise.all([startOpenAISim({ port: ports.openai }), startAnthropicSim({ port: ports.anthropic }), startOllamaSim({ port: ports.ollama })])
  .then(([openai, anthropic, ollama]) => ({ openai, anthropic, ollama }))
  .catch((err: unknown) => {
    process.stderr.write(`cannot start the simulators: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
const urls = Object.fromEntries(Object.entries(sims).map(([name, sim]) => [name, sim.url]));
process.stdout.write(values.json ? `${JSON.stringify(urls)}\n` : Object.entries(urls).map(([n, u]) => `${n} ${u}\n`).join(''));

async function stop(): Promise<void> {
  await Promise.all(Object.values(sims).map((sim) => sim.close()));
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
