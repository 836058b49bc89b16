// Provider simulators for tests: each speaks one provider's wire format on 127.0.0.1 and records every byte.
export { start as startOpenAISim, openaiError, AZURE_PROMPT_FILTERED } from './openai';
export { start as startAnthropicSim, anthropicError } from './anthropic';
export { start as startOllamaSim, ollamaError, OLLAMA_VERSION } from './ollama';
export { start as startBedrockSim, bedrockError, GUARDRAIL_MESSAGE, type BedrockSimHandle, type BedrockStartOptions } from './bedrock';
export { contentText, countWords, defaultReply, lastUserText, splitPieces } from './reply';
export type { Behaviour, RecordedRequest, SimHandle, StartOptions } from './server';
export { start as startGeminiSim, googleError } from './gemini';
export { start as startVertexSim, type VertexSimHandle, type VertexSimOptions } from './vertex';
export { start as startMistralSim, mistralError } from './mistral';
export { start as startCohereSim, cohereError } from './cohere';
