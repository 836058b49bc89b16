// The status-bar item: active preset, daemon health and the route of the last request, one click from the log.
import * as vscode from 'vscode';
import type { DecisionRecord } from '../protocol/record';
import type { ConnectionState } from './daemon/connection';
import { lastRequestLabel } from './describe';

const ICONS: Record<ConnectionState, string> = { connected: '$(shield)', connecting: '$(sync~spin)', down: '$(warning)' };

export class AirlockStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('airlock.status', vscode.StatusBarAlignment.Left, 50);
  private state: ConnectionState = 'connecting';
  private message = 'starting';
  private preset: string | undefined;
  private lastRoute: string | undefined;
  private providers: string[] = [];

  constructor(showLogCommand: string) {
    this.item.name = 'Airlock';
    this.item.command = showLogCommand;
    this.render();
    this.item.show();
  }

  setConnection(state: ConnectionState, message: string): void {
    this.state = state;
    this.message = message;
    this.render();
  }

  setPreset(name: string): void {
    this.preset = name;
    this.render();
  }

  /** Which providers answer and which do not, from health/get (providerWords). */
  setProviders(lines: string[]): void {
    this.providers = lines;
    this.render();
  }

  setLastDecision(record: DecisionRecord): void {
    this.lastRoute = lastRequestLabel(record);
    this.render();
  }

  private render(): void {
    const parts = ['Airlock', this.preset, this.state === 'down' ? 'daemon down' : this.lastRoute].filter(Boolean);
    this.item.text = `${ICONS[this.state]} ${parts.join(' · ')}`;
    this.item.backgroundColor = this.state === 'down' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tip = new vscode.MarkdownString();
    tip.appendText(`airlockd: ${this.message}\n`);
    tip.appendText(`Policy: ${this.preset ?? 'unknown'}\n`);
    if (this.state === 'connected' && this.providers.length) tip.appendText(`Providers: ${this.providers.join('; ')}\n`);
    if (this.lastRoute) tip.appendText(`Last request: ${this.lastRoute}\n`);
    tip.appendText('Click for the decision log.');
    this.item.tooltip = tip;
  }

  dispose(): void {
    this.item.dispose();
  }
}
