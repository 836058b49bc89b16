// One-off collector (run by hand, output committed): cuts snippets for the code-without-a-grammar eval out of example
// and source files — those that ship on this machine (Debian packages, bundled tools), and excerpts of public
// repositories' files kept in src/ (named <language>--<file>). Sources and licences: SOURCES.md.
// Usage: node test/eval/code-langs/collect.mjs   (rewrites every <language>.txt and prose.txt)
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { writeSnippets } from './cut.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const PER_LANGUAGE = 25;
const ls = (dir, re) => (existsSync(dir) ? readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => path.join(dir, f)) : []);

const SOURCES = {
  sql: [...ls('/usr/share/postgresql/15', /^(system_views|information_schema|system_functions)\.sql$/), ...ls('/usr/share/postgresql/15/extension', /--1\.\d\.sql$/).slice(0, 40)],
  perl: ['/usr/share/perl/5.36.0/File/Copy.pm', '/usr/share/perl/5.36.0/Text/Wrap.pm', '/usr/share/perl/5.36.0/Getopt/Std.pm', '/usr/share/perl/5.36.0/File/Temp.pm', '/usr/share/perl/5.36.0/Text/ParseWords.pm'],
  makefile: [...ls('/usr/share/dpkg', /\.mk$/), '/usr/share/doc/git/contrib/subtree/Makefile', '/usr/share/doc/git/contrib/contacts/Makefile',
    '/usr/share/groff/1.22.4/font/devps/generate/Makefile', '/usr/lib/python3.11/config-3.11-x86_64-linux-gnu/Makefile'],
  shell: ['/usr/bin/bzdiff', '/usr/bin/bzgrep', '/usr/bin/bzmore', '/usr/bin/dpkg-maintscript-helper', '/usr/bin/gcore', '/usr/bin/gdb-add-index', '/usr/bin/bashbug', '/usr/bin/compile_et'],
  yaml: readdirSync('/work/main/node_modules').sort().map((p) => path.join('/work/main/node_modules', p, '.github/workflows')).flatMap((d) => ls(d, /\.ya?ml$/)).slice(0, 30),
  toml: ls('/usr/lib/google-cloud-sdk/platform/gsutil/third_party', /./).map((d) => path.join(d, 'pyproject.toml')).filter(existsSync),
  ...fromSrc(),
  dockerfile: [...ls('/usr/lib/google-cloud-sdk/platform/ext-runtime/python/data', /^Dockerfile/), ...ls('/usr/lib/google-cloud-sdk/platform/ext-runtime/php/templates', /^Dockerfile/),
    ...ls('/usr/lib/google-cloud-sdk/platform/ext-runtime/go/data', /^Dockerfile/), ...ls(path.join(here, 'src'), /^dockerfile--/)],
  powershell: ['/usr/lib/node_modules/npm/bin/npm.ps1', '/usr/lib/node_modules/npm/bin/npx.ps1', '/usr/lib/google-cloud-sdk/platform/bundledpythonunix/lib/python3.12/venv/scripts/common/Activate.ps1'],
};

/** src/<language>--<name>: excerpts of public repositories' files, grouped by language. */
function fromSrc() {
  const out = {};
  for (const f of ls(path.join(here, 'src'), /--/)) (out[path.basename(f).split('--')[0]] ??= []).push(f);
  return out;
}

for (const [lang, files] of Object.entries(SOURCES)) writeSnippets(here, lang, files, PER_LANGUAGE);

// Prose negatives: documentation paragraphs about the same code (Perl POD text paragraphs, git contrib READMEs),
// which mention commands, options and identifiers without being code. Indented (verbatim) paragraphs are code
// examples and are left out.
const PROSE_FILES = [...SOURCES.perl, ...ls('/usr/share/doc/git/contrib', /./).map((d) => path.join(d, 'README')).filter(existsSync)];
const prose = [];
for (const f of PROSE_FILES) {
  let text = readFileSync(f, 'utf8').replace(/\r/g, '');
  if (f.endsWith('.pm')) text = (text.match(/^=(?:head|pod|item|over|begin)[\s\S]*?^=cut/gm) ?? []).join('\n\n');
  for (const para of text.split(/\n\s*\n/)) {
    const lines = para.split('\n').filter((l) => l.trim());
    if (lines.length < 2 || lines.some((l) => /^\s/.test(l) || /^=/.test(l)) || para.length < 120) continue;
    if (!prose.includes(para.trim())) prose.push(para.trim());
  }
}
const pick = prose.filter((_, i) => i % Math.max(1, Math.floor(prose.length / 60)) === 0).slice(0, 60);
writeFileSync(path.join(here, 'prose.txt'), pick.join('\n%%\n') + '\n');
console.log('prose', pick.length, 'paragraphs of', prose.length, 'from', PROSE_FILES.length, 'files');

