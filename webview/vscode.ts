// The host API VS Code injects into a webview. `acquireVsCodeApi` may be called only once per page.
import type { ToExtension } from '../protocol/webview';

export interface VsCodeApi {
  postMessage(message: ToExtension): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

let api: VsCodeApi | undefined;

export function vscode(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}
