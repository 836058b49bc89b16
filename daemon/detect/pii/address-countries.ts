// Country names as postal addresses write them on their last line, in English and in the country's own language(s),
// lower-cased: "Slovenia 4000", "FRANCE", "Deutschland", "Cyprus (Greek) 51034". Used only on short lines already
// inside a postal block candidate (address-block.ts), never searched for in prose.
export const COUNTRIES = new Set(
  ('afghanistan albania shqipëria algeria andorra angola argentina armenia australia austria österreich azerbaijan bahamas bahrain ' +
    'bangladesh barbados belarus belgium belgië belgique belize benin bhutan bolivia bosnia|and|herzegovina botswana brazil brasil ' +
    'brunei bulgaria българия burkina|faso burundi cambodia cameroon canada chile china colombia congo costa|rica croatia hrvatska ' +
    'cuba cyprus κύπρος czechia czech|republic česko česká|republika denmark danmark djibouti dominican|republic ecuador egypt ' +
    'el|salvador estonia eesti eswatini ethiopia fiji finland suomi france gabon gambia georgia germany deutschland ghana greece ' +
    'ελλάδα ελλάς hellas guatemala guinea guyana haiti honduras hong|kong hungary magyarország iceland ísland india indonesia iran ' +
    'iraq ireland éire israel italy italia jamaica japan 日本 jordan kazakhstan kenya kosovo kuwait kyrgyzstan laos latvia latvija ' +
    'lebanon lesotho liberia libya liechtenstein lithuania lietuva luxembourg lëtzebuerg macau madagascar malawi malaysia maldives ' +
    'mali malta mauritania mauritius mexico méxico moldova monaco mongolia montenegro crna|gora morocco mozambique myanmar namibia ' +
    'nepal netherlands nederland the|netherlands new|zealand nicaragua niger nigeria north|macedonia macedonia norway norge noreg ' +
    'oman pakistan panama papua|new|guinea paraguay peru philippines poland polska portugal qatar romania românia russia ' +
    'russian|federation россия rwanda san|marino saudi|arabia senegal serbia srbija србија seychelles sierra|leone singapore ' +
    'slovakia slovensko slovenia slovenija somalia south|africa south|korea korea spain españa sri|lanka sudan suriname sweden sverige ' +
    'switzerland schweiz suisse svizzera syria taiwan tajikistan tanzania thailand togo trinidad|and|tobago tunisia turkey türkiye ' +
    'turkmenistan uganda ukraine україна united|arab|emirates uae united|kingdom uk great|britain england scotland wales ' +
    'northern|ireland united|states united|states|of|america usa u.s.a. uruguay uzbekistan venezuela vietnam viet|nam yemen zambia ' +
    'zimbabwe greenland faroe|islands puerto|rico')
    .split(' ')
    .map((c) => c.replaceAll('|', ' ')),
);
