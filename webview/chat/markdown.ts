// Renders a model's answer as Markdown the safe way: markdown-it with raw HTML off (a model's `<script>` becomes text),
// highlight.js core with a few languages for fenced code, and then an allow-list copy of the result into the page,
// so that even a markdown-it bug cannot put an attribute or element we did not name into the DOM.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import MarkdownIt from 'markdown-it';

const LANGUAGES = { bash, c, cpp, css, go, java, javascript, json, python, rust, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

const md = new MarkdownIt({
  html: false, // Raw HTML in the answer is escaped, never parsed.
  linkify: false,
  typographer: false,
  highlight: (code, lang) => {
    const language = lang && hljs.getLanguage(lang) ? lang : null;
    return language ? hljs.highlight(code, { language, ignoreIllegals: true }).value : '';
  },
});

/** Elements kept, with the attributes each may keep. Anything else is unwrapped (its text stays) or dropped. */
const ALLOWED: Record<string, string[]> = {
  p: [], br: [], hr: [], strong: [], em: [], s: [], del: [], blockquote: [],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  ul: [], ol: ['start'], li: [],
  code: ['class'], pre: [], span: ['class'],
  a: ['href', 'title'],
  table: [], thead: [], tbody: [], tr: [], th: ['style'], td: ['style'],
};
/** Elements dropped with their content. */
const DROPPED = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'svg', 'math']);
const SAFE_HREF = /^(https?:|mailto:)/i;
const SAFE_CLASS = /^(hljs[\w-]*|language-[\w+#-]+)$/;
const SAFE_STYLE = /^text-align:(left|right|center)$/;

function cleanAttribute(tag: string, name: string, value: string): string | null {
  if (!ALLOWED[tag]?.includes(name)) return null;
  if (name === 'href') return SAFE_HREF.test(value.trim()) ? value : null;
  if (name === 'class') return value.split(/\s+/).filter((c) => SAFE_CLASS.test(c)).join(' ') || null;
  if (name === 'style') return SAFE_STYLE.test(value.replace(/\s/g, '')) ? value : null;
  if (name === 'start') return /^\d{1,6}$/.test(value) ? value : null;
  return value;
}

function copyAllowed(from: Node, to: Node): void {
  for (const child of Array.from(from.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      to.appendChild(document.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const source = child as Element;
    const tag = source.tagName.toLowerCase();
    if (DROPPED.has(tag)) continue;
    if (tag === 'img') {
      // No remote fetches from the webview: an image becomes its alt text.
      const alt = source.getAttribute('alt');
      if (alt) to.appendChild(document.createTextNode(alt));
      continue;
    }
    if (!(tag in ALLOWED)) {
      copyAllowed(source, to);
      continue;
    }
    const target = document.createElement(tag);
    for (const attr of Array.from(source.attributes)) {
      const value = cleanAttribute(tag, attr.name, attr.value);
      if (value !== null) target.setAttribute(attr.name, value);
    }
    if (tag === 'a') target.setAttribute('rel', 'noopener noreferrer');
    copyAllowed(source, target);
    to.appendChild(target);
  }
}

/** Markdown → a fragment of allow-listed elements. Parsing happens in an inert document: nothing loads or runs. */
export function renderMarkdown(text: string): DocumentFragment {
  const inert = new DOMParser().parseFromString(`<body>${md.render(text)}</body>`, 'text/html');
  const out = document.createDocumentFragment();
  copyAllowed(inert.body, out);
  return out;
}

/** The info string of each code block in document order (indented blocks have none): what follows the fence's ```. */
export function codeBlockInfos(text: string): string[] {
  return md.parse(text, {}).filter((t) => t.type === 'fence' || t.type === 'code_block').map((t) => t.info.trim());
}

/**
 * The file a fenced block names, as models and people write it: ```ts src/app.ts, ```ts:src/app.ts,
 * ```python title="app.py" or file=app.py. Only something shaped like a path (a dot or a slash, no spaces) counts.
 */
export function fileFromInfo(info: string): string | undefined {
  const attr = /\b(?:title|file|filename|path)=["']?([^"'\s]+)["']?/.exec(info);
  const candidate = attr?.[1] ?? /^[\w+#.-]*[:\s]\s*(\S+)$/.exec(info.trim())?.[1];
  if (!candidate || !/[./\\]/.test(candidate) || /^[a-z]+:\/\//i.test(candidate)) return undefined;
  return candidate;
}
