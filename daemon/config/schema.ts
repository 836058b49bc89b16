// The daemon config schema (`~/.airlock/config.yaml`), in zod: validated once, every error located at file:line:col.
import { z } from 'zod';
import { DEFAULT_DAEMON_PORT } from '../../protocol/methods';
import { honestRegions } from '../providers/bedrock-regions';

const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1 to 64 lowercase letters, digits and "-"');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const awsRegion = z.string().regex(/^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/, 'must be an AWS region name such as eu-central-1');

const providerSchema = z.strictObject({
  name,
  kind: z.enum(['ollama', 'openai', 'anthropic', 'gemini', 'vertex', 'mistral', 'cohere', 'bedrock']),
  /** Optional for Bedrock only: its endpoint follows from the region. */
  baseUrl: httpUrl.optional(),
  azure: z.strictObject({ apiVersion: z.string().min(1) }).optional(),
  vertex: z.strictObject({
    project: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'must be a Google Cloud project id'),
    location: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a location such as europe-west4 or global'),
    credentialsFile: z.string().min(1).optional(),
    tokenUrl: httpUrl.optional(),
  }).optional(),
  apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').optional(),
  timeoutMs: z.int().min(100).max(600_000).optional(),
  embedModel: z.string().min(1).max(256).optional(),
  /** Bedrock: the AWS region requests are signed for and served in. */
  region: awsRegion.optional(),
  /** Bedrock: the AWS shared-config profile the credential chain uses. */
  profile: z.string().min(1).max(128).optional(),
}).superRefine((p, ctx) => {
  if (p.kind === 'bedrock' && !p.region) ctx.addIssue({ code: 'custom', path: ['region'], message: 'a bedrock provider needs region (the AWS region its models are served in, e.g. eu-central-1)' });
  if (p.kind !== 'bedrock' && !p.baseUrl) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'Invalid input: expected string, received undefined' });
}).transform((p) => ({ ...p, baseUrl: p.baseUrl ?? `https://bedrock-runtime.${p.region}.amazonaws.com` }));

const modelSchema = z.strictObject({
  id: z.string().min(1).max(128),
  provider: name,
  model: z.string().min(1).max(256),
  class: z.enum(['local', 'private', 'hosted']),
  capabilities: z.array(z.enum(['tools', 'json', 'vision', 'reasoning', 'citations'])).default([]),
  contextWindow: z.int().min(1),
  price: z.strictObject({ inputPerMTok: z.number().min(0), outputPerMTok: z.number().min(0) }),
  latencyMs: z.number().min(0),
  tier: z.int().min(1).max(10),
  terms: z.strictObject({ region: z.string().min(1), retentionDays: z.number().min(0), noTraining: z.boolean() }),
});

const telemetrySchema = z.strictObject({
  /** The collector's OTLP/HTTP base URL (`/v1/traces` is appended unless the URL already ends with it). */
  otlpEndpoint: httpUrl.optional(),
  /** Extra request headers (an API key for a hosted collector). */
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name'), z.string()).default({}),
  serviceName: z.string().min(1).max(128).default('airlockd'),
  /** The share of decisions exported, 0 to 1, by record id (the same record is in or out everywhere). */
  sampleRatio: z.number().min(0).max(1).default(1),
  /** Spans waiting at most (two per answered decision); beyond it they are dropped and counted in health/get. */
  queueSize: z.int().min(1).max(100_000).default(2048),
  batchSize: z.int().min(1).max(10_000).default(256),
  /** How often queued spans are sent; after a failure the wait doubles, up to a minute. */
  exportIntervalMs: z.int().min(10).max(600_000).default(5_000),
});

const policySourceSchema = z.strictObject({
  /** https (http only to a loopback address). */
  url: httpUrl,
  /** The policy file's sha256 (hex): the fetched bytes must match exactly. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits').optional(),
  /** Fetch `<url>.sig` too and verify it against `allowedSigners` (namespace airlock-policy). */
  signed: z.boolean().default(false),
  /** How often the source is fetched again (seconds). */
  refreshSeconds: z.int().min(1).max(604_800).default(3_600),
}).superRefine((src, ctx) => {
  if (!src.sha256 && !src.signed) ctx.addIssue({ code: 'custom', path: ['sha256'], message: 'pin the policy: give sha256, or signed: true (with allowedSigners)' });
  const host = (() => { try { return new URL(src.url); } catch { return null; } })();
  if (host && host.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(host.hostname)) {
    ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be https (http only to 127.0.0.1, ::1 or localhost)' });
  }
});

