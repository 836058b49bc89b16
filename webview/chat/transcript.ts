// Renders chat turns and patches only the turns that changed: a streaming chunk re-renders that one answer's Markdown.
import { button, el, progressRing, setChildren } from '../components';
import type { Rpc } from '../rpc';
import { errorAdvice, firstSentence } from '../shared/format';
import { notice } from '../shared/banner';
import { routeBadge } from '../shared/route-badge';
import { renderDetail } from '../decisions/detail';
import type { HelpAction } from '../../protocol/webview';
import type { ChatState, ChatTurn } from '../state';
import { codeBlockInfos, fileFromInfo, renderMarkdown } from './markdown';

interface TurnView {
  turn: ChatTurn | null;
  detailOpen: boolean;
  root: HTMLElement;
  head: HTMLElement;
  text: HTMLElement;
  message: HTMLElement;
  detail: HTMLElement;
}

/** The one button that fixes an error, by its code; none when the user cannot act on it from here. */
export function errorFix(code: string | undefined): { label: string; action: HelpAction } | null {
  switch (code) {
    case 'AIRLOCK_E_PROVIDER_AUTH':
      return { label: 'Set API Key…', action: 'setApiKey' };
    case 'AIRLOCK_E_LOCAL_UNAVAILABLE':
      return { label: 'How to start Ollama', action: 'ollamaHelp' };
    case 'AIRLOCK_E_DAEMON_UNREACHABLE':
      return { label: 'Start airlockd', action: 'start' };
    default:
      return null;
  }
}

/** What the user reads under an answer that did not complete normally. */
export function turnMessage(turn: ChatTurn): { tone: 'error' | 'info'; text: string } | null {
  switch (turn.status) {
    case 'blocked': {
      const why = turn.record?.explanation ?? turn.error?.message ?? 'The policy blocks this prompt.';
      return { tone: 'error', text: `Blocked, nothing was sent. ${why}` };
    }
    case 'error':
      return { tone: 'error', text: turn.error ? errorAdvice(turn.error) : (turn.record?.error?.message ?? 'The request failed.') };
    case 'cancelled':
      return { tone: 'info', text: 'Cancelled.' };
    case 'interrupted':
      return { tone: 'info', text: 'The view closed while this answer streamed; its decision record is in the Decisions view.' };
    default:
      return null;
  }
}

export class Transcript {
  readonly element = el('div', { class: 'transcript', attrs: { role: 'log', 'aria-label': 'Conversation', tabindex: '0' } });
  private readonly views = new Map<string, TurnView>();

  constructor(
    private readonly rpc: Rpc,
    private readonly onToggleDetail: (requestId: string) => void,
  ) {}

  render(state: ChatState): void {
    const stickToBottom = this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight < 40;
    const ids = new Set(state.turns.map((t) => t.requestId));
    for (const [id, view] of this.views) {
      if (!ids.has(id)) {
        view.root.remove();
        this.views.delete(id);
      }
    }
    for (const turn of state.turns) {
      let view = this.views.get(turn.requestId);
      if (!view) {
        view = this.create(turn);
        this.views.set(turn.requestId, view);
        this.element.append(view.root);
      }
      this.patch(view, turn, state.openDetail === turn.requestId);
    }
    if (state.turns.length === 0) this.element.setAttribute('data-empty', 'Ask anything. Airlock shows where each prompt goes before and after you send it.');
    else this.element.removeAttribute('data-empty');
    if (stickToBottom) this.element.scrollTop = this.element.scrollHeight;
  }

  private create(turn: ChatTurn): TurnView {
    const attach = turn.attach === 'none' ? null : el('span', { class: 'attach-note', text: `+ ${turn.attach}` });
    const head = el('div', { class: 'answer-head' });
    const text = el('div', { class: 'answer-text' });
    const message = el('div');
    const detail = el('div', { class: 'answer-detail' });
    const root = el('div', { class: 'turn', attrs: { 'data-request-id': turn.requestId } }, [
      el('div', { class: 'prompt' }, [el('span', { class: 'who', text: 'You' }), el('div', { class: 'prompt-text-chat', text: turn.prompt }), attach]),
      el('div', { class: 'answer', attrs: { 'aria-label': 'Answer' } }, [head, text, message, detail]),
    ]);
    return { turn: null, detailOpen: false, root, head, text, message, detail };
  }

