// Held-out international PII set: built after the detectors were changed, scored but never tuned on (see SOURCES.md).
// Surnames are each country's most common one per the NetCredit map (as reported by matadornetwork.com and
// thesun.ie); given names are the ones named as most common in public "most popular names" pages (SOURCES.md). The
// sentence templates are new wordings of the cues, not the development set's (test/eval/extra/pii-data.ts).

export const HELDOUT_NAMES: Array<[area: string, first: string, last: string]> = [
  ['greek', 'Giorgos', 'Papadopoulos'], ['greek', 'Manolis', 'Gerasimou'], ['polish', 'Katarzyna', 'Nowak'],
  ['swedish', 'Karin', 'Andersson'], ['italian', 'Giulia', 'Rossi'], ['irish', 'Aoife', 'Murphy'],
  ['vietnamese', 'Thu Trang', 'Nguyen'], ['mongolian', 'Bat-Erdene', 'Ganbold'], ['indian', 'Sunita', 'Devi'],
  ['south-african', 'Sipho', 'Nkosi'], ['sierra-leone', 'Fatmata', 'Kamara'], ['ethiopian', 'Selamawit', 'Tesfaye'],
  ['congolese', 'Mbuyi', 'Ilunga'], ['egyptian', 'Mahmoud', 'Mohamed'], ['bangladeshi', 'Nasrin', 'Akter'],
  ['sri-lankan', 'Dilani', 'Perera'], ['russian', 'Yekaterina', 'Ivanova'], ['uruguayan', 'Agustina', 'Rodríguez'],
];

/** `{F}` first name, `{L}` surname. Each template carries one cue from the issue, worded afresh. */
export const HELDOUT_TEMPLATES: Array<[cue: string, template: string, expect: 'first' | 'full']> = [
  ['vocative', '{F}, would you mind rerunning the pipeline?', 'first'],
  ['kinship', 'my daughter {F} {L} needs a note for school', 'full'],
  ['role', 'our accountant {F} {L} sent the wrong invoice', 'full'],
  ['title', 'Mrs. {L} will join the call at noon', 'full'],
  ['transcript', 'Customer: {F} {L}\nProblem: refund not received', 'full'],
  ['signature', 'Sorry for the delay, the report is attached.\nRegards,\n{F} {L}', 'full'],
  ['said', '{F} {L} told me the VPN certificate expired', 'full'],
  ['possessive', "please unlock {F} {L}'s laptop before Monday", 'full'],
  ['lowercase', 'can you cc {f} {l} on the thread', 'full'],
];

export const HELDOUT_ADDRESSES: Array<[form: string, text: string]> = [
  ['pl', 'Proszę wysłać na adres: ul. Długa 17/3, 80-827 Gdańsk'],
  ['it', 'Spedire a Corso Buenos Aires 33, 20124 Milano MI'],
  ['es', 'Mi dirección es Avenida de la Constitución 12, 41004 Sevilla'],
  ['fi', 'Osoite: Mannerheimintie 14 B 22, 00100 Helsinki'],
  ['cz', 'Bydlím na adrese Vinohradská 1511/230, 100 00 Praha 10'],
  ['pt-br', 'Entregar na Rua Augusta 1508, apto 42, São Paulo - SP, 01304-001'],
  ['tr', 'Adresim: Bağdat Caddesi No: 212 Daire 5, Kadıköy İstanbul'],
  ['en-au', 'Please post it to Unit 7, 44 Smith Street, Fitzroy VIC 3065'],
];

export const HELDOUT_PHONES: Array<[form: string, text: string]> = [
  ['de', 'Ruf mich an unter 0171 2345678'],
  ['fr', 'Mon portable : 06 45 78 12 90'],
  ['it', 'Il mio cellulare è 347 812 3456'],
  ['es', 'Llámame al 612 34 56 78 mañana'],
  ['uk', 'call me on 07700 900461 after six'],
  ['nl', 'Bel me op 06-41234567'],
];

/** Negatives: the same cue positions filled by products, places, teams and common words. */
export const HELDOUT_NEGATIVES: string[] = [
  'Jenkins, would you mind rerunning the pipeline?',
  'our accountant software sent the wrong invoice',
  'Customer: Enterprise tier\nProblem: refund not received',
  'Sorry for the delay, the report is attached.\nRegards,\nThe Platform Team',
  'Grafana told me the disk is full',
  "please unlock the build server's laptop profile before Monday",
  'Latency from Lisbon, Warsaw and Nairobi looks fine today.',
  'We moved the meeting to Conference Room B.',
  'Can you compare Postgres and MySQL for this workload?',
  'The Rust Book explains ownership in chapter four.',
  'Please review the Pull Request before lunch.',
  'Deploy to eu-west-1 and us-east-2 after the freeze.',
  'Version 4.2.1 fixes the memory leak in the parser.',
  'Add the Stripe webhook to the Settings page.',
  'Our Q3 roadmap covers billing, search and SSO.',
  'Order 1234 shipped on 2024-03-05 with 3 items.',
];
