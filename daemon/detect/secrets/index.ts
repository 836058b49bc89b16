// The secrets detector: secretlint's recommended rules plus Airlock's own patterns for what secretlint misses.
// Spans cover exactly the secret value, the part redaction must replace.
import { mergeOverlapping, type Finding } from '../finding';
import { detectAssignments, detectNearKeyword } from './assign';
import { withChecksums } from './checksums';
import { detectEncodedSecrets } from './encoded';
import { detectMarkupSecrets } from './markup';
import { detectTokenPatterns } from './patterns';
import { dropPlaceholders } from './placeholder';
import { detectVendorTokens } from './vendors';
import { specificity } from './rules';
import { detectWithSecretlint } from './secretlint';
import { detectWrappedTokens } from './wrapped';
import { detectAuthHeaders, detectConnectionStrings, detectJwts, detectPemKeys, detectUrlCredentials } from './structured';

/** Prefers the more specific type; on a tie secretlint's word, then the longer span. */
function better(a: Finding, b: Finding): Finding {
  const rank = specificity(a.type) - specificity(b.type);
  if (rank !== 0) return rank > 0 ? a : b;
  const lint = Number(a.detector.startsWith('secretlint/')) - Number(b.detector.startsWith('secretlint/'));
  if (lint !== 0) return lint > 0 ? a : b;
  return a.end - a.start >= b.end - b.start ? a : b;
}

/** Overlapping findings become one: the most specific type, over the union of the spans (redaction covers both). */
export function mergeFindings(findings: Finding[]): Finding[] {
  return mergeOverlapping(findings, better);
}

export interface SecretScanOptions {
  /** Run secretlint's rules (default true). The output filter turns them off for a piece that cannot add a finding. */
  secretlint?: boolean;
}

export async function detectSecrets(text: string, options: SecretScanOptions = {}): Promise<Finding[]> {
  if (!text) return [];
  const findings = [
    ...(options.secretlint === false ? [] : await detectWithSecretlint(text)),
    ...detectPemKeys(text),
    ...detectTokenPatterns(text),
    ...detectWrappedTokens(text),
    ...detectJwts(text),
    ...detectUrlCredentials(text),
    ...detectConnectionStrings(text),
    ...detectAuthHeaders(text),
    ...detectAssignments(text),
    ...detectNearKeyword(text),
    ...detectMarkupSecrets(text),
    ...detectVendorTokens(text),
    ...detectEncodedSecrets(text),
  ];
  return withChecksums(text, mergeFindings(dropPlaceholders(text, findings.filter((f) => f.end > f.start))));
}
