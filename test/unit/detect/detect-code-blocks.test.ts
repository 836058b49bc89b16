// Code whose lines are weak alone and unmistakable together (daemon/detect/code/blocks.ts): YAML blocks, bare lists
// of identifiers, and two line-level causes found on the same languages (words inside snake_case identifiers counted
// as English, Perl declarations). Snippets written for this test, each beside prose that has the same words or
// characters; recall on real files is in `npm run eval:detect` (code-langs and code-langs/heldout).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectCode } from '../../../daemon/detect/code';
import { scoreLine } from '../../../daemon/detect/code/fallback';

const isCode = (text: string) => detectCode(text).isCode;

test('a YAML block whose lines are only keys and list items is code', () => {
  for (const text of [
    // A key opening a more deeply indented list: no line of it is code alone.
    'packages:\n    - curl\n    - jq\n    - ripgrep\n    - tmux',
    // Nested keys, one plain pair among them.
    'concurrency:\n  group: deploy-prod\n  cancel-in-progress: true\ndefaults:\n  run:\n    shell: bash',
    // Nested maps with short values, a comment and a blank line inside.
    'resources:\n  limits:\n    memory: 256Mi\n\n  # requests equal limits\n  requests:\n    memory: 256Mi',
    // A block scalar's text lines belong to the block.
    'script: |\n  npm ci\n  npm test\nartifacts:\n  paths:\n    - dist/\n    - coverage/',
  ]) assert.equal(isCode(text), true, text);
});

test('sibling pairs with code-like keys are a YAML block without any nesting', () => {
  assert.equal(isCode('LOG_LEVEL: debug\nMAX_RETRIES: 5\nCACHE_DIR: /var/cache/app\nFEATURE_FLAGS: beta'), true);
  assert.equal(isCode('retryCount: 3\nbackoff-ms: 250\nqueue.name: invoices\nuse_tls: true'), true);
});

test('prose and forms that mention YAML keys stay prose', () => {
  for (const text of [
    'Set `replicas: 3` in the deployment, and point the key `image:` at the new tag before you apply it.',
    'In YAML a list item starts with a dash and a space, and a key is followed by a colon, like name: value.',
    // A form: labels, no nesting, values that are words.
    'Name: Ana Lopez\nRole: Support\nTeam: Billing\nStatus: on leave until Monday',
    // Labels in Title case opening bullet lists.
    'Pros:\n  - fast\n  - cheap\n\nCons:\n  - slow builds\n  - no docs',
    'Notes from the call:\n- deploys are slow\n- the staging key expired\n- Ana owns the fix',
  ]) assert.equal(isCode(text), false, text);
});

test('a bracketed list of bare words, or of identifiers no prose has, is code', () => {
  for (const text of [
    // The inside of an export list: only the closing line is code alone.
    'parse_header\n    build_index\n    flush_cache\n    drop_table\n);',
    // Plain words count once brackets hold them.
    'use constant LEVELS => qw(\n  debug\n  info\n  warn\n  fatal\n);',
    // A run of upper-case constant names with no bracket in sight.
    'MAX_DEPTH\nMIN_WIDTH\nDEFAULT_TIMEOUT\nRETRY_LIMIT\nCACHE_TTL',
  ]) assert.equal(isCode(text), true, text);
});

test('a column of plain words stays prose', () => {
  for (const text of [
    'Groceries for the weekend\nmilk\neggs\nbread\nbutter\napples',
    'Who is on call this week?\nAna\nBilal\nChen\nDmitri',
  ]) assert.equal(isCode(text), false, text);
});

test('words joined by underscores are one identifier, not English function words', () => {
  // "has", "any", "is", "the" inside identifiers used to count as prose.
  assert.ok(scoreLine('    build_has_any').score >= 0, 'build_has_any');
  assert.ok(scoreLine('    is_the_default_for').score >= 0, 'is_the_default_for');
  // Prose keeps its words.
  assert.equal(scoreLine('Is this the default for all of the builds that we have?').verdict, 'prose');
});

test('a Perl declaration with a sigil is code; "my $5" in a sentence is not', () => {
  assert.equal(scoreLine('our @EXPORT_OK=qw(version capb stop reset title input beginblock endblock go').verdict, 'code');
  assert.equal(scoreLine('my ($self, $cb) = @_').verdict, 'code');
  assert.equal(isCode('my $5 coupon expired before I could use it, and the support page says to ask in the store.'), false);
  assert.equal(isCode('Perl variables start with a sigil: $ for scalars, @ for arrays and % for hashes.\nSo my $name is a scalar and our @list is an array.'), false);
});
