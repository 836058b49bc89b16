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
