// lm/chat: VS Code's chat (the language-model provider and @airlock) sends a whole conversation, and agent mode its
// tools. The conversation and the tool definitions become one prompt with the transcript code the HTTP surfaces use,
// then it is a chat/send: same decision path (route/request.ts), same notifications, cancel and record. Tool calls
// come back whole (arguments restored and filtered by route/tool-calls.ts), so VS Code only ever sees complete input.
// Images go with the prompt as on the HTTP surfaces: counted in facts.images (the plan treats the request as
// unscanned) and handed to route/execute.ts, which gives them to a model tagged `vision` only.
import { checkImageLimits } from '../../../protocol/images';
import type { ClientResults, LmChatParams } from '../../../protocol/methods';
import { collectToolCalls, type ToolCallDelta, type ToolRequest } from '../../../protocol/tools';
import type { Connection } from '../connection';
import type { ServerContext } from '../context';
import { toolsText } from '../surfaces/tools';
import { instructionsTurn, renderTranscript, turnOf } from '../surfaces/transcript';
import { chatSend } from './chat';
import { lmModels } from './lm-models';

type Params = Required<Pick<LmChatParams, 'requestId' | 'messages' | 'facts'>> & Pick<LmChatParams, 'client' | 'policy' | 'storePrompts' | 'tools' | 'toolChoice'>;

function toolRequest(params: Params): ToolRequest | undefined {
  if (!params.tools?.length) return undefined;
  return { tools: params.tools, ...(params.toolChoice ? { toolChoice: params.toolChoice } : {}) };
}

export const lmChat = (ctx: ServerContext) => {
  const send = chatSend(ctx);
  return async (params: Params, conn: Connection): Promise<ClientResults['lm/chat']> => {
    const tools = toolRequest(params);
    // In conversation order; over a limit the request is refused before anything is scanned, sent or recorded.
    const images = params.messages.flatMap((m) => m.images ?? []);
    checkImageLimits(images);
    // The system prompt and the tool definitions are the client's own instructions; JSON tool results are data
    // (route/not-code.ts): neither makes a question "code", while secrets in them are still found.
    const { text, notCode } = renderTranscript([
      instructionsTurn('tools', toolsText(tools?.tools)),
      ...params.messages.map((m) => (m.role === 'system' ? instructionsTurn(m.role, m.text) : turnOf(m.role, m.text))),
    ]);
    const facts = {
      ...params.facts,
      ...(params.client ? { client: { userAgent: params.client } } : {}),
      // The tool names are facts a policy can match (`when: tools`), as on the HTTP surfaces.
      ...(tools ? { tools: tools.tools!.map((t) => t.name).slice(0, 128) } : {}),
      ...(notCode.length ? { notCode } : {}),
      ...(images.length ? { images: images.length } : {}),
    };
    const pieces: ToolCallDelta[] = [];
    const result = await send({
      requestId: params.requestId, text, facts, policy: params.policy, storePrompts: params.storePrompts,
      ...(tools ? { tools, onToolCall: (delta: ToolCallDelta) => pieces.push(delta) } : {}),
      ...(images.length ? { images } : {}),
    }, conn);
    // A call without an id gets one unique in the conversation: VS Code pairs each result with its call by it.
    const toolCalls = collectToolCalls(pieces).map((c, i) => (c.id ? c : { ...c, id: `call_${result.record.id}_${i}` }));
    return toolCalls.length ? { ...result, toolCalls } : result;
  };
};

export const lmModelsGet = (ctx: ServerContext) => async (): Promise<ClientResults['lm/models']> =>
  ({ models: lmModels(ctx.state.policyFor(undefined), ctx.state.config().catalogue) });
