// The models a policy may choose from. Presets name classes and requirements; the catalogue names concrete models.

export type ProviderClass = 'local' | 'private' | 'hosted';
export type ProviderKind = 'ollama' | 'openai' | 'anthropic' | 'gemini' | 'vertex' | 'mistral' | 'cohere' | 'bedrock';
export type Capability = 'tools' | 'json' | 'vision' | 'reasoning' | 'citations';

export interface DataTerms {
  /** Where prompts are processed: `local`, `eu`, `us`, `global`, or a provider region name. */
  region: string;
  /** How long the provider keeps prompts, in days; 0 means not retained. */
  retentionDays: number;
  /** The provider promises not to train on the data. */
  noTraining: boolean;
}

export interface CatalogueModel {
  /** Unique id in the catalogue, e.g. `ollama/llama3.2`. */
  id: string;
  provider: string;
  /** The model name the provider expects. */
  model: string;
  class: ProviderClass;
  capabilities: Capability[];
  contextWindow: number;
  /** US dollars per million tokens. */
  price: { inputPerMTok: number; outputPerMTok: number };
  /** Typical time to first token, milliseconds. */
  latencyMs: number;
  /** Relative strength 1..10, for escalation when the user asks for depth. */
  tier: number;
  terms: DataTerms;
}

export interface ProviderConfig {
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  /** Azure OpenAI needs an api-version query parameter and api-key header. */
  azure?: { apiVersion: string };
  /** Vertex AI: the Google Cloud project and location (region) requests go to; credentials come from ADC. */
  vertex?: VertexConfig;
  /** Environment variable that holds the API key when the keychain has none. */
  apiKeyEnv?: string;
  /** Longest one attempt at this provider may take, from the request to the last byte; a slower one ends as a timeout. */
  timeoutMs?: number;
  /** The model this provider embeds with (`POST /v1/embeddings`, `/api/embed`); default per kind: Ollama
   *  `nomic-embed-text`, OpenAI-compatible `text-embedding-3-small`; Anthropic has no embeddings API. */
  embedModel?: string;
  /** Bedrock: the AWS region the requests are signed for and served in (e.g. `eu-central-1`). */
  region?: string;
  /** Bedrock: the shared-config profile the AWS credential chain uses (default: AWS_PROFILE, then `default`). */
  profile?: string;
}

export interface VertexConfig {
  project: string;
  /** A region such as `europe-west4`, or `global`. */
  location: string;
  /** A service-account or gcloud credentials file; without it, Application Default Credentials are searched. */
  credentialsFile?: string;
  /** The OAuth token endpoint, for a Private Service Connect endpoint; default Google's. */
  tokenUrl?: string;
}

export interface Catalogue {
  providers: ProviderConfig[];
  models: CatalogueModel[];
}
