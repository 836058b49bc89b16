// What the editor (or the CLI) knows about a request besides its text. Facts are signals too:
// a policy can keep text local because it came from `.env`, whatever the detectors say.

/** A part of the prompt that came from somewhere other than the user's typing. */
export interface PromptPart {
  origin: 'selection' | 'file' | 'rag' | 'tool-output' | 'clipboard';
  /** Workspace-relative or absolute path the text came from, when known. */
  path?: string;
  language?: string;
  start: number;
  end: number;
}

/** The agent hook events `airlock hook` answers (Claude Code's names; VS Code and the Copilot CLI send the same). */
export type HookEvent = 'UserPromptSubmit' | 'PreToolUse' | 'PostToolUse';

/** Which agent hook asked, about which tool, and what it answered (`allow`, `deny`, `block`, `warn`, `flag`, `rewrite`). */
export interface HookFacts {
  event: HookEvent;
  tool?: string;
  action?: 'allow' | 'deny' | 'block' | 'warn' | 'flag' | 'rewrite';
}

export interface RequestFacts {
  /** Where the request was made from. */
  source: 'chat' | 'command' | 'cli' | 'api';
  /** The user waits for the answer (interactive) or not (background task). */
  interactive: boolean;
  /** Path of the attached file or selection, when there is one (applies path rules to the whole prompt). */
  filePath?: string;
  language?: string;
  parts?: PromptPart[];
  /** Tools the request wants the model to call; a tool-heavy task needs a model tagged for reliable tool calls. */
  tools?: string[];
  /** The user asked for depth ("think harder", a deep-analysis command): escalate to a stronger allowed model. */
  depth?: 'normal' | 'deep';
  /** Free labels carried into the record (the seed's `user_tier`, `task`). */
  userTier?: string;
  task?: string;
  /** Retrieval context attached by the caller. */
  rag?: { index: string; sources: string[] };
  conversationId?: string;
  /** The HTTP surface a request came through (an assistant pointed at airlockd), absent for chat/send and the CLI. */
  surface?: 'openai' | 'anthropic' | 'ollama';
  /** The calling tool as it names itself (`user-agent`) and the endpoint key's name. */
  client?: { userAgent?: string; key?: string };
  /** The model name the client asked for: a request, never an override of the policy. */
  model?: string;
  /** The most permissive class the client allows (VS Code's "Airlock (local only)" entry): narrows the policy's route,
   *  never widens it. */
  maxClass?: 'local' | 'private' | 'hosted';
  /** Set when an agent hook (`airlock hook`) made the request. */
  hook?: HookFacts;
}

