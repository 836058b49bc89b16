// Airlock in VS Code's own chat: the model provider (vendor `airlock`), the @airlock participant, and the command a
// route line opens. main.ts calls this once with the daemon connection's public API.
import * as vscode from 'vscode';
import { OPEN_DECISION_COMMAND, PARTICIPANT_ID, VENDOR, type ChatDeps } from './deps';
import { airlockParticipantHandler } from './participant';
import { airlockModelProvider } from './provider';

export function registerAirlockChat(deps: ChatDeps): vscode.Disposable[] {
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, airlockParticipantHandler(deps));
  participant.iconPath = new vscode.ThemeIcon('shield');
  const provider = airlockModelProvider(deps);
  return [
    vscode.lm.registerLanguageModelChatProvider(VENDOR, provider),
    provider,
    participant,
    vscode.commands.registerCommand(OPEN_DECISION_COMMAND, (id: unknown) => (typeof id === 'string' ? deps.openDecision(id) : undefined)),
  ];
}
