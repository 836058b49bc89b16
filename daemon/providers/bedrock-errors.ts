// Maps what the Bedrock SDK throws (service exceptions by name, in-stream exception events, credential and event-stream
// decoder errors, socket errors) to a ProviderError, with the fix in the message where there is one to give.
import type { ProviderConfig } from '../../protocol';
import { noCredentialsFix } from './bedrock-auth';
import { failureForStatus, isAbort, networkFailure, providerError, retryAfterMs, shortMessage } from './errors';
import { ProviderError, type ProviderFailure } from './types';

interface ServiceError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

const AUTH = new Set(['UnrecognizedClientException', 'InvalidSignatureException', 'IncompleteSignatureException', 'ExpiredTokenException',
  'MissingAuthenticationTokenException', 'InvalidClientTokenId', 'SignatureDoesNotMatch']);
const THROTTLED = new Set(['ThrottlingException', 'ServiceQuotaExceededException', 'ModelNotReadyException', 'TooManyRequestsException']);
const SERVER = new Set(['InternalServerException', 'ServiceUnavailableException', 'ModelStreamErrorException', 'ModelErrorException']);

function byName(name: string, message: string): ProviderFailure | null {
  if (name === 'AccessDeniedException' || AUTH.has(name)) return 'auth';
  if (THROTTLED.has(name)) return 'rate-limited';
  if (SERVER.has(name)) return 'server';
  if (name === 'ModelTimeoutException') return 'timeout';
  if (name === 'ResourceNotFoundException') return 'not-found';
  // Bedrock answers an unknown model id with a ValidationException, not a 404.
  if (name === 'ValidationException' && /model identifier is invalid/i.test(message)) return 'not-found';
  return null;
}

/** The message for a failure, with what to do about it. */
function advice(config: ProviderConfig, name: string, message: string, model: string): string {
  const region = config.region ?? 'its region';
  if (name === 'AccessDeniedException') return `${message} Enable ${model} under Model access in the Bedrock console for ${region}, and check the IAM policy allows bedrock:InvokeModelWithResponseStream.`;
  if (name === 'UnrecognizedClientException') return `${message} The credentials are not valid, or ${region} is an opt-in region not enabled for this account.`;
  if (name === 'ExpiredTokenException') return `${message} Refresh the session (\`aws sso login${config.profile ? ` --profile ${config.profile}` : ''}\`).`;
  if (byName(name, message) === 'not-found') return `${message} ${model} is not offered in ${region} (check the model id, or use an inference profile id such as eu.${model}).`;
  if (/on-demand throughput/i.test(message)) return `${message} Use an inference profile id (eu.…, us.…, global.…) for this model.`;
  return message;
}

/** Maps any error from a Bedrock call; `model` is the model id the request named. */
export function fromBedrockError(config: ProviderConfig, model: string, err: unknown): ProviderError {
  const provider = config.name;
  if (err instanceof ProviderError) return err;
  if (isAbort(err)) return providerError(provider, 'cancelled', 'request cancelled');
  const e = (err ?? {}) as ServiceError;
  const name = e.name ?? '';
  const message = shortMessage(err);
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) return providerError(provider, 'auth', noCredentialsFix(config));
  if (name === 'TokenProviderError') return providerError(provider, 'auth', `the Bedrock API key could not be read: ${message}`);
  const status = e.$metadata?.httpStatusCode;
  const failure = byName(name, message) ?? (status !== undefined && status >= 400 ? failureForStatus(status) : null);
  if (failure) {
    const headers = e.$response?.headers ?? {};
    const retryAfter = failure === 'rate-limited' ? retryAfterMs({ get: (h) => headers[h] ?? null }) : undefined;
    // An exception event inside a 200 stream has no status of its own.
    return providerError(provider, failure, `${name || 'error'}: ${advice(config, name, message, model)}`, status !== undefined && status >= 400 ? status : undefined, retryAfter);
  }
  // The event-stream decoder: a stream cut inside a frame, or a frame whose CRC does not match its bytes.
  if (/truncated event message/i.test(message)) return providerError(provider, 'reset', `the stream was cut mid-frame (${message})`);
  if (/checksum|crc/i.test(message)) return providerError(provider, 'malformed', `a corrupted event-stream frame (${message})`);
  const network = networkFailure(err);
  if (network === 'refused') return providerError(provider, 'refused', `cannot connect to ${config.baseUrl} (${message}); is Bedrock offered in ${config.region ?? 'this region'}?`);
  if (network) return providerError(provider, network, message);
  return providerError(provider, 'malformed', `unexpected response: ${message}`);
}
