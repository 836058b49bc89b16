// One lm/chat request with its chat/chunk notifications delivered to `onDelta` and VS Code's cancellation turned into
// chat/cancel. Shared by the language-model provider and the @airlock participant.
import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import type { ClientResults, LmChatParams } from '../../protocol/methods';
import type { ChatDeps } from './deps';

/** As long as chat/send may take (extension/daemon/connection.ts): a long answer streams for minutes. */
const ANSWER_TIMEOUT_MS = 10 * 60_000;

export async function streamChat(
  deps: ChatDeps,
  params: Omit<LmChatParams, 'requestId' | 'storePrompts'>,
  onDelta: (delta: string) => void,
  token: vscode.CancellationToken,
): Promise<ClientResults['lm/chat']> {
  const requestId = `vscode-${randomUUID()}`;
  const listener = deps.onNotification((method, n) => {
    if (method !== 'chat/chunk') return;
    const chunk = n as { requestId: string; delta: string };
    if (chunk.requestId === requestId) onDelta(chunk.delta);
  });
  const cancel = token.onCancellationRequested(() => void deps.request('chat/cancel', { requestId }).catch(() => undefined));
  const images = params.messages.reduce((n, m) => n + (m.images?.length ?? 0), 0);
  deps.log(`lm/chat ${requestId}: ${params.messages.length} message(s)${images ? `, ${images} image(s)` : ''} from ${params.client ?? 'vscode'}`);
  try {
    return await deps.request('lm/chat', { ...params, requestId, storePrompts: deps.storePrompts() }, ANSWER_TIMEOUT_MS);
  } finally {
    cancel.dispose();
    listener.dispose();
  }
}
