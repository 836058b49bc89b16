// Builds the generated eval sets from the hand-written material (seeded, so every run sees the same samples).
import { ADDRESSES, IBANS, NAME_TEMPLATES, NAMES, NEGATIVES, PHONES } from './pii-data';
import { ASSIGN_FORMS, ENCODED_FORMS, PASSPHRASES, PLACEHOLDERS, VENDORS } from './secrets-data';
import { pick, randomToken, rng } from './rng';

export interface PiiCase {
  category: string;
  form: string;
  text: string;
  /** Detector type expected and the span it must overlap; null: a negative (no finding at all). */
  expect: { type: string; start: number; end: number } | null;
}

export interface SecretCase { category: string; form: string; text: string; secret: boolean }

function fill(template: string, value: string): { text: string; start: number; end: number } {
  const at = template.indexOf('{N}');
  return { text: template.replace('{N}', value), start: at, end: at + value.length };
}

export function piiCases(): PiiCase[] {
  const r = rng(14);
  const areas = Object.keys(NAMES);
  const out: PiiCase[] = [];
  for (const [cue, template] of NAME_TEMPLATES) {
    for (const area of areas) {
      const [first, last] = pick(r, NAMES[area]!);
      // Full name, first name alone, and lower case as people type in chat.
      const variant = pick(r, ['full', 'first', 'lower'] as const);
      const name = variant === 'full' ? `${first} ${last}` : variant === 'first' ? first : `${first} ${last}`.toLowerCase();
      const f = fill(template, name);
      out.push({ category: `name: ${cue}`, form: `${area}/${variant}`, text: f.text, expect: { type: 'person-name', start: f.start, end: f.end } });
    }
  }
  const whole = (type: string, form: string, text: string, category: string): PiiCase => ({ category, form, text, expect: { type, start: 0, end: text.length } });
  for (const [form, text] of ADDRESSES) out.push(whole('street-address', form, text, 'address'));
  for (const [form, text] of PHONES) out.push(whole('phone', form, text, 'phone'));
  for (const [form, text] of IBANS) out.push(whole('iban', form, text, 'iban'));
  for (const text of NEGATIVES) out.push({ category: 'no PII', form: 'negative', text, expect: null });
  return out;
}

const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export function secretCases(): SecretCase[] {
  const r = rng(1414);
  const out: SecretCase[] = [];
  for (const [form, template] of ASSIGN_FORMS) {
    for (let i = 0; i < 3; i++) {
      const real = template.includes('{P}') ? pick(r, PASSPHRASES) : randomToken(r, 12 + Math.floor(r() * 20), 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+');
      out.push({ category: 'assignment', form, text: template.replace(/\{[VP]\}/, real), secret: true });
      out.push({ category: 'placeholder', form, text: template.replace(/\{[VP]\}/, pick(r, PLACEHOLDERS)), secret: false });
    }
  }
  for (const [name, prefix, length, alphabet, second] of VENDORS) {
    const body = randomToken(r, length, alphabet) + (second ? `.${randomToken(r, second)}` : '');
    out.push({ category: 'vendor token', form: name, text: `export TOKEN=${prefix}${body}`, secret: true });
    out.push({ category: 'placeholder', form: `vendor ${name}`, text: `export TOKEN=${prefix}${'x'.repeat(length)}`, secret: false });
    out.push({ category: 'placeholder', form: `vendor ${name} doc`, text: `Set TOKEN to your key, it looks like ${prefix}<your-token-here>.`, secret: false });
  }
  for (const [form, template] of ENCODED_FORMS) {
    for (let i = 0; i < 2; i++) {
      const pw = randomToken(r, 14, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789');
      const creds = `deploy:${pw}`;
      const text = template.replace('{B}', base64(creds)).replace('{B64}', base64(pw)).replace('{PW}', pw);
      out.push({ category: 'encoded', form, text, secret: true });
      const fake = template.replace('{B}', base64('user:password')).replace('{B64}', base64('changeme')).replace('{PW}', 'changeme');
      out.push({ category: 'placeholder', form: `encoded ${form}`, text: fake, secret: false });
    }
  }
  return out;
}
