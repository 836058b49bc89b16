// How an Airlock error looks to a tool on an HTTP surface: an HTTP status, and a one-line message carrying the
// Airlock code, what happened and the fix, which each surface wraps in its own API's error object.
import { AirlockError, ERRORS, type ErrorCode } from '../../../protocol/errors';

const STATUS: Partial<Record<ErrorCode, number>> = {
  AIRLOCK_E_INPUT: 400,
  AIRLOCK_E_RPC_PARAMS: 400,
  AIRLOCK_E_UNAUTHORIZED: 401,
  AIRLOCK_E_BLOCKED: 403,
  AIRLOCK_E_ENDPOINT: 404,
  AIRLOCK_E_INPUT_TOO_LARGE: 413,
  AIRLOCK_E_CANCELLED: 499,
  // The provider refused *our* key: not the client's 401, or it would think its endpoint key is wrong.
  AIRLOCK_E_PROVIDER_AUTH: 502,
  AIRLOCK_E_PROVIDER: 502,
  AIRLOCK_E_LOCAL_UNAVAILABLE: 503,
  AIRLOCK_E_NO_CANDIDATE: 503,
  AIRLOCK_E_POLICY_NOT_FOUND: 500,
};

const FIX: Partial<Record<ErrorCode, string>> = {
  AIRLOCK_E_BLOCKED: 'nothing was sent; the Airlock Decisions view (or `airlock audit export`) shows the rule, remove the sensitive part and ask again',
  AIRLOCK_E_LOCAL_UNAVAILABLE: 'start Ollama (`ollama serve`) and pull the model (`ollama pull MODEL`)',
  AIRLOCK_E_NO_CANDIDATE: 'add a model of that class to ~/.airlock/config.yaml, or switch the preset',
  AIRLOCK_E_PROVIDER: '`airlock daemon status` shows the providers; the decision record lists each attempt',
  AIRLOCK_E_PROVIDER_AUTH: 'set the provider\'s key with `airlock keys set PROVIDER`',
  AIRLOCK_E_UNAUTHORIZED: 'create a key with `airlock endpoint` and send it as `Authorization: Bearer KEY` or `x-api-key: KEY`',
  AIRLOCK_E_INPUT_TOO_LARGE: 'send at most 32 MiB per request (a prompt of at most 10 MiB)',
  AIRLOCK_E_ENDPOINT: '`airlock endpoint` prints the base URLs',
};

export interface HttpError {
  status: number;
  code: ErrorCode;
  /** One line: `Airlock AIRLOCK_E_…: what happened. Fix: …`. */
  message: string;
}

export function httpError(err: unknown): HttpError {
  const code: ErrorCode = err instanceof AirlockError ? err.code : 'AIRLOCK_E_INTERNAL';
  const what = err instanceof AirlockError ? err.message : 'internal error; the daemon log has the stack';
  const recordId = err instanceof AirlockError && typeof err.details?.recordId === 'string' ? ` (decision record ${err.details.recordId})` : '';
  const fix = FIX[code] ?? ERRORS[code].doc.split(/(?<=\.)\s/)[0];
  return { status: STATUS[code] ?? 500, code, message: `Airlock ${code}: ${what.replace(/\s+/g, ' ')}${recordId}. Fix: ${fix}` };
}
