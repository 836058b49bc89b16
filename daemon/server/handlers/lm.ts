// lm/chat: VS Code's chat (the language-model provider and @airlock) sends a whole conversation. The conversation
// becomes one prompt with the transcript code the HTTP surfaces use, then it is a chat/send: same decision path
// (route/request.ts), same notifications, cancel and record.
import type { ClientResults, LmChatParams } from '../../../protocol/methods';
import type { Connection } from '../connection';
import type { ServerContext } from '../context';
import { renderTranscript } from '../surfaces/transcript';
import { chatSend } from './chat';

type Params = Required<Pick<LmChatParams, 'requestId' | 'messages' | 'facts'>> & Pick<LmChatParams, 'client' | 'policy' | 'storePrompts'>;

export const lmChat = (ctx: ServerContext) => {
  const send = chatSend(ctx);
  return async (params: Params, conn: Connection): Promise<ClientResults['lm/chat']> => {
    const facts = params.client ? { ...params.facts, client: { userAgent: params.client } } : params.facts;
    return send({ requestId: params.requestId, text: renderTranscript(params.messages), facts, policy: params.policy, storePrompts: params.storePrompts }, conn);
  };
};