  /** An error as one sentence and the button that fixes it; the full text (every provider's reason) under Details. */
  private messageFor(turn: ChatTurn): HTMLElement | null {
    const msg = turnMessage(turn);
    if (!msg) return null;
    if (turn.status !== 'error') return notice(msg.text, msg.tone);
    const code = turn.error?.code ?? turn.record?.error?.code;
    const short = firstSentence(msg.text);
    const fix = errorFix(code);
    const line = notice(short, 'error');
    if (fix) line.append(' ', button({ label: fix.label, appearance: 'secondary', onClick: () => void this.rpc.request('help/run', { action: fix.action }) }));
    if (short === msg.text) return line;
    return el('div', {}, [line, el('details', { class: 'error-details' }, [el('summary', { text: 'Details' }), el('div', { class: 'error-details-text', text: msg.text })])]);
  }

  /** The answer as Markdown, each fenced code block with its Copy, Insert at Cursor and Apply to File actions. */
  private answerBody(answer: string, streaming: boolean): DocumentFragment {
    const body = renderMarkdown(answer);
    const infos = codeBlockInfos(answer);
    for (const [index, pre] of Array.from(body.querySelectorAll('pre')).entries()) {
      const file = fileFromInfo(infos[index] ?? '');
      const code = pre.textContent ?? '';
      const language = /language-([\w+#-]+)/.exec(pre.querySelector('code')?.className ?? '')?.[1];
      const status = el('span', { class: 'code-status', attrs: { role: 'status', 'aria-live': 'polite' } });
      const say = (text: string) => (status.textContent = text);
      const actions = el('div', { class: 'code-actions' }, [
        language ? el('span', { class: 'code-lang', text: language }) : null,
        button({ label: 'Copy', appearance: 'secondary', aria: 'Copy code', onClick: () => {
          navigator.clipboard.writeText(code).then(() => say('Copied.'), () => say('Could not copy.'));
        } }),
        button({ label: 'Insert at Cursor', appearance: 'secondary', aria: 'Insert code at the cursor', onClick: () => {
          void this.rpc.request('editor/insert', { code }).then((r) => say(r.ok && r.value.inserted ? 'Inserted.' : r.ok ? 'Open an editor to insert into.' : r.error.message));
        } }),
        // Not while the block may still grow: the diff would propose half of it.
        streaming ? null : button({ label: 'Apply to File', appearance: 'secondary', aria: file ? `Apply code to ${file}` : 'Apply code to the active editor', onClick: () => {
          say(file ? `Review the diff of ${file}…` : 'Review the diff…');
          void this.rpc.request('editor/apply', file ? { code, file } : { code }).then((r) => say(r.ok ? r.value.message : r.error.message));
        } }),
        file ? el('span', { class: 'code-file', text: file }) : null,
        status,
      ]);
      const block = el('div', { class: 'code-block' });
      pre.replaceWith(block);
      block.append(actions, pre);
    }
    return body;
  }

  private patch(view: TurnView, turn: ChatTurn, detailOpen: boolean): void {
    const prev = view.turn;
    if (prev === turn && view.detailOpen === detailOpen) return;
    if (prev?.record !== turn.record || prev?.status !== turn.status) {
      const badge = turn.record ? routeBadge(turn.record, () => this.onToggleDetail(turn.requestId)) : null;
      setChildren(view.head, [badge, turn.status === 'streaming' ? progressRing('Answer streaming') : null]);
      setChildren(view.message, [this.messageFor(turn)]);
      view.root.dataset.status = turn.status;
    }
    if (prev?.answer !== turn.answer || (prev?.status === 'streaming') !== (turn.status === 'streaming')) setChildren(view.text, [this.answerBody(turn.answer, turn.status === 'streaming')]);
    if (prev?.record !== turn.record || view.detailOpen !== detailOpen) {
      setChildren(view.detail, [detailOpen && turn.record ? renderDetail(turn.record, [], { rpc: this.rpc }) : null]);
    }
    view.turn = turn;
    view.detailOpen = detailOpen;
  }
}
