// Hand-built scans and small presets for policy unit tests.
import type { CodeRegion, ScanResult, Signal, SignalKind } from '../../../protocol';
import { parsePolicy, type LoadedPolicy } from '../../../daemon/policy/load';

export function signal(kind: SignalKind, type: string, start: number, end: number, line = 1, label = type.replace(/-/g, ' ')): Signal {
  return { kind, type, start, end, line, column: 1, detector: 'test', label };
}

export function scanOf(signals: Signal[] = [], code: { share: number; regions: CodeRegion[] } | null = null, chars = 400): ScanResult {
  return {
    signals,
    code: code ? { isCode: true, language: code.regions[0]?.language ?? null, share: code.share, regions: code.regions } : { isCode: false, language: null, share: 0, regions: [] },
    scannedChars: chars,
    truncated: false,
    durationMs: 1,
  };
}

/** The name, classes and paths of a test preset: add `rules:` and `default:`. */
export const PRESET_HEADER = `name: test
version: 0.0.1
description: A preset for unit tests.
classes:
  local: {}
  private: { regions: [eu], maxRetentionDays: 0, noTraining: true }
  hosted: { maxRetentionDays: 30, noTraining: true }
paths:
  sensitive: ['**/.env', '**/secrets/**']
`;

/** A preset with the test header, the given rules block (YAML, indented list items) and default. */
export function presetWith(rules: string, defaults = 'default:\n  route: hosted\n  prefer: cheap\n'): LoadedPolicy {
  return parsePolicy(`${PRESET_HEADER}rules:${rules ? `\n${rules}` : ' []\n'}${defaults}`, 'presets/test.yaml');
}
