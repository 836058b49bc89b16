// Corpus samples whose label the product's spec overrides (issue 14: documentation examples and filler in a vendor's
// token format are not secrets). The list and the reason for each entry are in spec-labels.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface SpecLabels { placeholders: Array<{ id: string; why: string }> }

let ids: Set<string> | undefined;

/** Ids of secrets.jsonl samples labelled secret upstream that are placeholders by the spec. */
export function specPlaceholders(): Set<string> {
  ids ??= new Set((JSON.parse(readFileSync(path.join(import.meta.dirname, 'spec-labels.json'), 'utf8')) as SpecLabels).placeholders.map((p) => p.id));
  return ids;
}
