// Command ids → factories. The manifest lists the same ids (test/unit/extension/extension-manifest.test.ts keeps them equal).
import { askAboutSelection } from './ask-about-selection';
import { connectAssistant } from './connect-assistant';
import type { CommandFactory } from './context';
import type { CommandId } from './ids';
import { explainSelection } from './explain-selection';
import { setApiKey } from './set-api-key';
import { showDaemonLog } from './show-daemon-log';
import { showDecisionLog } from './show-decision-log';
import { switchPolicy } from './switch-policy';
import { verifyAudit } from './verify-audit';
import { filterDecisions, newConversation, openSettings, pickDecision } from './view-actions';

export const COMMANDS: Record<CommandId, CommandFactory> = {
  'airlock.askAboutSelection': askAboutSelection,
  'airlock.explainSelection': explainSelection,
  'airlock.setApiKey': setApiKey,
  'airlock.switchPolicy': switchPolicy,
  'airlock.showDecisionLog': showDecisionLog,
  'airlock.verifyAudit': verifyAudit,
  'airlock.showDaemonLog': showDaemonLog,
  'airlock.connectAssistant': connectAssistant,
  'airlock.newConversation': newConversation,
  'airlock.openSettings': openSettings,
  'airlock.filterDecisions': filterDecisions,
  'airlock.pickDecision': pickDecision,
};
