// @airlock in VS Code's Chat view: answers through Airlock (the same lm/chat path as the model provider), and
// /why (the last decision of this chat), /explain (a dry run of the selection or file, nothing sent), /policy.
import * as vscode from 'vscode';
import type { DecisionRecord } from '../../protocol/record';
import { explainSentence } from '../describe';
import { OPEN_DECISION_COMMAND, PARTICIPANT_ID, type ChatDeps } from './deps';
import { policyText, routeLine, ruleAt, whyText } from './describe';
import { blockedMessage } from './provider';
import { streamChat } from './stream';

interface AirlockChatResult extends vscode.ChatResult {
  metadata?: { recordId?: string };
}

/** The last record id this participant answered with in this chat, newest turn first. */
function lastRecordId(context: vscode.ChatContext): string | undefined {
  for (let i = context.history.length - 1; i >= 0; i--) {
    const turn = context.history[i];
    if (turn instanceof vscode.ChatResponseTurn && turn.participant === PARTICIPANT_ID) {
      const id = (turn.result as AirlockChatResult).metadata?.recordId;
      if (id) return id;
    }
  }
  return undefined;
}

/** Earlier turns with @airlock, as conversation: the prompt and the answer's markdown. */
function historyTurns(context: vscode.ChatContext) {
  const turns: { role: 'user' | 'assistant'; text: string }[] = [];
  for (const turn of context.history) {
    if (turn.participant !== PARTICIPANT_ID || turn.command) continue;
    if (turn instanceof vscode.ChatRequestTurn) turns.push({ role: 'user', text: turn.prompt });
    else if (turn instanceof vscode.ChatResponseTurn) {
      const text = turn.response.map((p) => (p instanceof vscode.ChatResponseMarkdownPart ? p.value.value : '')).join('');
      turns.push({ role: 'assistant', text });
    }
  }
  return turns;
}

function showRecordButton(stream: vscode.ChatResponseStream, record: DecisionRecord): void {
  stream.button({ command: OPEN_DECISION_COMMAND, title: `Open decision record (${routeLine(record)})`, arguments: [record.id] });
}

async function why(deps: ChatDeps, context: vscode.ChatContext, stream: vscode.ChatResponseStream): Promise<AirlockChatResult> {
  const id = lastRecordId(context);
  if (!id) {
    stream.markdown('No decision yet in this chat: ask `@airlock` a question first, then `/why`.');
    return {};
  }
  const { record } = await deps.request('decision/get', { id });
  stream.markdown(whyText(record));
  showRecordButton(stream, record);
  return { metadata: { recordId: id } };
}

async function explain(deps: ChatDeps, request: vscode.ChatRequest, stream: vscode.ChatResponseStream): Promise<AirlockChatResult> {
  const editor = vscode.window.activeTextEditor;
  const typed = request.prompt.trim();
  if (!editor && !typed) {
    stream.markdown('Open a file or select some text (or type the text after `/explain`) to see where it would go.');
    return {};
  }
  const doc = editor?.document;
  const selected = editor && !editor.selection.isEmpty ? doc!.getText(editor.selection) : undefined;
  const text = typed || selected || doc!.getText();
  const filePath = typed ? undefined : doc?.uri.fsPath;
  const language = typed ? undefined : doc?.languageId;
  const origin = selected ? 'selection' as const : 'file' as const;
  const facts = { source: 'chat' as const, interactive: true, filePath, language, ...(typed ? {} : { parts: [{ origin, path: filePath, language, start: 0, end: text.length }] }) };
  const { record } = await deps.request('explain/run', { text, facts });
  stream.markdown(`${explainSentence(record)}\n\nRule: ${ruleAt(record)}.`);
  return {};
}

async function policy(deps: ChatDeps, stream: vscode.ChatResponseStream): Promise<AirlockChatResult> {
  stream.markdown(policyText(await deps.request('policy/get', {})));
  return {};
}

async function answer(deps: ChatDeps, request: vscode.ChatRequest, context: vscode.ChatContext, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<AirlockChatResult> {
  const messages = [...historyTurns(context), { role: 'user' as const, text: request.prompt }];
  const { record } = await streamChat(deps, { messages, facts: { source: 'chat', interactive: true }, client: 'vscode-participant' }, (delta) => stream.markdown(delta), token);
  stream.markdown(`\n\n*Airlock: ${routeLine(record)}*`);
  showRecordButton(stream, record);
  return { metadata: { recordId: record.id } };
}

export function airlockParticipantHandler(deps: ChatDeps): vscode.ChatRequestHandler {
  return async (request, context, stream, token) => {
    deps.log(`@airlock ${request.command ? `/${request.command}` : 'question'} (${context.history.length} earlier turns)`);
    try {
      if (request.command === 'why') return await why(deps, context, stream);
      if (request.command === 'explain') return await explain(deps, request, stream);
      if (request.command === 'policy') return await policy(deps, stream);
      return await answer(deps, request, context, stream, token);
    } catch (err) {
      deps.log(`@airlock failed: ${blockedMessage(err)}`);
      const recordId = (err as { details?: { recordId?: unknown } }).details?.recordId;
      return { errorDetails: { message: blockedMessage(err) }, metadata: typeof recordId === 'string' ? { recordId } : {} };
    }
  };
}
