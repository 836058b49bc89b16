// Airlock's models in VS Code's chat model picker (vendor `airlock`). "Airlock (auto)": the policy picks the model for
// each request. The whole conversation goes to airlockd as lm/chat (one decision path, one record); the answer
// streams back as text parts and ends with a route line ("Airlock: local · llama3.2 · secret") linking to the record.
import * as vscode from 'vscode';
import { ERRORS, toErrorValue } from '../../protocol/errors';
import { OPEN_DECISION_COMMAND, type ChatDeps } from './deps';
export { VENDOR } from './deps';
import { estimateTokens, ROUTE_LINE_PREFIX, routeLine } from './describe';
import { toTurns } from './messages';
import { streamChat } from './stream';

const MODELS: vscode.LanguageModelChatInformation[] = [{
  id: 'airlock-auto',
  name: 'Airlock (auto)',
  family: 'airlock',
  version: '1',
  tooltip: 'Airlock routes each request: code, secrets and personal data stay on the local model; public text may go to a hosted one.',
  detail: 'policy decides',
  maxInputTokens: 128_000,
  maxOutputTokens: 8_192,
  // The route layer has no tool support yet: declaring tools would promise agent mode an answer it cannot give.
  capabilities: { imageInput: false, toolCalling: false },
}];

function textOfMessage(message: string | vscode.LanguageModelChatRequestMessage): string {
  return typeof message === 'string' ? message : toTurns([message]).map((t) => t.text).join('\n');
}

/** "Airlock: <the daemon's message> (CODE). <the code's documented fix>". */
export function blockedMessage(err: unknown): string {
  const { code, message } = toErrorValue(err);
  return `Airlock: ${message} (${code}). ${ERRORS[code].doc}`;
}

export function airlockModelProvider(deps: ChatDeps): vscode.LanguageModelChatProvider {
  return {
    provideLanguageModelChatInformation: () => MODELS,
    async provideLanguageModelChatResponse(_model, messages, options, progress, token) {
      const tools = options.tools?.map((t) => t.name);
      try {
        const { record } = await streamChat(deps, {
          messages: toTurns(messages),
          facts: { source: 'chat', interactive: true, ...(tools?.length ? { tools } : {}) },
          client: 'vscode-lm',
        }, (delta) => progress.report(new vscode.LanguageModelTextPart(delta)), token);
        const link = `command:${OPEN_DECISION_COMMAND}?${encodeURIComponent(JSON.stringify([record.id]))}`;
        progress.report(new vscode.LanguageModelTextPart(`\n\n${ROUTE_LINE_PREFIX}[${routeLine(record)}](${link})`));
      } catch (err) {
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        // VS Code shows the thrown error's message in the chat: the daemon's message, then what to do about it.
        throw new Error(blockedMessage(err));
      }
    },
    provideTokenCount: async (_model, text) => estimateTokens(textOfMessage(text)),
  };
}
