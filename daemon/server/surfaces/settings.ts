// What a tool needs to use airlockd as its OpenAI-, Anthropic- or Ollama-compatible endpoint: the base URLs, the key,
// and ready-to-paste settings. Shared by `airlock endpoint` and the extension's "Connect Another Assistant".
export interface EndpointInfo {
  key: string;
  openai: { baseUrl: string };
  anthropic: { baseUrl: string };
  ollama: { baseUrl: string };
}

export function endpointInfo(port: number, key: string): EndpointInfo {
  const root = `http://127.0.0.1:${port}`;
  return { key, openai: { baseUrl: `${root}/v1` }, anthropic: { baseUrl: root }, ollama: { baseUrl: root } };
}

export function settingsText(name: string, info: EndpointInfo): string {
  const { key } = info;
  const root = info.anthropic.baseUrl;
  return `Endpoint key "${name}" (shown once; revoke with \`airlock endpoint revoke ${name}\`):
  ${key}

Base URLs
  OpenAI-compatible:    ${info.openai.baseUrl}
  Anthropic-compatible: ${info.anthropic.baseUrl}
  Ollama-compatible:    ${info.ollama.baseUrl}   (no header? use ${root}/k/${key})
  Model: airlock/auto (the policy chooses; a named model is only a request)

Environment
  export OPENAI_BASE_URL=${info.openai.baseUrl}
  export OPENAI_API_KEY=${key}
  export ANTHROPIC_BASE_URL=${info.anthropic.baseUrl}
  export ANTHROPIC_API_KEY=${key}
  export OLLAMA_HOST=${root}/k/${key}

Continue (~/.continue/config.yaml)
  models:
    - name: Airlock
      provider: openai
      model: airlock/auto
      apiBase: ${info.openai.baseUrl}
      apiKey: ${key}

Cline / Roo Code (settings → API Provider)
  API Provider: OpenAI Compatible
  Base URL: ${info.openai.baseUrl}
  API Key: ${key}
  Model ID: airlock/auto

Aider
  aider --openai-api-base ${info.openai.baseUrl} --openai-api-key ${key} --model openai/airlock/auto

Zed (settings.json; paste the key when Zed asks for it)
  "language_models": { "openai_compatible": { "Airlock": {
    "api_url": "${info.openai.baseUrl}",
    "available_models": [{ "name": "airlock/auto", "max_tokens": 128000 }] } } }
`;
}

