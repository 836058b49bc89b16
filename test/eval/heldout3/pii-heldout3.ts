// Third held-out PII set: written AFTER the structural-cue changes, from the same public sources as heldout2 but with
// other names, streets, numbers and wordings; scored only as totals per group (eval:detect prints no misses for it),
// so nobody has looked at what it misses. See SOURCES.md.

export const H3_NAMES: Array<[first: string, last: string]> = [
  ['Narek', 'Petrosyan'], ['Giorgi', 'Kapanadze'], ['Emīls', 'Ozoliņš'], ['Benas', 'Petrauskas'], ['Aysel', 'Huseynov'],
  ['Ayşe', 'Öztürk'], ['Amina', 'Delić'], ['Lazar', 'Popović'], ['Zoran', 'Petrovski'], ['Danylo', 'Kovalenko'],
  ['Kiran', 'Gurung'], ['Sunita', 'Chaudhary'], ['Yǔxuān', 'Zhāng'], ['Ha-eun', 'Choi'], ['Wassim', 'Haddad'],
  ['Fatoumata', 'Sow'], ['Valeria', 'Castañeda'], ['Thiago', 'Benítez'], ['Heitor', 'Carvalho'], ['Saoirse', 'Doherty'],
  ['Matteo', 'Camilleri'], ['Arben', 'Berisha'], ['Ion', 'Cebotari'], ['Saar', 'de Groot'], ['Väinö', 'Virtanen'],
];

/** `{F}` forename, `{L}` surname; the name's position and cue differ from heldout2's wordings. */
export const H3_TEMPLATES: Array<[cue: string, template: string]> = [
  ['speaker label', 'Call transcript 12 May\n{F} {L}: we still see the timeout on checkout\nAgent: noted, escalating'],
  ['list', 'Invited: Maria Lopez, {F} {L} and Peter Weber'],
  ['appositive', 'Please welcome {F} {L}, our new product designer, to the team.'],
  ['agent', 'This incident report was filed by {F} {L} on Friday.'],
  ['meeting', 'I have a 1:1 with {F} {L} after lunch.'],
  ['greeting', 'Hello {F},\ncould you send me the slides?'],
];

export const H3_ADDRESSES: string[] = [
  'Nová 1712/8\n110 00 Praha 1\nČeská republika',
  'Drottninggatan 71, 111 36 Stockholm',
  'Ostbahnhofstraße 15\n60314 Frankfurt am Main\nDeutschland',
  'ул. Тверская, д. 12, кв. 40\nМосква\n125009\nРоссия',
  'проспект Мира 101, кв. 5, Москва, 129085',
  'Λεωφόρος Αλεξάνδρας 92, 114 73 Αθήνα',
  'Ermou 56\n105 63 Athens\nGreece',
  'Bağdat Caddesi No: 310 Daire 7\n34728 Kadıköy/İstanbul',
  'Strada Lipscani 25, 030031 București',
  'Andrássy út 45.\n1061 Budapest\nMagyarország',
  'Calle de Alcalá 120, 4º A\n28009 Madrid',
  'Rua da Prata 80, 3.º Dto.\n1100-415 Lisboa',
  'Avenida Paulista, 1578 - Bela Vista\nSão Paulo - SP\n01310-200',
  'Laisvės al. 53-4\n44309 Kaunas\nLithuania',
  'Brīvības iela 88-12, Rīga, LV-1001',
  'Jalan Thamrin No. 9, Jakarta 10340',
  'вул. Хрещатик, 22, кв. 9, Київ, 01001',
  'Kungsgatan 12\n411 19 Göteborg',
  'Aleje Jerozolimskie 65/79\n00-697 Warszawa\nPolska',
  'Vesterbrogade 34, 1620 København V',
];

export const H3_PHONES: string[] = [
  'Handy: 0170 1234567', 'mon fixe : 01 42 68 53 00', 'cellulare 347 123 4567', 'móvil 699 12 34 56',
  'telefone 21 123 4567', 'mob. 07911 123456', 'tlf 22 33 44 55', 'puh. 050 123 4567', 'tel. 602 123 456',
  'телефон 8 (495) 123-45-67', 'τηλ. 210 123 4567', 'telefon: 0532 123 45 67', 'WhatsApp 0803 555 1234',
  'my cell is 0412 555 123', 'LINE 089-123-4567',
];

export const H3_NEGATIVE_TEMPLATES: Array<[cue: string, template: string, fillers: string[]]> = [
  ['speaker label', 'Call transcript 12 May\n{X}: we still see the timeout on checkout\nAgent: noted, escalating',
    ['Summary', 'Observation', 'Customer impact', 'Workaround', 'Severity', 'Environment', 'Timeline', 'Resolution']],
  ['list', 'Invited: Finance, {X} and Procurement', ['Legal', 'Marketing', 'Customer Success', 'the Board', 'Internal Audit', 'Data Science', 'Facilities', 'Recruiting']],
  ['appositive', 'Please welcome {X}, our new analytics vendor, to the project.', ['Snowflake', 'Looker', 'Amplitude', 'Mixpanel', 'Segment', 'Fivetran', 'Heap', 'Hotjar']],
  ['agent', 'This incident report was filed by {X} on Friday.', ['PagerDuty', 'the on-call bot', 'Opsgenie', 'our monitoring', 'the NOC', 'Statuspage', 'the support desk', 'Zendesk']],
  ['meeting', 'I have a 1:1 with {X} after lunch.', ['my manager', 'the new hire', 'our skip-level', 'the team lead', 'HR', 'the recruiter', 'my mentor', 'the PM']],
  ['greeting', 'Hello {X},\ncould you send me the slides?', ['team', 'everyone', 'all', 'folks', 'Design', 'Marketing', 'Sales', 'there']],
];

export const H3_NEGATIVES: string[] = [
  'The Vltava flows through Prague before joining the Elbe.',
  'Stockholm Central handles about 200,000 travellers a day.',
  'Our Frankfurt region has three availability zones.',
  'Red Square is the central square of Moscow.',
  'The Parthenon was completed in 438 BC.',
  'The Galata Tower is 67 metres tall.',
  'Bucharest hosts a large tech community.',
  'Andrássy Avenue is a UNESCO World Heritage site.',
  'Calle de Alcalá is one of the longest streets in Madrid.',
  'Lisbon’s tram 28 is popular with tourists.',
  'Avenida Paulista is closed to cars on Sundays.',
  'Kaunas was the temporary capital of Lithuania.',
  'Riga has the largest collection of Art Nouveau buildings.',
  'Jakarta is moving its capital functions to Nusantara.',
  'Kyiv is one of the oldest cities in Eastern Europe.',
  'Göteborg hosts the Way Out West festival every August.',
  'Warsaw’s Palace of Culture is 237 metres tall.',
  'Copenhagen has more bicycles than cars.',
  'Set replicas to 3 and the max surge to 25 percent.',
  'The migration touches 14 tables and 2 views.',
  'Node 22.3.0 fixes the fetch timeout regression.',
  'Version 5.1.2 was published on 3 June.',
  'Build 20240531.2 passed all 1,482 tests.',
  'Our quota is 10 000 requests per day.',
  'The p95 latency is 320 ms on the EU cluster.',
  'Ticket OPS-2291 tracks the DNS outage.',
  'Enable HTTP/2 and set keepalive to 75 seconds.',
  'PostgreSQL 16 adds logical replication from standbys.',
  'Grafana Loki stores logs in object storage.',
  'Looker and Tableau both connect to BigQuery.',
];
