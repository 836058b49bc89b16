// Agent mode's tools through Airlock, without a VS Code import (unit-tested): VS Code's tool definitions and tool mode
// → lm/chat's, and the whole tool calls airlockd returns → the input VS Code's LanguageModelToolCallPart takes.
import type { ToolCall, ToolChoice, ToolSpec } from '../../protocol/tools';

/** vscode.LanguageModelChatTool's shape. */
export interface ChatToolLike {
  name: string;
  description: string;
  inputSchema?: object | undefined;
}

export function toolSpecs(tools: readonly ChatToolLike[] | undefined): ToolSpec[] | undefined {
  if (!tools?.length) return undefined;
  return tools.map((t) => ({
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    ...(t.inputSchema ? { parameters: t.inputSchema as Record<string, unknown> } : {}),
  }));
}

/** vscode.LanguageModelChatToolMode: 1 Auto (the default: nothing to say), 2 Required. */
export function toolChoiceOf(mode: number | undefined, hasTools: boolean): ToolChoice | undefined {
  return hasTools && mode === 2 ? 'required' : undefined;
}

/** A call's JSON arguments as the object VS Code hands to the tool; a model that wrote anything else gets a clear
 *  error rather than a tool run with made-up input. */
export function toolInput(call: ToolCall): object {
  let input: unknown;
  try {
    input = JSON.parse(call.arguments === '' ? '{}' : call.arguments);
  } catch {
    throw new Error(`Airlock: the model called ${call.name} with arguments that are not JSON; nothing was run.`);
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new Error(`Airlock: the model called ${call.name} with arguments that are not a JSON object; nothing was run.`);
  }
  return input;
}
