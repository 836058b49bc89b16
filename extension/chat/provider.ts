// Airlock's models in VS Code's chat model picker (vendor `airlock`). "Airlock (auto)": the policy picks the model for
// each request. The whole conversation, with agent mode's tools, goes to airlockd as lm/chat (one decision path, one
// record); the answer streams back as text parts, the route line ("Airlock: local · llama3.2 · secret") links to the
// record, and the model's tool calls follow as whole LanguageModelToolCallParts (airlockd restored their arguments).
// Image data parts go along as lm/chat images: airlockd keeps such a request local, on a model tagged vision.
import * as vscode from 'vscode';
import { ERRORS, toErrorValue } from '../../protocol/errors';
import { checkImageLimits } from '../../protocol/images';
import type { LmModelInfo } from '../../protocol/methods';
import { OPEN_DECISION_COMMAND, type ChatDeps } from './deps';
export { VENDOR } from './deps';
import { estimateTokens, ROUTE_LINE_PREFIX, routeLine } from './describe';
import { toTurns } from './messages';
import { capabilitiesOf, OFFLINE_MODELS, visibleModels } from './models';
import { streamChat } from './stream';
import { toolChoiceOf, toolInput, toolSpecs } from './tools';

/** lm/models is a lookup in memory: when it takes longer, the daemon is busy and the entry is offered without tools. */
const MODELS_TIMEOUT_MS = 5_000;

/** An entry as VS Code hands it back with each request: the class ceiling travels with it. */
type AirlockModel = vscode.LanguageModelChatInformation & Pick<LmModelInfo, 'maxClass'>;

export function modelInformation(m: LmModelInfo): AirlockModel {
  return {
    ...(m.maxClass ? { maxClass: m.maxClass } : {}),
    id: m.id,
    name: m.name,
    family: 'airlock',
    version: '1',
    tooltip: 'Airlock routes each request: code, secrets and personal data stay on the local model; public text may go to a hosted one.',
    detail: m.maxClass ? `policy decides, at most ${m.maxClass}` : 'policy decides',
    maxInputTokens: m.maxInputTokens,
    maxOutputTokens: 8_192,
    capabilities: capabilitiesOf(m),
    // Listed in the chat's model picker without a trip to "Manage Models" (not in the 1.104 typings; the extension
    // host passes it on). Never `isDefault`: which model the chat uses by default stays the user's choice.
    ...{ isUserSelectable: true },
  };
}

function textOfMessage(message: string | vscode.LanguageModelChatRequestMessage): string {
  return typeof message === 'string' ? message : toTurns([message]).map((t) => t.text).join('\n');
}

/** "Airlock: <the daemon's message> (CODE). <the code's documented fix>". */
export function blockedMessage(err: unknown): string {
  const { code, message } = toErrorValue(err);
  return `Airlock: ${message} (${code}). ${ERRORS[code].doc}`;
}

export function airlockModelProvider(deps: ChatDeps): vscode.LanguageModelChatProvider<AirlockModel> & vscode.Disposable {
  // The picker asks again when the policy changes (its routes decide the capabilities), airlockd comes back, or the
  // class entries are switched on or off.
  const changed = new vscode.EventEmitter<void>();
  const subscriptions = [
    changed,
    deps.onNotification((method) => { if (method === 'policy/changed') changed.fire(); }),
    deps.onConnected(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('airlock.chatClassModels')) changed.fire(); }),
  ];
  return {
    onDidChangeLanguageModelChatInformation: changed.event,
    async provideLanguageModelChatInformation() {
      try {
        const { models } = await deps.request('lm/models', {}, MODELS_TIMEOUT_MS);
        return visibleModels(models, deps.showClassModels()).map(modelInformation);
      } catch (err) {
        deps.log(`lm/models failed, offering Airlock (auto) without tools: ${blockedMessage(err)}`);
        return OFFLINE_MODELS.map(modelInformation);
      }
    },
    async provideLanguageModelChatResponse(model, messages, options, progress, token) {
      const tools = toolSpecs(options.tools);
      const toolChoice = toolChoiceOf(options.toolMode, tools !== undefined);
      try {
        const turns = toTurns(messages);
        // Checked here too: a request over the limits would otherwise be over the WebSocket message limit and cost
        // the connection, not just this request.
        checkImageLimits(turns.flatMap((t) => t.images ?? []));
        const { record, toolCalls } = await streamChat(deps, {
          messages: turns,
          facts: { source: 'chat', interactive: true, ...(model.maxClass ? { maxClass: model.maxClass } : {}) },
          client: 'vscode-lm',
          ...(tools ? { tools } : {}),
          ...(toolChoice ? { toolChoice } : {}),
        }, (delta) => progress.report(new vscode.LanguageModelTextPart(delta)), token);
        const link = `command:${OPEN_DECISION_COMMAND}?${encodeURIComponent(JSON.stringify([record.id]))}`;
        progress.report(new vscode.LanguageModelTextPart(`\n\n${ROUTE_LINE_PREFIX}[${routeLine(record)}](${link})`));
        // Parsed before any is reported: VS Code gets all of the calls or an error, never half a turn of tools.
        const parts = (toolCalls ?? []).map((c) => new vscode.LanguageModelToolCallPart(c.id, c.name, toolInput(c)));
        for (const part of parts) progress.report(part);
      } catch (err) {
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        // VS Code shows the thrown error's message in the chat: the daemon's message, then what to do about it.
        throw new Error(err instanceof Error && err.message.startsWith('Airlock: ') ? err.message : blockedMessage(err));
      }
    },
    provideTokenCount: async (_model, text) => estimateTokens(textOfMessage(text)),
    dispose: () => { for (const s of subscriptions) s.dispose(); },
  };
}
