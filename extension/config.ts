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
