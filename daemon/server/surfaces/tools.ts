// Tool definitions on the HTTP surfaces: each surface's own `tools` shape to the route's ToolSpec, and the text of
// the definitions for the scan. The definitions are the client's boilerplate and go to the model as they came, so
// every string in them (names, descriptions, enum values, defaults) is scanned for secrets and personal data; they
// are rendered as prose lines, not as JSON, so the schema's braces alone do not make a question look like code.
import { z } from 'zod';
import type { ToolSpec } from '../../../protocol/tools';

/** Every string inside a JSON value, depth first. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      stringsIn(v, out);
    }
  }
  return out;
}

/** One line per tool: its name, description and the strings of its schema. '' without tools. */
export function toolsText(tools: readonly ToolSpec[] | undefined): string {
  return (tools ?? []).map((t) => [t.name, t.description ?? '', ...stringsIn(t.parameters ?? {})].filter(Boolean).join(' ')).join('\n');
}

const name = z.string().min(1).max(128);
const schema = z.record(z.string(), z.unknown());

/** OpenAI and Ollama: `{type:"function", function:{name, description, parameters}}`. */
export const functionTools = z.array(z.looseObject({
  type: z.string().max(64).optional(),
  function: z.looseObject({ name, description: z.string().optional(), parameters: schema.optional() }),
})).max(512);

export const specsOfFunctions = (tools: z.infer<typeof functionTools> | undefined): ToolSpec[] | undefined =>
  tools?.map((t) => ({ name: t.function.name, ...(t.function.description !== undefined ? { description: t.function.description } : {}), ...(t.function.parameters ? { parameters: t.function.parameters } : {}) }));

/** Anthropic: `{name, description, input_schema}`; server tools (web search and the like) have a `type` and no schema. */
export const anthropicTools = z.array(z.looseObject({ name, description: z.string().optional(), input_schema: schema.optional() })).max(512);

export const specsOfAnthropic = (tools: z.infer<typeof anthropicTools> | undefined): ToolSpec[] | undefined =>
  tools?.map((t) => ({ name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), ...(t.input_schema ? { parameters: t.input_schema } : {}) }));
