// §6: a vendor token wrapped onto two or more lines by a terminal or an e-mail client is still one secret, and the
// finding covers both halves, so redaction or routing sees all of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectSecrets } from '../../../daemon/detect/secrets';
import { detectWrappedTokens, nextBreak } from '../../../daemon/detect/secrets/wrapped';

// Valid shapes for each vendor grammar (made up; not live credentials).
const TOKENS: Record<string, string> = {
  'github-token': 'ghp_R7mK2pX9vT4wQ8sL1nB6cF3hJ0dG5yZ2aE7u',
  'openai-api-key': 'sk-proj-Xq7T2vB9mK4pL8sR1wN6cF3hJ0dG5yZ2aE7uQ',
  'slack-token': 'xoxb-2748391056-7731904412-Vq8TmR2kXw9PzL4nB6cF3hJ0',
  'aws-access-key-id': 'AKIAQ7RVN3LK2XW5TY8P',
  'stripe-secret-key': 'sk_live_51Hq8ZcWrapQ4vT7wX2nB5mK9pL3sR6yD1fG',
  'google-api-key': 'AIzaSyD8kR2vT9wQ4mL7pX1nB6cF3hJ0dG5yZ2a',
  'anthropic-api-key': 'sk-ant-api03-Rk7T2vB9mK4pL8sR1wN6cF3hJ0dG5yZ2aE7uQx',
};

const wrap = (token: string, at: number, brk = '\n'): string => `${token.slice(0, at)}${brk}${token.slice(at)}`;

for (const [type, token] of Object.entries(TOKENS)) {
  test(`${type}: found whole when wrapped at any point`, async () => {
    for (let at = 4; at < token.length - 1; at++) {
      for (const brk of ['\n', '\r\n']) {
        const text = `Why does this fail?\n${wrap(token, at, brk)}\nThanks`;
        const wrapped = wrap(token, at, brk);
        const start = text.indexOf(wrapped);
        const found = (await detectSecrets(text)).filter((f) => f.kind === 'secret');
        // One finding covers the whole wrapped token: both halves are redacted or routed together.
        assert.ok(found.some((f) => f.start <= start && f.end >= start + wrapped.length), `${type} wrapped at ${at}: ${JSON.stringify(found)}`);
      }
    }
  });
}

test('a token wrapped over three lines is one finding of its vendor type', () => {
  const token = TOKENS['aws-access-key-id'] as string;
  const text = `key:\n${token.slice(0, 6)}\n${token.slice(6, 13)}\n${token.slice(13)}\nend`;
  const found = detectWrappedTokens(text);
  assert.deepEqual(found.map((f) => [f.type, text.slice(f.start, f.end).replace(/\n/g, '')]), [['aws-access-key-id', token]]);
});

test('a complete fixed-length token is not extended over the next line; a variable-length one is (fail closed)', () => {
  assert.deepEqual(detectWrappedTokens(`${TOKENS['aws-access-key-id']}\nThanks`), []);
  const github = `${TOKENS['github-token']}\nThanks`;
  assert.deepEqual(detectWrappedTokens(github).map((f) => [f.start, f.end]), [[0, github.length]]);
});

test('ordinary wrapped prose and a lone prefix are not tokens', () => {
  assert.deepEqual(detectWrappedTokens('the sk-\nlearn package and ghp_\nprefix\nAKIA\nwords'), []);
  assert.deepEqual(detectWrappedTokens('line one\nline two\nxoxb-\n'), []);
});

test('the shortest vendor grammar is still found when wrapped: the skip of short joins (MIN_TOKEN_LENGTH) is not too eager', async () => {
  const { MIN_TOKEN_LENGTH, detectTokenPatterns } = await import('../../../daemon/detect/secrets/patterns');
  const shortest = 'AP3bK9xQ2mW'; // artifactory: AP + hex digit + 8
  assert.equal(shortest.length, MIN_TOKEN_LENGTH);
  assert.equal(detectTokenPatterns(shortest).length, 1, 'the shortest token is a token');
  assert.deepEqual(detectTokenPatterns(shortest.slice(0, -1)), [], 'one character less is not');
  for (let at = 3; at < shortest.length; at++) {
    const text = `token:\n${wrap(shortest, at)}\n`;
    const found = detectWrappedTokens(text);
    assert.deepEqual(found.map((f) => [f.start, f.end]), [[7, 7 + shortest.length + 1]], `wrapped at ${at}`);
  }
});

test('nextBreak finds the breaks the look-around regex it replaces finds (CRLF, lone CR, breaks at the edges)', () => {
  const re = /(?<=[A-Za-z0-9_.-])\r?\n(?=[A-Za-z0-9_.-])/g;
  const pieces = ['a', 'Z', '9', '_', '.', '-', ' ', '\n', '\r', '\r\n', '\n\n', '\r\r\n', '~', 'é'];
  let seed = 15;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const texts = ['\nab\ncd\n', '\r\nab\r\ncd\r\n', 'a\r\r\nb', 'a\n\rb'];
  for (let k = 0; k < 500; k++) texts.push(Array.from({ length: 24 }, () => pieces[rand(pieces.length)]).join(''));
  for (const t of texts) {
    const want: Array<[number, number]> = [];
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) want.push([m.index, m[0].length]);
    const got: Array<[number, number]> = [];
    for (let b = nextBreak(t, 0); b; b = nextBreak(t, b.index + b.length)) got.push([b.index, b.length]);
    assert.deepEqual(got, want, JSON.stringify(t));
  }
});