export const configSchema = z
  .strictObject({
    /** 0: any free port, which the daemon reports in airlockd.json (the CLI reads it there; the extension needs a fixed one). */
    port: z.union([z.literal(0), z.int().min(1024).max(65535)]).default(DEFAULT_DAEMON_PORT),
    /** A shipped preset name or a path to a preset file (relative to the config file). */
    policy: z.string().min(1).default('balanced'),
    /** Folders of preset files clients may choose by name or path (besides the shipped presets and `policy`);
     *  relative to the config file. */
    policyDirs: z.array(z.string().min(1)).default([]),
    /** A security team's setting: the policy is `policy`, and no client may switch it or choose another per request. */
    lockPolicy: z.boolean().default(false),
    /** Run only policy files with a valid SSH signature (`<file>.sig`, namespace airlock-policy) by a key listed in
     *  `allowedSigners`; shipped presets are unsigned and so refused too. */
    requireSignedPolicy: z.boolean().default(false),
    /** The trusted keys, in git's allowed_signers format (gpg.ssh.allowedSignersFile); relative to the config file. */
    allowedSigners: z.string().min(1).optional(),
    /** OpenTelemetry export of decisions (daemon/telemetry/): off unless an endpoint is set here or in
     *  OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT. */
    telemetry: telemetrySchema.optional(),
    /** A policy fetched from a URL, verified (pinned sha256 or an SSH signature) and cached (daemon/policy-source/). */
    policySource: policySourceSchema.optional(),
    storePrompts: z.enum(['none', 'redacted', 'full']).default('redacted'),
    /** The seed record's `user_tier` on every decision (e.g. a team or licence tier); a machine-wide file can set it. */
    userTier: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/, 'must be 1 to 64 letters, digits, spaces, "_", "." or "-"').optional(),
    providers: z.array(providerSchema).optional(),
    models: z.array(modelSchema).optional(),
    retry: z.strictObject({
      maxRetries: z.int().min(0).max(10).default(2),
      baseDelayMs: z.int().min(0).max(60_000).default(250),
      maxDelayMs: z.int().min(0).max(300_000).default(4_000),
      maxRetryAfterMs: z.int().min(0).max(600_000).default(30_000),
    }).default({ maxRetries: 2, baseDelayMs: 250, maxDelayMs: 4_000, maxRetryAfterMs: 30_000 }),
    timeouts: z.strictObject({
      firstTokenMs: z.int().min(100).max(600_000).default(60_000),
      idleMs: z.int().min(100).max(600_000).default(30_000),
    }).default({ firstTokenMs: 60_000, idleMs: 30_000 }),
  })
  .superRefine((config, ctx) => {
    if (config.policySource?.signed && !config.allowedSigners) {
      ctx.addIssue({ code: 'custom', path: ['policySource', 'signed'], message: 'a signed policySource needs allowedSigners: the file listing the keys trusted to sign policies' });
    }
    if (config.requireSignedPolicy && !config.allowedSigners) {
      ctx.addIssue({ code: 'custom', path: ['requireSignedPolicy'], message: 'requireSignedPolicy needs allowedSigners: the file listing the keys trusted to sign policies' });
    }
    // Providers and models come as a pair: a catalogue naming providers declared elsewhere cannot be checked.
    if ((config.providers === undefined) !== (config.models === undefined)) {
      ctx.addIssue({ code: 'custom', path: [config.providers ? 'providers' : 'models'], message: 'give both providers and models (the catalogue), or neither for the built-in one' });
    }
    const declared = new Set<string>();
    config.providers?.forEach((p, i) => {
      if (declared.has(p.name)) ctx.addIssue({ code: 'custom', path: ['providers', i, 'name'], message: `duplicate provider '${p.name}'` });
      declared.add(p.name);
      if (p.kind === 'vertex' && !p.vertex) ctx.addIssue({ code: 'custom', path: ['providers', i, 'vertex'], message: 'a vertex provider needs vertex: { project, location }' });
    });
    const ids = new Set<string>();
    config.models?.forEach((m, i) => {
      if (!declared.has(m.provider)) ctx.addIssue({ code: 'custom', path: ['models', i, 'provider'], message: `provider '${m.provider}' is not declared under providers (declared: ${[...declared].join(', ') || 'none'})` });
      if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: ['models', i, 'id'], message: `duplicate model id '${m.id}'` });
      ids.add(m.id);
      // A policy's `regions` rule trusts terms.region: for Bedrock, where the requests go is known, so check it.
      const provider = config.providers?.find((p) => p.name === m.provider);
      if (provider?.kind === 'bedrock' && provider.region) {
        const honest = honestRegions(provider.region, m.model);
        if (!honest.includes(m.terms.region)) {
          ctx.addIssue({ code: 'custom', path: ['models', i, 'terms', 'region'], message: `${m.model} through ${provider.name} is processed in ${honest.at(-1)}: declare region ${honest.join(' or ')}, not ${m.terms.region}` });
        }
      }
    });
  });

export type DaemonConfigFile = z.output<typeof configSchema>;
