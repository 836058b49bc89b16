// One-off collector of the held-out YAML and Perl set (run by hand, output committed), built before the detector was
// changed for these two languages. Cuts snippets the way the development set is cut (../cut.mjs) from the excerpts in
// src/ (public repositories, read through the search tool) and from Perl scripts that ship on this machine, none of them
// a source of the development set. Sources and licences: SOURCES.md. prose.txt is chosen by hand (see SOURCES.md).
// Usage: node test/eval/code-langs/heldout/collect.mjs   (rewrites yaml.txt and perl.txt)
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { writeSnippets } from '../cut.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const PER_LANGUAGE = 22;
const src = (lang) => readdirSync(path.join(here, 'src')).filter((f) => f.startsWith(`${lang}--`)).sort().map((f) => path.join(here, 'src', f));

const SOURCES = {
  yaml: src('yaml'),
  perl: [...src('perl'), ...['/usr/bin/c_rehash', '/usr/bin/cg_diff', '/usr/bin/dpkg-name'].filter(existsSync)],
};

for (const [lang, files] of Object.entries(SOURCES)) writeSnippets(here, lang, files, PER_LANGUAGE);
