// Small English helpers for sentences shown to people: articles, plurals, lists, language names. In protocol/ so the
// daemon (explanations, policy summaries, signal labels), the CLI, the extension and the webview say things one way.

/** Acronym letters whose spoken name starts with a vowel sound ("an AWS key", "an SSH key", but "a JWT"). */
const VOWEL_SOUND_LETTERS = new Set('AEFHILMNORSX');

export function withArticle(phrase: string): string {
  const firstWord = phrase.split(/\s+/)[0] ?? '';
  const isAcronym = firstWord.length > 1 && firstWord === firstWord.toUpperCase() && /[A-Z]/.test(firstWord);
  const vowel = isAcronym ? VOWEL_SOUND_LETTERS.has(firstWord[0] as string) : /^[aeiou]/i.test(phrase) && !/^u[sn]i/i.test(phrase);
  return `${vowel ? 'an' : 'a'} ${phrase}`;
}

export function plural(phrase: string): string {
  if (/(s|x|sh|ch)$/i.test(phrase)) return `${phrase}es`;
  if (/[^aeiou]y$/i.test(phrase)) return `${phrase.slice(0, -1)}ies`;
  return `${phrase}s`;
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** "an email address" or "3 email addresses". */
export function counted(label: string, count: number): string {
  return count === 1 ? withArticle(label) : `${count} ${plural(label)}`;
}

const LANGUAGE_NAMES: Record<string, string> = {
  typescript: 'TypeScript', javascript: 'JavaScript', tsx: 'TSX', python: 'Python', go: 'Go', rust: 'Rust', java: 'Java',
  c: 'C', cpp: 'C++', 'c-sharp': 'C#', csharp: 'C#', ruby: 'Ruby', php: 'PHP', bash: 'shell', json: 'JSON', sql: 'SQL',
  unknown: 'unrecognised',
};

export function languageName(language: string): string {
  return LANGUAGE_NAMES[language] ?? language.charAt(0).toUpperCase() + language.slice(1);
}

/** Human words for a signal type when a detector gave no label: `us-ssn` -> "us ssn". */
export function typeWords(type: string): string {
  return type.replace(/-/g, ' ');
}
