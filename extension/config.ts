// The one reader of the `airlock.*` settings: read and validated once here, so the rest of the extension gets typed
// values and a bad value is reported with the setting's name instead of failing somewhere downstream.
import * as vscode from 'vscode';
import { parseSettings, type SettingsReport } from './settings';

export type { AirlockSettings, SettingsReport } from './settings';

export function readSettings(): SettingsReport {
  const section = vscode.workspace.getConfiguration('airlock');
  // inspect() so an unset setting is undefined, not the manifest default: the defaults live in parseSettings.
  return parseSettings((key) => {
    const info = section.inspect(key);
    return info?.workspaceFolderValue ?? info?.workspaceValue ?? info?.globalValue;
  });
}

/** VS Code's own proxy settings, for the daemon the extension starts (it gets none of VS Code's proxy handling). */
export function readProxySettings(): { proxy?: string; noProxy: string[]; strictSSL: boolean } {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<string>('proxy');
  return { ...(proxy ? { proxy } : {}), noProxy: http.get<string[]>('noProxy') ?? [], strictSSL: http.get<boolean>('proxyStrictSSL') ?? true };
}
