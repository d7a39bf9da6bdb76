// The status bar item for the active draft or notes: how many concessions still have nothing in
// return and how many findings are open; a click opens the summary. Hidden for other documents.

import * as vscode from 'vscode';
import { statusText } from './render';
import { countFindings, errorMessage, findingsOf, kindOf, relatedUris, type SummarySource } from './source';

export const STATUS_DEBOUNCE_MS = 150;

export interface StatusBarState {
  visible: boolean;
  text: string;
  tooltip: string;
  /** The document counted. */
  uri?: string;
}

export class SummaryStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private target: vscode.Uri | undefined;
  private related = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private visible = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly source: SummarySource) {
    this.item = vscode.window.createStatusBarItem('leverage.summaryStatus', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Leverage Negotiation Summary';
    this.item.command = { title: 'Show Negotiation Summary', command: 'leverage.showSummary' };
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.schedule()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => this.related.has(u.toString()))) this.schedule();
      }),
    );
    this.schedule(0);
  }

  get state(): StatusBarState {
    const tooltip = typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
    return { visible: this.visible, text: this.item.text, tooltip, uri: this.target?.toString() };
  }

  schedule(delay = STATUS_DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private hide(): void {
    this.visible = false;
    this.target = undefined;
    this.related = new Set();
    this.item.hide();
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && !kindOf(doc)) return this.hide();
    // Focus in a webview, a panel or nowhere: keep counting the last document while it is in view.
    const uri = doc?.uri ?? (this.target && vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === this.target!.toString()) ? this.target : undefined);
    if (!uri) return this.hide();
    this.target = uri;
    if (this.related.size === 0 || !this.related.has(uri.toString())) this.related = relatedUris(uri, null);
    let summary = null;
    let failure: string | undefined;
    try {
      summary = await this.source.summary(uri);
    } catch (err) {
      failure = errorMessage(err);
    }
    if (generation !== this.generation) return;
    this.related = relatedUris(uri, summary);
    if (summary) {
      const findings = countFindings(summary.findings);
      const u = summary.ledger.unreciprocated;
      this.item.text = statusText(u, findings);
      this.item.tooltip =
        `Leverage: ${u === 1 ? '1 concession in the ledger has' : `${u} concessions in the ledger have`} nothing in return yet; ` +
        `${findings === 1 ? '1 finding is' : `${findings} findings are`} open in the draft and its notes. Click to show the negotiation summary.`;
      this.item.accessibilityInformation = { label: `Leverage: ${u} unreciprocated concessions, ${findings} open findings. Show the negotiation summary.` };
    } else {
      const findings = countFindings(findingsOf(uri));
      this.item.text = statusText(undefined, findings);
      this.item.tooltip =
        `Leverage: ${findings === 1 ? '1 finding is' : `${findings} findings are`} open in this document. ` +
        (failure ? `(The summary is not available: ${failure})` : 'No negotiation notes are paired with it, so no concessions are counted.') +
        ' Click to show the negotiation summary.';
      this.item.accessibilityInformation = { label: `Leverage: ${findings} open findings. Show the negotiation summary.` };
    }
    this.visible = true;
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
  }
}
