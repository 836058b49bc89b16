// Code in languages without a grammar whose keywords are upper case (SQL DDL, T-SQL, Makefile variables): an
// upper-case word is one word, not a run of letters of which "A" and "I" read as the English words "a" and "i".
// Snippets written for this test; the per-language recall on real example files is in `npm run eval:detect`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectCode } from '../../../daemon/detect/code';
import { scoreLine } from '../../../daemon/detect/code/fallback';

test('upper-case SQL DDL, T-SQL and Makefile lines are code, not prose', () => {
  for (const text of [
    "CREATE FUNCTION audit_touch(integer, text)\nRETURNS boolean\nAS 'MODULE_PATHNAME', 'audit_touch'\nLANGUAGE C STRICT IMMUTABLE;",
    'CREATE VIEW active_accounts AS\n    SELECT\n        acct_id,\n        acct_name,\n        opened_at\n    FROM ledger.accounts;',
    'DECLARE @since DATE = DATEADD(day, -7, GETDATE());\nIF OBJECT_ID(\'tempdb..#recent\') IS NOT NULL DROP TABLE #recent;\nSELECT TOP 10 OrderID INTO #recent FROM Sales.Orders WHERE OrderDate >= @since;',
    'PREFIX ?= /usr/local\nINSTALL_DATA = install -m 644\nDESTDIR =\nMANDIR = $(PREFIX)/share/man',
  ]) assert.equal(detectCode(text).isCode, true, text);
});

test('an upper-case keyword scores as code on its own line', () => {
  assert.ok(scoreLine("AS 'MODULE_PATHNAME', 'audit_touch'").score > -1, 'AS with a quoted symbol name');
  assert.ok(scoreLine('LANGUAGE C STRICT IMMUTABLE;').score >= 2, 'a statement of upper-case keywords');
});

test('prose with acronyms and the words "a" and "I" stays prose', () => {
  for (const text of [
    'I asked IT whether the VPN and the NAS share a subnet, and they said a ticket is needed first.',
    'A quick note: the API returns JSON, but I think the SDK converts it to XML for the legacy CRM.',
    'We moved the DNS records to AWS last week; I will check whether the TTL is still a problem.',
  ]) assert.equal(detectCode(text).isCode, false, text);
});

// Shapes of the languages that were weak on their example files (daemon/detect/code/shapes.ts, BLOCK_SHAPES), each with
// prose that has the same words without the syntax. Snippets written for this test.
const SHAPED: Array<[language: string, code: string]> = [
  ['elixir', 'defmodule Billing.Invoice do\n  use Billing.Schema\n\n  defmodule Line do\n    use Agent\n  end\nend'],
  ['haskell', 'instance Functor Pair where\n  fmap f (Pair a b) = Pair (f a) (f b)\n  x <$ Pair _ _ = Pair x x'],
  ['lua', 'for i = 1, 3 do  t[i] = function (x) return x + a end  end\nfor i = 1, 3 do  u[i] = function (y) return i + y end  end'],
  ['nix', '{ stdenv\n, fetchurl\n, zlib ? null\n, static ? false\n}:'],
  ['shell', 'for v in \\\n  LANG LC_ALL \\\n  LC_TIME\ndo\n  unset $v\ndone'],
  ['sql', 'lookup_entry text default null,\n    max_rows integer default 100,\n    include_deleted boolean default false,\n    owner_id OUT bigint)\nRETURNS SETOF record'],
  ['ruby', "task :sync do\n  FileUtils.cp_r 'public/assets', 'tmp/assets'\n  FileUtils.rm_rf 'tmp/cache'\nend"],
];

const PROSE_WITH_THE_WORDS = [
  'if you have nothing left to do\nthen take the rest of the afternoon off and we can talk tomorrow.',
  'for each item in the list we do a quick review, then we move on to the next one.',
  'Hello,\n\nI wanted to ask whether the Haskell class instance where the types match is the one I need.',
  'use Docker for local builds; the data we keep where possible goes to the shared drive.',
  'Node.js is great for small services, and Elixir is great when you need many of them.',
  'The end of the sprint is Friday. Do we still need the table with the date and text columns?',
];

test('each weak language shape is recognised as code', () => {
  for (const [language, code] of SHAPED) assert.equal(detectCode(code).isCode, true, `${language}: ${code}`);
});

test('prose with the same keywords, a greeting line, a lone "end" word stays prose', () => {
  for (const text of PROSE_WITH_THE_WORDS) assert.equal(detectCode(text).isCode, false, text);
});
