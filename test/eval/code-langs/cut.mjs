import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Cuts a source file into eval snippets (4–12 lines, at blank lines; long blocks every 8 lines). Shared by collect.mjs
// (the development set) and heldout/collect.mjs (the held-out set), so that both are cut the same way.
const COMMENT = /^\s*(?:#|--|\/\/|;)/;
/** Blank-line separated blocks, joined until a snippet has 4 non-blank lines, cut at 12 lines. Documentation is not
 *  code: Perl POD, block comments and PowerShell comment-based help are removed, and a snippet made mostly of
 *  comment lines is skipped. */
export function cut(text) {
  const lines = text.replace(/\r/g, '')
    .replace(/^=(?:head|pod|over|item|cut|begin|end|for)[\s\S]*?^=cut\s*$/gm, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/<#[\s\S]*?#>/g, '')
    .split('\n');
  const out = [];
  let cur = [];
  const flush = () => {
    const body = cur.filter((l) => l.trim());
    const code = body.filter((l) => !COMMENT.test(l));
    if (body.length >= 4 && code.length * 2 > body.length) out.push(cur.slice(0, 12).join('\n').trim());
    cur = [];
  };
  for (const line of lines) {
    const filled = cur.filter((l) => l.trim()).length;
    // A blank line ends a snippet of 4+ lines; a long block is cut every 8 lines.
    if ((!line.trim() && filled >= 4) || (line.trim() && filled >= 8)) flush();
    if (line.trim() || cur.length) cur.push(line);
  }
  flush();
  return out;
}

/** Writes <dir>/<lang>.txt: up to `perLanguage` distinct snippets, taken from the files in turn (each file's first
 *  snippet, then each one's second, …) so that no one file fills a language. */
export function writeSnippets(dir, lang, files, perLanguage) {
  const perFile = files.map((f) => cut(readFileSync(f, 'utf8')));
  const picked = [];
  for (let i = 0; picked.length < perLanguage && perFile.some((s) => s.length > i); i++) {
    for (const s of perFile) if (s[i] && picked.length < perLanguage && !picked.includes(s[i])) picked.push(s[i]);
  }
  writeFileSync(path.join(dir, `${lang}.txt`), picked.join('\n%%\n') + '\n');
  console.log(lang, picked.length, 'snippets from', files.length, 'files');
}
