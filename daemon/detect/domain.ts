// High-stakes domains: a request for medical, legal or financial advice. Phrase lists, not a model,
// so a security team can read exactly why a prompt was flagged and change it in one place.
import type { Finding } from './finding';

interface DomainSpec {
  type: 'medical' | 'legal' | 'financial';
  label: string;
  /** A strong phrase alone marks the domain. */
  strong: RegExp;
  /** Weak terms count only together with an advice cue. */
  weak: RegExp;
}

const ADVICE_CUE =
  /\b(?:should i|should we|can i|could i|can we|may i|may we|must we|are we allowed|do i need|do we need|is it (?:safe|legal|ok(?:ay)?|wise)|what (?:should|can) i|am i (?:allowed|liable|entitled)|advice|advise|recommend|help me decide|worth it|my (?:doctor|lawyer|landlord|employer|accountant|broker|bank))\b/i;

const DOMAINS: readonly DomainSpec[] = [
  {
    type: 'medical',
    label: 'medical advice request',
    strong:
      /\b(?:diagnos(?:e|is|ed)|my symptoms?|dosage|dose of|overdose|side effects? of|prescri(?:be|ption)|drug interactions?|is this (?:rash|lump|mole)|chest pain|blood pressure (?:is|of)|medical advice|should i see a doctor|pregnan(?:t|cy) (?:test|symptoms)|mg of (?:ibuprofen|paracetamol|acetaminophen|aspirin))\b/i,
    weak: /\b(?:symptom|medication|medicine|treatment|therapy|illness|disease|infection|pain|fever|doctor|hospital|surgery|vaccine|antibiotic|insulin|cancer|diabetes|depression|anxiety)s?\b/i,
  },
  {
    type: 'legal',
    label: 'legal advice request',
    strong:
      /\b(?:legal advice|sue (?:my|them|him|her|the)|file a lawsuit|lawsuit against|is it legal to|breach of contract|custody (?:of|battle)|restraining order|immigration status|wrongful (?:termination|dismissal)|plead guilty|criminal charges?|non-?compete (?:clause|agreement))\b/i,
    weak: /\b(?:lawyer|attorney|court|contract|liable|liability|lawsuit|legal|illegal|lease|landlord|tenant|divorce|visa|copyright infringement|settlement|will and testament|gdpr|hipaa|ccpa|privacy notice|privacy policy|data protection|regulation|compliance)s?\b/i,
  },
  {
    type: 'financial',
    label: 'financial advice request',
    strong:
      /\b(?:financial advice|investment advice|should i (?:buy|sell|invest|short)|my (?:retirement|401\(?k\)?|pension|portfolio|mortgage|tax return)|tax (?:advice|evasion)|(?:buy|sell) (?:shares|stocks?) of|refinance my|day ?trading strategy)\b/i,
    weak: /\b(?:invest(?:ment|ing)?|stocks?|shares|bonds?|crypto(?:currency)?|bitcoin|portfolio|retirement|mortgage|loan|debt|taxes|tax|savings|dividend|interest rate|index fund|etf)s?\b/i,
  },
];

/**
 * The advice cue or any strong phrase, in one pattern: a text where it finds nothing has no domain finding (weak terms
 * count only with a cue), and one pass over the text costs much less than the four searches it stands for.
 */
const ANY_CUE_OR_STRONG = new RegExp([ADVICE_CUE, ...DOMAINS.map((d) => d.strong)].map((r) => `(?:${r.source})`).join('|'), 'i');

/** One finding per domain at the first phrase that marked it. */
export function detectDomains(text: string): Finding[] {
  const findings: Finding[] = [];
  if (!ANY_CUE_OR_STRONG.test(text)) return findings;
  const cue = ADVICE_CUE.test(text);
  for (const spec of DOMAINS) {
    const hit = spec.strong.exec(text) ?? (cue ? spec.weak.exec(text) : null);
    if (!hit) continue;
    findings.push({
      kind: 'domain',
      type: spec.type,
      start: hit.index,
      end: hit.index + hit[0].length,
      detector: 'airlock/phrases',
      label: spec.label,
      confidence: spec.strong.test(hit[0]) ? 0.9 : 0.6,
    });
  }
  return findings;
}
