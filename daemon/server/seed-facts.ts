// The seed record's `user_tier` and `task` (docs/record.md), added where a request comes in: the tier is the
// config's (a managed setting, never what a client claims); the task is what the entry point knows the request is,
// unless the client said.
import type { RequestFacts } from '../../protocol';

export type Task = 'chat' | 'edit' | 'agent' | 'completion' | 'embedding';

/** `chat`, or `agent` when the request offers the model tools. */
export const conversationTask = (facts: RequestFacts): Task => (facts.tools?.length ? 'agent' : 'chat');

export function seedFacts(facts: RequestFacts, config: { userTier: string | null }, task: Task): RequestFacts {
  const { userTier: _claimed, ...rest } = facts;
  return { ...rest, task: facts.task ?? task, ...(config.userTier ? { userTier: config.userTier } : {}) };
}
