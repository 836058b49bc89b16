// Command ids and their palette titles, shared by the registration (commands/index.ts) and the manifest test.
export const COMMAND_TITLES = {
  'airlock.askAboutSelection': 'Ask About Selection',
  'airlock.explainSelection': 'Explain Routing for Selection',
  'airlock.setApiKey': 'Set Provider API Key',
  'airlock.switchPolicy': 'Switch Policy Preset',
  'airlock.showDecisionLog': 'Show Decision Log',
  'airlock.verifyAudit': 'Verify Audit Log',
  'airlock.showDaemonLog': 'Show Daemon Log',
  'airlock.connectAssistant': 'Connect Another Assistant',
  'airlock.newConversation': 'New Conversation',
  'airlock.openSettings': 'Open Settings',
  'airlock.filterDecisions': 'Filter Decisions',
  'airlock.pickDecision': 'Open Decision in Editor…',
} as const;

export type CommandId = keyof typeof COMMAND_TITLES;
