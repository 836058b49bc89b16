// Tool calls, surface-neutral: what a request offers the model (ToolSpec, ToolChoice) and what the model streams
// back (ToolCallDelta). Every HTTP surface (OpenAI, Anthropic, Ollama) and the VS Code chat provider translate their
// own wire format to and from these; the route layer and the provider adapters only know these.

/** A function the model may call; `parameters` is a JSON Schema object, passed to the provider as it came. */
export interface ToolSpec {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

/** auto: the model decides; none: no call; required: some call; { name }: that one. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** What a request asks of the model besides the text. Dropped for a model not tagged for it in the catalogue. */
export interface ToolRequest {
  tools?: ToolSpec[];
  toolChoice?: ToolChoice;
  /** OpenAI `response_format` json: a JSON object, or one matching `schema`. Only for models tagged `json`. */
  responseFormat?: { type: 'json_object' } | { type: 'json_schema'; schema: Record<string, unknown>; name?: string };
}

/**
 * One piece of a streamed tool call. The first piece of call `index` carries its `id` and `name`; `arguments` pieces
 * concatenate to the call's JSON arguments. Arguments reach the client restored (placeholders → values).
 */
export interface ToolCallDelta {
  index: number;
  id?: string;
  name?: string;
  arguments?: string;
}

/** A whole tool call, as the non-streaming answers carry it. */
export interface ToolCall {
  id: string;
  name: string;
  /** JSON text. */
  arguments: string;
}

/** Folds streamed pieces into whole calls, in index order. */
export function collectToolCalls(deltas: readonly ToolCallDelta[]): ToolCall[] {
  const calls = new Map<number, ToolCall>();
  for (const d of deltas) {
    const call = calls.get(d.index) ?? { id: '', name: '', arguments: '' };
    if (d.id) call.id = d.id;
    if (d.name) call.name = d.name;
    if (d.arguments) call.arguments += d.arguments;
    calls.set(d.index, call);
  }
  return [...calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
}
