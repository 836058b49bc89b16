import type { SignalKind } from '../../protocol';

/** What a detector returns; the scan adds line and column. Detectors are pure: text in, findings out. */
export interface Finding {
  kind: SignalKind;
  type: string;
  start: number;
  end: number;
  detector: string;
  label: string;
  confidence?: number;
}
