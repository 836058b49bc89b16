// Conversations live in airlockd's memory only: the placeholder book (value -> placeholder) and the earlier turns,
// so a follow-up question reaches the model with its context. A turn is shown only to models its own decision
// allowed: a question kept local because it held a secret is never replayed to a hosted model later in the chat.
import type { RouteTarget } from '../../protocol';
import { classAllowedBy } from '../policy/candidates';
import type { ChatMessage } from '../providers/types';
import { PlaceholderBook } from '../route/redact';

/** Conversations remembered at once; the least recently used is forgotten first. */
const MAX_CONVERSATIONS = 256;
/** Earlier turns replayed to the model, newest kept. */
const MAX_TURNS = 20;
/** Characters of earlier turns replayed to the model, newest kept. */
const MAX_HISTORY_CHARS = 200_000;

interface Turn {
  /** The route class of the decision that answered this turn. */
  target: RouteTarget;
  user: string;
  assistant: string;
}

export interface Conversation {
  book: PlaceholderBook;
  /** Earlier turns a model of this route's class may see, oldest first, as the user saw them. */
  historyFor(target: RouteTarget): ChatMessage[];
  remember(target: RouteTarget, user: string, assistant: string): void;
}

function conversation(): Conversation {
  const book = new PlaceholderBook();
  const turns: Turn[] = [];
  return {
    book,
    historyFor(target) {
      if (target === 'blocked') return [];
      const visible = turns.filter((t) => t.target !== 'blocked' && classAllowedBy(t.target, target));
      const kept: ChatMessage[] = [];
      let chars = 0;
      for (const t of visible.slice(-MAX_TURNS).reverse()) {
        chars += t.user.length + t.assistant.length;
        if (chars > MAX_HISTORY_CHARS) break;
        kept.unshift({ role: 'user', content: t.user }, { role: 'assistant', content: t.assistant });
      }
      return kept;
    },
    remember(target, user, assistant) {
      turns.push({ target, user, assistant });
      if (turns.length > MAX_TURNS) turns.shift();
    },
  };
}

/** Looks up (or starts) a conversation; a request without an id gets a fresh one that is not kept. */
export function conversationKeeper(): (id: string | undefined) => Conversation {
  const kept = new Map<string, Conversation>();
  return (id) => {
    if (!id) return conversation();
    let found = kept.get(id);
    if (found) kept.delete(id);
    else found = conversation();
    kept.set(id, found);
    if (kept.size > MAX_CONVERSATIONS) kept.delete(kept.keys().next().value as string);
    return found;
  };
}
