// Chat view: composer with live preview, a transcript of streamed answers with route badges, cancel, new conversation.
import type { AttachMode, EditorContext } from '../../protocol/webview';
import { button, dropdown, el, setChildren, setDisabled, textArea } from '../components';
import type { Rpc } from '../rpc';
import { connectionBanner } from '../shared/banner';
import { newId } from '../shared/ids';
import { chatReducer, loadChatState, Store, streamingTurn, type ChatAction, type ChatState } from '../state';
import type { VsCodeApi } from '../vscode';
import { attachmentChip, renderChips } from './chips';
import { previewLine } from './preview';
import { Transcript } from './transcript';

export function mountChat(root: HTMLElement, rpc: Rpc, host: VsCodeApi): void {
  const store = new Store<ChatState, ChatAction>(loadChatState(host.getState(), newId), chatReducer, (s) => host.setState(s));
  const transcript = new Transcript(rpc, (requestId) => store.dispatch({ type: 'toggleDetail', requestId }));
  const preview = previewLine(rpc);

  const input = textArea({
    aria: 'Prompt. Enter sends, Shift+Enter adds a line, Escape cancels a streaming answer.',
    placeholder: 'Ask about your code… (Enter to send)',
    value: store.get().draft,
    rows: 3,
    onInput: (text) => {
      store.dispatch({ type: 'draft', text });
      preview.update(text, store.get().attach);
    },
  });
  input.classList.add('composer-input');
  const attach = dropdown({
    aria: 'Attach to the prompt',
    value: store.get().attach,
    choices: [
      { value: 'none', label: 'No attachment' },
      { value: 'selection', label: 'Attach selection' },
      { value: 'file', label: 'Attach file' },
    ],
    onChange: (value) => {
      store.dispatch({ type: 'attach', attach: value as AttachMode, chosen: true });
      preview.update(store.get().draft, store.get().attach);
    },
  });
  const sendButton = button({ label: 'Send', aria: 'Send the prompt', onClick: () => void send() });
  const cancelButton = button({ label: 'Cancel', appearance: 'secondary', aria: 'Cancel the streaming answer', onClick: () => void cancel() });
  const newButton = button({
    label: 'New conversation',
    appearance: 'secondary',
    onClick: () => {
      if (!streamingTurn(store.get())) store.dispatch({ type: 'new', conversationId: newId() });
    },
  });

  // What the next prompt carries, as a removable chip; follows the editor (editor/context events).
  let editorContext: EditorContext = { file: null, selection: null };
  const chips = el('div', { class: 'attachment-chips', attrs: { role: 'group', 'aria-label': 'Attached to the prompt', hidden: '' } });
  const showChips = () => renderChips(chips, attachmentChip(store.get().attach, editorContext), () => {
    store.dispatch({ type: 'attach', attach: 'none', chosen: true });
    preview.update(store.get().draft, 'none');
    input.focus();
  });
  const composer = el('div', { class: 'composer' }, [chips, input, preview.element, el('div', { class: 'composer-actions' }, [attach, sendButton, cancelButton, newButton])]);
  setChildren(root, [connectionBanner(rpc), transcript.element, composer]);

  async function send(textOverride?: string, attachOverride?: AttachMode): Promise<void> {
    const state = store.get();
    const text = (textOverride ?? state.draft).trim();
    if (!text || streamingTurn(state)) return;
    const mode = attachOverride ?? state.attach;
    const requestId = newId();
    preview.clear();
    store.dispatch({ type: 'sent', requestId, prompt: text, attach: mode });
    input.value = '';
    const res = await rpc.request('chat/send', { requestId, text, attach: mode, conversationId: state.conversationId });
    if (res.ok) store.dispatch({ type: 'finished', requestId, record: res.value.record, text: res.value.text });
    else store.dispatch({ type: 'failed', requestId, error: res.error });
  }

  async function cancel(): Promise<void> {
    const turn = streamingTurn(store.get());
    if (!turn) return;
    const res = await rpc.request('chat/cancel', { requestId: turn.requestId });
    if (!res.ok) store.dispatch({ type: 'failed', requestId: turn.requestId, error: res.error });
    // On success the chat/send response arrives with status cancelled (or an AIRLOCK_E_CANCELLED error).
  }

  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      // The text area's value may lag one keystroke behind its input event; read it directly.
      store.dispatch({ type: 'draft', text: input.value });
      void send();
    }
  });
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && streamingTurn(store.get())) {
      e.preventDefault();
      void cancel();
    }
  });
  transcript.element.addEventListener('scroll', () => store.dispatch({ type: 'scroll', top: transcript.element.scrollTop }));

  function render(state: ChatState): void {
    transcript.render(state);
    const streaming = streamingTurn(state) !== undefined;
    cancelButton.hidden = !streaming;
    setDisabled(sendButton, streaming);
    setDisabled(newButton, streaming);
    if (attach.value !== state.attach) attach.value = state.attach;
    showChips();
  }
  store.subscribe((state, previous) => {
    if (state.turns !== previous.turns || state.openDetail !== previous.openDetail || state.attach !== previous.attach) render(state);
  });

  rpc.on('chat/started', ({ requestId, record }) => store.dispatch({ type: 'started', requestId, record }));
  rpc.on('chat/chunk', ({ requestId, delta }) => store.dispatch({ type: 'chunk', requestId, delta }));
  rpc.on('settings', ({ attachByDefault }) => store.dispatch({ type: 'attach', attach: attachByDefault ? 'selection' : 'none', chosen: false }));
  rpc.on('editor/context', (ctx) => {
    editorContext = ctx;
    showChips();
  });
  rpc.on('chat/new', () => {
    if (!streamingTurn(store.get())) store.dispatch({ type: 'new', conversationId: newId() });
  });
  rpc.on('chat/prefill', ({ text, attach: mode, send: now }) => {
    store.dispatch({ type: 'attach', attach: mode, chosen: true });
    if (now) return void send(text, mode);
    store.dispatch({ type: 'draft', text });
    input.value = text;
    preview.update(text, mode);
    input.focus();
  });

  render(store.get());
  transcript.element.scrollTop = store.get().scrollTop;
  if (store.get().draft) preview.update(store.get().draft, store.get().attach);
}
