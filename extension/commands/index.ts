// Command ids → factories; the manifest's `contributes.commands` lists the same ids (a unit test keeps them equal).
import { askAboutSelection } from './ask-about-selection';
import type { CommandFactory } from './context';
import { explainSelection } from './explain-selection';
import { setApiKey } from './set-api-key';
import { showDaemonLog } from './show-daemon-log';
import { showDecisionLog } from './show-decision-log';
import { switchPolicy } from './switch-policy';
import { verifyAudit } from './verify-audit';

export const COMMANDS: Record<string, CommandFactory> = {
  'airlock.askAboutSelection': askAboutSelection,
  'airlock.explainSelection': explainSelection,
  'airlock.setApiKey': setApiKey,
  'airlock.switchPolicy': switchPolicy,
  'airlock.showDecisionLog': showDecisionLog,
  'airlock.verifyAudit': verifyAudit,
  'airlock.showDaemonLog': showDaemonLog,
};
