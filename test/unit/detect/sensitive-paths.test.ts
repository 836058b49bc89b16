// §6 sensitive paths: the shipped list is one table, in docs/policy.md ("Sensitive paths"). This test reads that
// table: every shipped preset carries exactly its globs, every example path routes local under every preset and
// every counter-example matches none of the globs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { defaultCatalogue } from '../../../daemon/policy/catalogue';
import { compileGlob, matchesAnyGlob } from '../../../daemon/policy/glob';
import { listPresets, loadPolicy } from '../../../daemon/policy/load';
import { plan } from '../../../daemon/route/plan';

interface Row { glob: string; matches: string[]; misses: string[] }

const doc = readFileSync(path.resolve(import.meta.dirname, '../../../docs/policy.md'), 'utf8');
const section = doc.slice(doc.indexOf('## Sensitive paths'), doc.indexOf('\n## ', doc.indexOf('## Sensitive paths') + 1));
const ticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
const rows: Row[] = section.split('\n').filter((l) => l.startsWith('| `')).map((line) => {
  const [glob, , yes, no] = line.split('|').slice(1, -1);
  return { glob: ticked(glob as string)[0] as string, matches: ticked(yes as string), misses: ticked(no as string) };
});

test('the documented table is there and names every path the issue lists', () => {
  assert.ok(rows.length >= 20, `${rows.length} rows`);
  const examples = rows.flatMap((r) => r.matches);
  for (const p of ['.envrc', 'prod.env', '~/.git-credentials', '~/.docker/config.json', '~/.pgpass', '~/.kube/config', '~/.ssh/id_rsa', '~/.ssh/id_ecdsa', '~/.ssh/id_ed25519_sk', '~/.ssh/id_dsa', 'secrets.yaml', 'helm/secrets.yml', 'credentials.json', '~/.aws/credentials', '~/.netrc', 'server.pem', 'signing.p12', 'cert.pfx', 'tls/server.key']) {
    assert.ok(examples.includes(p), `${p} is an example in the table`);
  }
});

for (const name of listPresets()) {
  test(`${name}: carries exactly the documented sensitive globs, and each example stays local`, async () => {
    const policy = loadPolicy(name);
    assert.deepEqual(policy.preset.paths?.sensitive, rows.map((r) => r.glob));
    const globs = rows.map((r) => compileGlob(r.glob));
    for (const row of rows) {
      for (const p of row.matches) assert.ok(matchesAnyGlob(p, [compileGlob(row.glob)]), `${row.glob} matches ${p}`);
      for (const p of row.misses) assert.ok(!matchesAnyGlob(p, globs), `no sensitive glob matches ${p}`);
    }
    // Through the real decision path: public text attached from such a file stays on the machine.
    for (const filePath of rows.flatMap((r) => r.matches)) {
      const planned = await plan('What does the HTTP 418 status code mean?', { source: 'chat', interactive: true, filePath }, { policy, catalogue: defaultCatalogue, storage: 'none', now: new Date(0) });
      assert.equal(planned.record.route.target, 'local', `${name}: ${filePath}`);
    }
  });
}
