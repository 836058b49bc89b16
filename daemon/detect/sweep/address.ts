// Street lines the sweep reads by shape: a house number, then a word no dictionary knows.
import type { Finding } from '../finding';
import { finding } from './finding';
import type { Word } from './sentences';

const HOUSE_NUMBER = /^[ \t]*\d{1,5}[a-z]?,?[ \t]+/u;
/** A postal block's lines under the street: at most four, each short (UPU addressing: town, region, postcode, country). */
const BLOCK_LINES = 4;
const BLOCK_LINE_CHARS = 40;
/**
 * A line that opens with a house number whose next word (or the one after a one-letter abbreviation: "4410 r naweed")
 * is unknown reads as a street address: the whole line, for the town and country after the street are part of it
 * ("17 calle okwuosa 4, lagos, nigeria"), and so are the short lines of its block below it.
 */
export function addressLines(text: string, words: readonly Word[], marked: readonly boolean[]): Finding[] {
  const out: Finding[] = [];
  let w = 0;
  for (let at = 0; at < text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const lead = HOUSE_NUMBER.exec(text.slice(at, Math.min(end, at + 12)));
    if (lead) {
      const from = at + lead[0].length;
      while (w < words.length && words[w]!.start < from) w++;
      const next = words[w]?.start === from && words[w]!.end <= end ? w : -1;
      const hit = next >= 0 && (marked[next] || (words[next]!.text.length <= 2 && words[next + 1] !== undefined && words[next + 1]!.end <= end && marked[next + 1]));
      if (hit) {
        let stop = at + text.slice(at, end).replace(/[\s.]+$/u, '').length;
        let lineEnd = end;
        // The short lines under a street line are its town, region, postcode and country, up to a blank line.
        for (let more = 0; more < BLOCK_LINES && lineEnd < text.length; more++) {
          const nextEnd = text.indexOf('\n', lineEnd + 1) < 0 ? text.length : text.indexOf('\n', lineEnd + 1);
          const line = text.slice(lineEnd + 1, nextEnd);
          if (!line.trim() || line.trim().length > BLOCK_LINE_CHARS || HOUSE_NUMBER.test(line)) break;
          stop = lineEnd + 1 + line.replace(/[\s.]+$/u, '').length;
          lineEnd = nextEnd;
        }
        out.push(finding('possible-address', at + text.slice(at, end).length - text.slice(at, end).trimStart().length, stop));
        at = lineEnd + 1;
        continue;
      }
    }
    at = end + 1;
  }
  return out;
}
