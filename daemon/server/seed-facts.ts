// The seed record's `user_tier`, `task` and `rag` (docs/record.md), added where a request comes in: the tier is the
// config's (a managed setting, never what a client claims); the task is what the entry point knows the request is,
// unless the client said; the RAG sources are the client's, or else the files and selections the editor inlined
// (its parts with a path). Like every fact they are scanned and masked at rest (route/at-rest.ts).
import type { RequestFacts } from '../../protocol';

export type Task = 'chat' | 'edit' | 'agent' | 'completion' | 'embedding';

/** `chat`, or `agent` when the request offers the model tools. */
export const conversationTask = (facts: RequestFacts): Task => (facts.tools?.length ? 'agent' : 'chat');

/** The index name for context the editor attached itself (no retrieval index chose it). */
export const EDITOR_INDEX = 'editor';

/** The paths of the attached parts, each once, in prompt order; null when nothing with a path was attached. */
function attachedSources(facts: RequestFacts): RequestFacts['rag'] | null {
  const sources = [...new Set((facts.parts ?? []).filter((p) => p.origin !== 'tool-output' && p.path).map((p) => p.path!))];
  return sources.length ? { index: EDITOR_INDEX, sources } : null;
}

export function seedFacts(facts: RequestFacts, config: { userTier: string | null }, task: Task): RequestFacts {
  const { userTier: _claimed, ...rest } = facts;
  const rag = facts.rag ?? attachedSources(facts);
  return { ...rest, task: facts.task ?? task, ...(config.userTier ? { userTier: config.userTier } : {}), ...(rag ? { rag } : {}) };
}
