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

/** A span of the prompt whose code-like text is not the user's code (see RequestFacts.notCode). */
export interface NotCodeSpan {
  start: number;
  end: number;
  /** `instructions`: the calling tool's own system prompt, tool definitions and the transcript's role labels.
   *  `data`: structured data, i.e. tool-call arguments and tool results that are JSON. */
  why: 'instructions' | 'data';
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
  /** Set by the HTTP surfaces (never by a WebSocket client): spans scanned like the rest for secrets and personal
   *  data, whose code-like text alone does not make the prompt code (route/not-code.ts). */
  notCode?: NotCodeSpan[];
  /** How many images the request carries (HTTP surfaces, lm/chat). An image cannot be scanned: the request counts as
   *  unscanned (route/plan.ts), so the shipped presets keep it local, and only a model tagged `vision` gets it. */
  images?: number;
}

