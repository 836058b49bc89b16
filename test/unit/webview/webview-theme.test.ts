// The sidebar follows the user's theme (light, dark, high contrast): its styles use VS Code's theme variables only.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../../../webview');
const sources = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(css|ts)$/.test(f))
  .map((f) => ({ file: f, text: readFileSync(path.join(root, f), 'utf8') }));

// A colour written out: hex, rgb()/hsl(), or a CSS colour keyword used as a value.
const LITERAL = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(|:\s*(?:white|black|red|green|blue|gray|grey)\s*[;!]/i;

test('webview styles use theme variables, never literal colours', () => {
  assert.ok(sources.some((s) => s.file.endsWith('.css')), 'the stylesheet is found');
  const offenders = sources.flatMap(({ file, text }) =>
    text.split('\n').flatMap((line, i) => {
      const code = line.replace(/\/\/.*$|\/\*.*?\*\//g, '');
      return LITERAL.test(code) ? [`${file}:${i + 1}: ${line.trim()}`] : [];
    }),
  );
  assert.deepEqual(offenders, []);
});

test('the stylesheet draws focus with the theme focus border', () => {
  const css = sources.filter((s) => s.file.endsWith('.css')).map((s) => s.text).join('\n');
  assert.match(css, /:focus(?:-visible)?[^{]*\{[^}]*var\(--vscode-focusBorder\)/);
});
