// The layer rules in eslint.config.js, checked through the ESLint API with the project's own config: a forbidden
// import is reported, a permitted one is not. `npm test` runs eslint over the tree, so these rules are what fails it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** The `no-restricted-imports` messages for `source` linted as if it were the file at `file` (repo-relative). */
async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  assert.ok(result, 'eslint returned no result');
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const forbidden: Array<[file: string, source: string, reason: RegExp]> = [
  ['daemon/detect/sample.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /pure/],
  ['daemon/detect/sample.ts', "import net from 'net';\nexport const x = net;\n", /pure/],
  ['daemon/detect/sample.ts', "import { openStore } from '../store';\nexport const x = openStore;\n", /daemon\/store/],
  ['daemon/detect/sample.ts', "import { evaluate } from '../policy/evaluate';\nexport const x = evaluate;\n", /daemon\/policy/],
  ['daemon/detect/pii/sample.ts', "import { openStore } from '../../store';\nexport const x = openStore;\n", /daemon\/store/],
  ['daemon/detect/secrets/sample.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /pure/],
  ['daemon/detect/code/grammars.ts', "import { plan } from '../../route/plan';\nexport const x = plan;\n", /daemon\/route/],
  ['daemon/policy/sample.ts', "import { spawn } from 'node:child_process';\nexport const x = spawn;\n", /pure/],
  ['daemon/policy/sample.ts', "import { Worker } from 'node:worker_threads';\nexport const x = Worker;\n", /pure/],
  ['daemon/policy/sample.ts', "import type { Provider } from '../providers/types';\nexport type X = Provider;\n", /daemon\/providers/],
  ['daemon/policy/sample.ts', "import { startDaemon } from '../server/daemon';\nexport const x = startDaemon;\n", /daemon\/server/],
  ['daemon/policy/load.ts', "import http from 'node:http';\nexport const x = http;\n", /pure/],
  ['daemon/detect/code/grammars.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /pure/],
  ['webview/sample.ts', "import path from 'node:path';\nexport const x = path;\n", /browser bundle/],
  ['webview/chat/sample.ts', "import { EventEmitter } from 'events';\nexport const x = EventEmitter;\n", /browser bundle/],
  ['webview/chat/sample.ts', "import { scan } from '../../daemon/detect';\nexport const x = scan;\n", /daemon\//],
  ['webview/sample.ts', "import { x } from '../extension/describe';\nexport const y = x;\n", /extension\//],
  ['extension/sample.ts', "import { scan } from '../daemon/detect';\nexport const x = scan;\n", /protocol/],
  ['extension/views/sample.ts', "import { openStore } from '../../daemon/store';\nexport const x = openStore;\n", /protocol/],
  ['protocol/sample.ts', "import { scan } from '../daemon/detect';\nexport const x = scan;\n", /nothing of ours/],
  ['protocol/sample.ts', "import { randomUUID } from 'node:crypto';\nexport const x = randomUUID;\n", /nothing of ours/],
];

const permitted: Array<[file: string, source: string]> = [
  ['daemon/detect/sample.ts', "import path from 'node:path';\nimport { AirlockError } from '../../protocol';\nexport const x = [path, AirlockError];\n"],
  ['daemon/policy/sample.ts', "import type { Finding } from '../detect/finding';\nimport { parse } from 'yaml';\nexport type F = Finding;\nexport const x = parse;\n"],
  ['daemon/policy/load.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ['daemon/detect/pii/sample.ts', "import type { Finding } from '../finding';\nimport { x } from '../secrets/rules';\nexport type F = Finding;\nexport const y = x;\n"],
  ['daemon/detect/code/grammars.ts', "import { createRequire } from 'node:module';\nexport const x = createRequire;\n"],
  ['webview/chat/sample.ts', "import { x } from '../shared/format';\nimport type { ErrorCode } from '../../protocol/errors';\nexport type E = ErrorCode;\nexport const y = x;\n"],
  // extension/views/ → extension/daemon/ is the extension's own folder, not airlockd's.
  ['extension/views/sample.ts', "import { x } from '../daemon/connection';\nimport { y } from '../../protocol/methods';\nexport const z = [x, y];\n"],
  ['extension/sample.ts', "import { x } from './daemon/connection';\nimport fs from 'node:fs';\nexport const z = [x, fs];\n"],
  ['daemon/server/sample.ts', "import { readFileSync } from 'node:fs';\nimport { scan } from '../detect';\nexport const x = [readFileSync, scan];\n"],
  ['protocol/sample.ts', "import { z } from 'zod';\nimport { x } from './errors';\nexport const y = [z, x];\n"],
];

for (const [file, source, reason] of forbidden) {
  test(`layers: ${file} may not ${source.split('\n')[0]}`, async () => {
    const errors = await layerErrors(file, source);
    assert.equal(errors.length, 1, `expected one layer error, got ${JSON.stringify(errors)}`);
    assert.match(errors[0]!, reason);
  });
}

for (const [file, source] of permitted) {
  test(`layers: ${file} may ${source.split('\n')[0]}`, async () => {
    assert.deepEqual(await layerErrors(file, source), []);
  });
}
