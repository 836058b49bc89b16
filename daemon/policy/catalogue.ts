// The built-in catalogue, used until the daemon config supplies one. Prices are public list prices in USD per
// million tokens (mid-2025); latency is a typical time to first token; tiers are a rough 1..10 strength scale.
// Data terms are the providers' published API defaults; check them against your own contracts.
import type { Catalogue, CatalogueModel } from '../../protocol';

const LOCAL_TERMS = { region: 'local', retentionDays: 0, noTraining: true };
/** OpenAI and Anthropic APIs: no training on API data by default, abuse-monitoring logs kept up to 30 days. */
const US_API_TERMS = { region: 'us', retentionDays: 30, noTraining: true };

const models: CatalogueModel[] = [
  {
    id: 'ollama/llama3.2', provider: 'ollama', model: 'llama3.2', class: 'local',
    capabilities: ['tools', 'json'], contextWindow: 131072,
    price: { inputPerMTok: 0, outputPerMTok: 0 }, latencyMs: 250, tier: 2, terms: LOCAL_TERMS,
  },
  {
    id: 'ollama/qwen2.5-coder', provider: 'ollama', model: 'qwen2.5-coder:7b', class: 'local',
    capabilities: ['tools', 'json'], contextWindow: 32768,
    price: { inputPerMTok: 0, outputPerMTok: 0 }, latencyMs: 450, tier: 3, terms: LOCAL_TERMS,
  },
  {
    // An enterprise deployment in the EU with abuse monitoring turned off: nothing retained, no training.
    id: 'azure/gpt-4o-mini', provider: 'azure', model: 'gpt-4o-mini', class: 'private',
    capabilities: ['tools', 'json', 'vision'], contextWindow: 128000,
    price: { inputPerMTok: 0.165, outputPerMTok: 0.66 }, latencyMs: 600, tier: 4,
    terms: { region: 'eu', retentionDays: 0, noTraining: true },
  },
  {
    id: 'openai/gpt-4o-mini', provider: 'openai', model: 'gpt-4o-mini', class: 'hosted',
    capabilities: ['tools', 'json', 'vision'], contextWindow: 128000,
    price: { inputPerMTok: 0.15, outputPerMTok: 0.6 }, latencyMs: 450, tier: 4, terms: US_API_TERMS,
  },
  {
    id: 'openai/gpt-4o', provider: 'openai', model: 'gpt-4o', class: 'hosted',
    capabilities: ['tools', 'json', 'vision'], contextWindow: 128000,
    price: { inputPerMTok: 2.5, outputPerMTok: 10 }, latencyMs: 550, tier: 7, terms: US_API_TERMS,
  },
  {
    id: 'openai/o4-mini', provider: 'openai', model: 'o4-mini', class: 'hosted',
    capabilities: ['tools', 'json', 'vision', 'reasoning'], contextWindow: 200000,
    price: { inputPerMTok: 1.1, outputPerMTok: 4.4 }, latencyMs: 2500, tier: 7, terms: US_API_TERMS,
  },
  {
    id: 'anthropic/claude-3-5-haiku', provider: 'anthropic', model: 'claude-3-5-haiku-20241022', class: 'hosted',
    capabilities: ['tools', 'citations'], contextWindow: 200000,
    price: { inputPerMTok: 0.8, outputPerMTok: 4 }, latencyMs: 700, tier: 5, terms: US_API_TERMS,
  },
  {
    id: 'anthropic/claude-sonnet-4', provider: 'anthropic', model: 'claude-sonnet-4-20250514', class: 'hosted',
    capabilities: ['tools', 'vision', 'reasoning', 'citations'], contextWindow: 200000,
    price: { inputPerMTok: 3, outputPerMTok: 15 }, latencyMs: 1200, tier: 9, terms: US_API_TERMS,
  },
  {
    // Routed to whichever upstream serves it: retention and training depend on that provider, so assume the worst.
    id: 'openrouter/llama-3.3-70b', provider: 'openrouter', model: 'meta-llama/llama-3.3-70b-instruct', class: 'hosted',
    capabilities: ['tools', 'json'], contextWindow: 131072,
    price: { inputPerMTok: 0.13, outputPerMTok: 0.4 }, latencyMs: 800, tier: 5,
    terms: { region: 'global', retentionDays: 30, noTraining: false },
  },
];

export const defaultCatalogue: Catalogue = {
  providers: [
    { name: 'ollama', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', timeoutMs: 120_000 },
    { name: 'openai', kind: 'openai', baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY' },
    { name: 'anthropic', kind: 'anthropic', baseUrl: 'https://api.anthropic.com', apiKeyEnv: 'ANTHROPIC_API_KEY' },
    { name: 'openrouter', kind: 'openai', baseUrl: 'https://openrouter.ai/api/v1', apiKeyEnv: 'OPENROUTER_API_KEY' },
    {
      // Replace with your resource in the daemon config; the deployment name is the model name above.
      name: 'azure', kind: 'openai', baseUrl: 'https://your-resource.openai.azure.com/openai',
      azure: { apiVersion: '2024-10-21' }, apiKeyEnv: 'AZURE_OPENAI_API_KEY',
    },
  ],
  models,
};
