// The views' toolbar actions (view/title menus in the manifest) and the command that opens a decision in a tab.
import * as vscode from 'vscode';
import type { CommandFactory } from './context';

/** Chat toolbar: start a new conversation (the view ignores it while an answer streams). */
export const newConversation: CommandFactory = (ctx) => async () => {
  await ctx.views.chat.reveal();
  ctx.views.chat.post('chat/new', {}, true);
};

export const openSettings: CommandFactory = () => async () => {
  await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:airlock.airlock');
};

/** Decisions toolbar: focus the filter bar's search field. */
export const filterDecisions: CommandFactory = (ctx) => async () => {
  await ctx.views.decisions.reveal();
  ctx.views.decisions.post('decision/focusFilter', {}, true);
};

/** Decisions toolbar: `airlock.pickDecision [id]` opens a decision in an editor tab; without an id, a picker over the
 *  latest decisions. (`airlock.openDecision`, which the chat participant's links use, opens the same tab.) */
export const pickDecision: CommandFactory = (ctx) => async (arg?: unknown) => {
  let id = typeof arg === 'string' ? arg : undefined;
  if (!id) {
    try {
      const { records } = await ctx.request('decision/list', { limit: 30 });
      const pick = await vscode.window.showQuickPick(records.map((r) => ({ label: `${r.route.target} · ${r.rule.id}`, description: r.createdAt, detail: r.explanation, id: r.id })), { placeHolder: 'Open which decision?' });
      id = pick?.id;
    } catch (err) {
      await ctx.showError(err);
      return;
    }
  }
  if (id) ctx.openDecisionTab(id);
};
