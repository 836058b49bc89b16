// Vertex AI (Google Cloud) through the official @google/genai SDK, authenticated with Application Default Credentials
// from google-auth-library: the provider's credentialsFile, else GOOGLE_APPLICATION_CREDENTIALS, else gcloud's user
// credentials (`gcloud auth application-default login`), else the metadata server of the VM or pod it runs on.
// Requests go to `baseUrl` (https://LOCATION-aiplatform.googleapis.com) under the configured project and location.
import type { GoogleGenAI } from '@google/genai';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { AuthClient } from 'google-auth-library';
import type { ProviderConfig, VertexConfig } from '../../protocol';
import { fromGenAiError, sendThrough, streamGenerate } from './google-genai';
import { createHttpFetch } from './http-fetch';
import { loadGenAi } from './gemini';
import { isAbort, networkFailure, providerError, shortMessage } from './errors';
import { commonJs, once } from './sdk-adapter';
import { ProviderError, type CredentialReport, type ProviderAdapter } from './types';

const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
/** Where google-auth-library exchanges a service-account assertion or a refresh token for an access token. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

const loadAuth = once(async () => commonJs(await import('google-auth-library')));

/** Sends the library's token requests to `tokenUrl` instead of Google's (a Private Service Connect endpoint). */
function redirectTokenRequests(client: AuthClient, tokenUrl: string): void {
  client.transporter.interceptors.request.add({
    resolved: async (options) => {
      if (String(options.url) === GOOGLE_TOKEN_URL) options.url = new URL(tokenUrl);
      return options;
    },
  });
}

/**
 * The client for a credentials file named in the config: a service account's key or gcloud's user credentials, built
 * with their own constructors. Other types (external accounts run commands or read URLs the file names) are refused:
 * Google's library warns against loading such a file without checking it, and ADC still reads them from the environment.
 */
async function fileClient(file: string): Promise<AuthClient> {
  const { JWT, UserRefreshClient } = await loadAuth();
  const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, string | undefined>;
  if (json.type === 'service_account') return new JWT({ email: json.client_email, key: json.private_key, keyId: json.private_key_id, scopes: [SCOPE] });
  if (json.type === 'authorized_user') return new UserRefreshClient({ clientId: json.client_id, clientSecret: json.client_secret, refreshToken: json.refresh_token });
  throw new Error(`${file}: credentials of type '${String(json.type)}' are not accepted in credentialsFile (service_account or authorized_user); point GOOGLE_APPLICATION_CREDENTIALS at it instead`);
}

/** The ADC client for a provider, found once; a failed search is not remembered, so fixing credentials needs no restart. */
function adcClient(vertex: VertexConfig): () => Promise<AuthClient> {
  let found: Promise<AuthClient> | undefined;
  return () => {
    found ??= (async () => {
      const { GoogleAuth } = await loadAuth();
      const client = vertex.credentialsFile ? await fileClient(vertex.credentialsFile) : await new GoogleAuth({ scopes: [SCOPE], projectId: vertex.project }).getClient();
      if (vertex.tokenUrl) redirectTokenRequests(client, vertex.tokenUrl);
      return client;
    })();
    found.catch(() => { found = undefined; });
    return found;
  };
}

/** A failure to find or use credentials, as an `auth` failure that says where they are looked for. */
function credentialError(provider: string, err: unknown): ProviderError {
  if (isAbort(err)) return providerError(provider, 'cancelled', 'request cancelled');
  const network = networkFailure(err);
  const status = (err as { status?: unknown; response?: { status?: unknown } }).response?.status ?? (err as { status?: unknown }).status;
  if (network && status === undefined) return providerError(provider, network, `cannot reach the token endpoint (${shortMessage(err)})`);
  const where = 'set vertex.credentialsFile or GOOGLE_APPLICATION_CREDENTIALS to a service-account file, run `gcloud auth application-default login`, or run on Google Cloud with a service account';
  return providerError(provider, 'auth', `no usable Google Cloud credentials (${shortMessage(err)}): ${where}`, typeof status === 'number' ? status : undefined);
}

/** Where ADC would take credentials from, in google-auth-library's order (never the value). */
export function adcSource(vertex: VertexConfig, env: NodeJS.ProcessEnv = process.env): string {
  if (vertex.credentialsFile) return `credentials file ${vertex.credentialsFile}`;
  if (env.GOOGLE_APPLICATION_CREDENTIALS) return `ADC: GOOGLE_APPLICATION_CREDENTIALS (${env.GOOGLE_APPLICATION_CREDENTIALS})`;
  const gcloud = env.CLOUDSDK_CONFIG ? path.join(env.CLOUDSDK_CONFIG, 'application_default_credentials.json') : path.join(homedir(), '.config', 'gcloud', 'application_default_credentials.json');
  if (existsSync(gcloud)) return `ADC: gcloud application-default login (${gcloud})`;
  return 'ADC: the metadata server';
}

export function createVertexAdapter(config: ProviderConfig): ProviderAdapter {
  const vertex = config.vertex;
  if (!vertex) throw new Error(`${config.name}: a vertex provider needs vertex: { project, location }`);
  const credentials = adcClient(vertex);
  let ai: GoogleGenAI | undefined;
  const fetch = createHttpFetch();
  return {
    config,
    // For `airlock providers check`: ADC's own search, without a token request (the probe that follows makes one).
    async describeCredentials(): Promise<CredentialReport> {
      try {
        await credentials();
        return { found: true, source: adcSource(vertex) };
      } catch (err) {
        return { found: false, source: 'none', fix: credentialError(config.name, err).message.replace(`${config.name}: `, '') };
      }
    },
    async stream(request, onDelta) {
      const sdk = await loadGenAi();
      let client: AuthClient;
      try {
        client = await credentials();
        // Fetched here, not inside the SDK, so a credentials failure says what to fix rather than what broke.
        await client.getAccessToken();
      } catch (err) {
        throw credentialError(config.name, err);
      }
      ai ??= sendThrough(new sdk.GoogleGenAI({
        vertexai: true, project: vertex.project, location: vertex.location,
        googleAuthOptions: { authClient: client as never },
        httpOptions: { baseUrl: config.baseUrl },
      }), fetch);
      try {
        return await streamGenerate(ai, config.name, request, onDelta);
      } catch (err) {
        throw fromGenAiError(config.name, err, sdk);
      }
    },
  };
}
