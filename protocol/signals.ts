// What the detectors find. Offsets are JavaScript string (UTF-16) indices into the prompt text;
// `line` and `column` are 1-based and derived from `start`. A signal never carries the matched value.

/** `scan` marks a prompt the scan could not check (type `scan-deadline`): the policy sees it as `truncated`. */
export type SignalKind = 'secret' | 'pii' | 'code' | 'domain' | 'origin' | 'scan';

export interface Signal {
  kind: SignalKind;
  /** Stable, kebab-case type within its kind: `aws-secret-access-key`, `email`, `typescript`, `medical`, `sensitive-path`. */
  type: string;
  start: number;
  end: number;
  line: number;
  column: number;
  /** Which detector produced it, e.g. `secretlint/aws`, `airlock/entropy`, `tree-sitter`, `phrases`, `facts`. */
  detector: string;
  /** Human words for the type, e.g. "AWS secret access key". */
  label: string;
  /** 0..1 where a detector can say how sure it is. */
  confidence?: number;
  /** How many adjacent findings of this type the signal stands for, when a long run of them was merged into one. */
  count?: number;
}

/**
 * Signal types a policy acts on only where it names them: the sweep's weak findings (daemon/detect/sweep), words no
 * dictionary knows and long numbers. A condition or a redaction that names only the kind (`pii`) leaves them out, so
 * a preset that keeps personal data local does not keep every unknown product name local too.
 */
export const WEAK_SIGNAL_TYPES: ReadonlySet<string> = new Set(['possible-name', 'possible-full-name', 'possible-number', 'possible-address']);

/** A span of the prompt recognised as source code. */
export interface CodeRegion {
  start: number;
  end: number;
  /** Language name (`typescript`, `python`, …) or `unknown` when only the language-agnostic fallback recognised it. */
  language: string;
  fenced: boolean;
}

export interface CodeSummary {
  isCode: boolean;
  /** Dominant language of the code regions, null when there is no code or it is unrecognised. */
  language: string | null;
  /** Share of the prompt's non-blank characters that are code, 0..1. */
  share: number;
  regions: CodeRegion[];
}

/** Everything the scan found in one prompt; the input of the policy. */
export interface ScanResult {
  signals: Signal[];
  code: CodeSummary;
  /** Characters scanned (may be fewer than the prompt when the scan limit cut it). */
  scannedChars: number;
  /**
   * True when part of the prompt was not scanned (longer than the scan limit, or the scan missed its deadline: then
   * a `scan-deadline` signal says so); the policy treats the unscanned rest as sensitive.
   */
  truncated: boolean;
  durationMs: number;
}
