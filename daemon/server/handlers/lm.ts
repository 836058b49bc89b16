// lm/chat: VS Code's chat (the language-model provider and @airlock) sends a whole conversation. The conversation
// becomes one prompt with the transcript code the HTTP surfaces use, then it is a chat/send: same decision path
// (route/request.ts), same notifications, cancel and record.
import type { ClientResults, LmChatParams } from '../../../protocol/methods';
import type { Connection } from '../connection';
import type { ServerContext } from '../context';
import { instructionsTurn, renderTranscript, turnOf } from '../surfaces/transcript';
import { chatSend } from './chat';

type Params = Required<Pick<LmChatParams, 'requestId' | 'messages' | 'facts'>> & Pick<LmChatParams, 'client' | 'policy' | 'storePrompts'>;

export const lmChat = (ctx: ServerContext) => {
  const send = chatSend(ctx);
  return async (params: Params, conn: Connection): Promise<ClientResults['lm/chat']> => {
    // The system prompt is the client's own instructions; JSON tool results are data (route/not-code.ts).
    const { text, notCode } = renderTranscript(params.messages.map((m) => (m.role === 'system' ? instructionsTurn(m.role, m.text) : turnOf(m.role, m.text))));
    const facts = { ...params.facts, ...(params.client ? { client: { userAgent: params.client } } : {}), ...(notCode.length ? { notCode } : {}) };
    return send({ requestId: params.requestId, text, facts, policy: params.policy, storePrompts: params.storePrompts }, conn);
  };
};
