// The error a failed request ends with, from the failures of its candidates: what the user must do next.
import type { DecisionRecord, ErrorCode } from '../../protocol';
import type { ProviderConfig } from '../../protocol';
import type { ProviderFailure } from '../providers/types';

/** How one candidate ended; `circuit-open` means it was skipped without a request. */
export interface CandidateFailure {
  model: string;
  config: ProviderConfig;
  failure: ProviderFailure | 'circuit-open';
  message: string;
  /** The coded reason behind the failure, when known (a locked or missing keychain behind `auth`). */
  code?: ErrorCode;
}

export type FinalError = { status: DecisionRecord['status']; error: { code: ErrorCode; message: string } };

/** Why a local candidate gave no answer, and what to run: every local failure ends in the same code. */
function localRemedy(f: CandidateFailure): string {
  const ollama = f.config.kind === 'ollama';
  const serve = ollama ? ` (check that \`ollama serve\` is running at ${f.config.baseUrl}, or restart it)` : ` (check the local model server at ${f.config.baseUrl})`;
  switch (f.failure) {
    case 'not-found':
      return ollama ? `model ${f.model} is not pulled: run \`ollama pull ${f.model}\`` : `${f.config.name} has no model ${f.model}`;
    case 'circuit-open':
      return `${f.config.name} failed repeatedly and is paused briefly${serve}`;
    case 'refused':
      return ollama ? `Ollama is not running at ${f.config.baseUrl}: start it with \`ollama serve\`` : `${f.config.name} is not running at ${f.config.baseUrl}`;
    case 'timeout':
      return `${f.config.name} did not answer in time${serve}`;
    case 'rate-limited':
      return `${f.config.name} is busy (429)${serve}`;
    case 'reset':
      return `${f.config.name} dropped the connection${serve}`;
    case 'malformed':
      return `${f.config.name} sent a malformed answer${serve}`;
    default:
      return `${f.message}${serve}`;
  }
}

/** A local route with no answer is "local unavailable" whatever the cause: the user's next step is the same. */
export function localUnavailable(target: DecisionRecord['route']['target'], failures: readonly CandidateFailure[]): boolean {
  return target === 'local' && failures.length > 0;
}

/** Every candidate failed on auth: the keychain's own code when they all share one, so a locked keychain says so. */
function authCode(failures: readonly CandidateFailure[]): ErrorCode {
  const codes = new Set(failures.map((f) => f.code));
  const [only] = codes;
  return codes.size === 1 && only ? only : 'AIRLOCK_E_PROVIDER_AUTH';
}

export function finalError(target: DecisionRecord['route']['target'], failures: readonly CandidateFailure[]): FinalError {
  if (localUnavailable(target, failures)) {
    const remedies = [...new Set(failures.map(localRemedy))].join('; ');
    return {
      status: 'blocked',
      error: { code: 'AIRLOCK_E_LOCAL_UNAVAILABLE', message: `This request must stay on this machine, so nothing was sent to a hosted model, and no local model answered: ${remedies}.` },
    };
  }
  const code: ErrorCode = failures.length > 0 && failures.every((f) => f.failure === 'auth') ? authCode(failures) : 'AIRLOCK_E_PROVIDER';
  const each = failures.map((f) => (f.failure === 'circuit-open' ? `${f.config.name}: skipped, circuit open after repeated failures` : f.message)).join('; ');
  return { status: 'error', error: { code, message: `${failureSummary(failures)} Details: ${each || 'no candidate to try'}.` } };
}

const FAILURE_WORDS: Record<CandidateFailure['failure'], string> = {
  auth: 'did not accept the API key (or has none set)',
  'rate-limited': 'was busy (rate limited)',
  timeout: 'did not answer in time',
  refused: 'could not be reached',
  server: 'had a server error',
  'not-found': 'does not have the model',
  'bad-request': 'refused the request',
  malformed: 'sent a malformed answer',
  reset: 'dropped the connection',
  cancelled: 'was cancelled',
  'circuit-open': 'was skipped after repeated failures',
};

/**
 * One plain sentence first (the chat shows it alone, with the fix's button; the providers' raw replies follow under
 * Details): the providers grouped by what went wrong, each named once.
 */
export function failureSummary(failures: readonly CandidateFailure[]): string {
  if (failures.length === 0) return 'No allowed model could be tried.';
  const byKind = new Map<CandidateFailure['failure'], Set<string>>();
  for (const f of failures) {
    const names = byKind.get(f.failure) ?? new Set<string>();
    names.add(f.config.name);
    byKind.set(f.failure, names);
  }
  const parts = [...byKind].map(([kind, names]) => `${[...names].join(', ')} ${FAILURE_WORDS[kind]}`);
  return `No allowed model answered: ${parts.join('; ')}.`;
}

/** A failure after part of the answer reached the user: no other model takes over mid-answer. */
export function midAnswerError(message: string, target?: DecisionRecord['route']['target']): FinalError {
  if (target === 'local') {
    return {
      status: 'error',
      error: { code: 'AIRLOCK_E_LOCAL_UNAVAILABLE', message: `The local model's answer broke off after it had started (${message}); the partial answer is kept. Check that the local model server (\`ollama serve\`) is healthy. Nothing was sent to a hosted model.` },
    };
  }
  return {
    status: 'error',
    error: { code: 'AIRLOCK_E_PROVIDER', message: `The answer broke off after it had started (${message}); the partial answer is kept and no other model was asked, so the answer does not change source mid-way.` },
  };
}

export const CANCELLED: FinalError = { status: 'cancelled', error: { code: 'AIRLOCK_E_CANCELLED', message: 'The request was cancelled by the client.' } };
