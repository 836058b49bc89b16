// Vertex AI simulator: POST /{v1,v1beta1}/projects/P/locations/L/publishers/google/models/M:{generateContent,
// streamGenerateContent} with an OAuth bearer this simulator issued (the Gemini wire: test/sim/gemini.ts), plus the two
// places Application Default Credentials get tokens from:
// - POST /token, Google's OAuth token endpoint: a service account's RS256 JWT assertion (jwt-bearer grant; the
//   signature is checked against the key the test generated, and iss, aud, scope and expiry), or a gcloud user's
//   refresh token (refresh_token grant);
// - GET /computeMetadata/v1/instance/service-accounts/default/token, the metadata server (`Metadata-Flavor: Google`).
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { play, sendJson, startSim } from './server';
import type { Dialect, Exchange, SimHandle, StartOptions } from './server';
import { defaultReply } from './reply';
import { generateRequest, generateWire, googleError } from './gemini';

const DEFAULT_MODELS = ['gemini-2.5-flash', 'gemini-2.5-pro'];
const VERTEX_PATH = /^\/(v1|v1beta1)\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/google\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

export interface VertexSimOptions extends StartOptions {
  /** The project requests must name; another gets 403 PERMISSION_DENIED, as on Vertex. */
  project?: string;
  /** Locations that serve the models; another gets 404 for the publisher model, as a region without the model does. */
  locations?: string[];
  /** The service account whose signed assertions the token endpoint accepts. */
  serviceAccount?: { email: string; publicKeyPem: string };
  /** gcloud user credentials the token endpoint accepts. */
  user?: { clientId: string; clientSecret: string; refreshToken: string };
}

export interface VertexSimHandle extends SimHandle {
  /** Access tokens issued so far, and by which route. */
  issued: { token: string; via: 'service-account' | 'user' | 'metadata' }[];
}

const b64url = (part: string): Buffer => Buffer.from(part, 'base64url');

/** Why a JWT assertion is refused, or null when it is a valid one from the configured service account. */
function assertionProblem(jwt: string, account: { email: string; key: KeyObject }): string | null {
  const [h, p, s] = jwt.split('.');
  if (!h || !p || !s) return 'malformed JWT';
  const header = JSON.parse(b64url(h).toString('utf8')) as { alg?: string };
  if (header.alg !== 'RS256') return `unsupported alg ${String(header.alg)}`;
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), account.key, b64url(s))) return 'Invalid JWT Signature.';
  const claims = JSON.parse(b64url(p).toString('utf8')) as { iss?: string; aud?: string; scope?: string; exp?: number; iat?: number };
  if (claims.iss !== account.email) return `Invalid issuer ${String(claims.iss)}`;
  if (claims.aud !== GOOGLE_TOKEN_URL) return `Invalid audience ${String(claims.aud)}`;
  if (!claims.scope?.split(' ').includes(SCOPE)) return 'Invalid OAuth scope or ID token audience provided.';
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.';
  return null;
}

export async function start(options: VertexSimOptions = {}): Promise<VertexSimHandle> {
  const issued: VertexSimHandle['issued'] = [];
  const account = options.serviceAccount ? { email: options.serviceAccount.email, key: createPublicKey(options.serviceAccount.publicKeyPem) } : undefined;
  let counter = 0;
  const issue = (via: VertexSimHandle['issued'][number]['via']): { access_token: string; expires_in: number; token_type: string } => {
    const token = `ya29.sim-${via}-${++counter}`;
    issued.push({ token, via });
    return { access_token: token, expires_in: 3599, token_type: 'Bearer' };
  };

  function token(ex: Exchange): void {
    const form = new URLSearchParams(ex.body.toString('utf8'));
    const grant = form.get('grant_type');
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && account) {
      const problem = assertionProblem(form.get('assertion') ?? '', account);
      if (problem) return sendJson(ex.res, 400, { error: 'invalid_grant', error_description: problem });
      return sendJson(ex.res, 200, issue('service-account'));
    }
    const user = options.user;
    if (grant === 'refresh_token' && user) {
      if (form.get('client_id') !== user.clientId || form.get('client_secret') !== user.clientSecret) return sendJson(ex.res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
      if (form.get('refresh_token') !== user.refreshToken) return sendJson(ex.res, 400, { error: 'invalid_grant', error_description: 'Bad Request' });
      return sendJson(ex.res, 200, { ...issue('user'), scope: SCOPE });
    }
    sendJson(ex.res, 400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${String(grant)}` });
  }

  function metadata(ex: Exchange): void {
    const flavor = { 'metadata-flavor': 'Google' };
    if (ex.headers['metadata-flavor'] !== 'Google') return sendJson(ex.res, 403, 'Missing required header "Metadata-Flavor"', flavor);
    if (ex.pathname === '/computeMetadata/v1/instance/service-accounts/default/token') return sendJson(ex.res, 200, issue('metadata'), flavor);
    if (ex.pathname === '/computeMetadata/v1/project/project-id') {
      ex.res.writeHead(200, { 'content-type': 'application/text', ...flavor });
      return void ex.res.end(options.project ?? 'sim-project');
    }
    // The detection ping and anything else the library asks: an empty answer from a metadata server.
    ex.res.writeHead(200, { 'content-type': 'application/text', ...flavor });
    ex.res.end('');
  }

  function generate(ex: Exchange, m: RegExpExecArray): Promise<void> | void {
    const [, version, project, location, model, method] = m as unknown as string[];
    const bearer = /^Bearer (.+)$/.exec(ex.headers.authorization ?? '')?.[1];
    if (!bearer || !issued.some((t) => t.token === bearer)) return sendJson(ex.res, 401, googleError(401).body);
    const resource = `projects/${project}/locations/${location}/publishers/google/models/${model}`;
    if (options.project && project !== options.project) {
      return sendJson(ex.res, 403, googleError(403, `Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/${resource}' (or it may not exist).`).body);
    }
    const served = (options.locations ?? [location!]).includes(location!) && (options.models ?? DEFAULT_MODELS).includes(model!);
    if (!served) return sendJson(ex.res, 404, googleError(404, `Publisher Model \`${resource}\` was not found or your project does not have access to it. Please ensure you are using a valid model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions`).body);
    const stream = method === 'streamGenerateContent';
    if (stream && ex.query.get('alt') !== 'sse') return sendJson(ex.res, 400, googleError(400, 'this simulator streams with alt=sse only').body);
    const parsed = generateRequest(ex, model!, `sim-vertex-${version}-${++counter}`, googleError);
    if (!parsed) return;
    return play(ex, generateWire(parsed.ctx, stream, googleError), defaultReply('sim-vertex', parsed.lastUser));
  }

  const dialect: Dialect = {
    handle(ex) {
      const m = VERTEX_PATH.exec(ex.pathname);
      if (ex.method === 'POST' && m) return generate(ex, m);
      if (ex.method === 'POST' && ex.pathname === '/token') return token(ex);
      if (ex.method === 'GET' && ex.pathname.startsWith('/computeMetadata/')) return metadata(ex);
      sendJson(ex.res, 404, googleError(404, `Invalid URL (${ex.method} ${ex.pathname})`).body);
    },
  };
  const handle = await startSim(dialect, options);
  return Object.assign(handle, { issued });
}
