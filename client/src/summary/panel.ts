// The summary view: one webview panel beside the editor that follows the active draft or notes
// and re-asks the server (debounced) whenever one of the documents it summarises changes or gets
// new diagnostics. Clicks in the page come back as messages: reveal an issue in the notes, open
// the notes, copy the progress paragraph, create notes for a draft.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { NegotiationSummary } from './protocol';
import { renderBody, renderPage, viewTitle, baseName, type SummaryView } from './render';
import { errorMessage, findingsOf, kindOf, relatedUris, toUri, type SummarySource } from './source';

export const VIEW_TYPE = 'leverage.summary';
export const DEBOUNCE_MS = 250;

/** What the webview's script may send (media/summary.js). */
interface PageMessage {
  type: 'ready' | 'shown' | 'reveal' | 'openNotes' | 'copyProgress' | 'createNotes' | 'showProblems' | 'refresh';
  line?: number;
  /** With 'ready': the nonce of the page load that sent it. */
  load?: string;
  /** With 'ready' and 'shown': the number of the render the page shows. */
  seq?: number;
}

/** What the panel shows, for tests and the status bar's tooltip. */
export interface SummaryViewState {
  uri?: string;
  state: SummaryView['state'];
  /** The content of the page's <main> as last sent. */
  body: string;
  visible: boolean;
  /** How many times content was sent (first load included). */
  renders: number;
  /** The page inside the webview reported that it shows the last content sent. */
  shown: boolean;
}

export class SummaryPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private target: vscode.Uri | undefined;
  private summary: NegotiationSummary | null = null;
  private view: SummaryView = { state: 'none' };
  private related = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private renders = 0;
  /** The render the page last said it shows. */
  private shownSeq = -1;
  /** The page's script said it is ready: updates go by message (else the next render reloads it). */
  private loaded = false;
  /** What the page shows was rendered before it was ready: send it again once it is. */
  private stale = false;
  /** `webview.html` was set for the current page load. */
  private htmlSet = false;
  /** The current page load's CSP nonce. */
  private nonce = '';
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: SummarySource,
  ) {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!this.panel || !editor || !kindOf(editor.document)) return;
        if (editor.document.uri.toString() === this.target?.toString()) return;
        this.follow(editor.document.uri, 0);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.contentChanges.length && this.related.has(e.document.uri.toString())) this.schedule();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (this.panel && e.uris.some((u) => this.related.has(u.toString()))) this.schedule();
      }),
    );
  }

  get state(): SummaryViewState | undefined {
    if (!this.panel) return undefined;
    return { uri: this.target?.toString(), state: this.view.state, body: renderBody(this.view), visible: this.panel.visible, renders: this.renders, shown: this.shownSeq === this.renders };
  }

  /** Opens (or reveals) the view for a document; `undefined` keeps the current one. */
  async show(uri: vscode.Uri | undefined): Promise<void> {
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Negotiation Summary', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options());
      this.adopt(panel);
    } else {
      this.panel.reveal(undefined, true);
    }
    await this.follow(uri ?? this.target, 0);
  }

  /** Takes over a panel VS Code restored after a reload (WebviewPanelSerializer). */
  async restore(panel: vscode.WebviewPanel, uri: string | undefined): Promise<void> {
    if (this.panel) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.options();
    this.adopt(panel);
    const active = vscode.window.activeTextEditor?.document;
    await this.follow(uri ? vscode.Uri.parse(uri) : kindOf(active) ? active!.uri : undefined, 0);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      // No retained context: the panel re-renders from the server when shown again.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.loaded = false;
    this.htmlSet = false;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'icon.png');
    let wasVisible = panel.visible;
    const subs: vscode.Disposable[] = [
      panel.webview.onDidReceiveMessage((m: PageMessage) => this.onMessage(m)),
      panel.onDidChangeViewState(() => {
        // A hidden webview drops its page; coming back it reloads from `webview.html`, which
        // may be older than the last update sent by message: render it again.
        if (panel.visible === wasVisible) return;
        wasVisible = panel.visible;
        this.loaded = false;
        this.htmlSet = false;
        if (panel.visible) void this.schedule(0);
      }),
      panel.onDidDispose(() => {
        subs.forEach((s) => s.dispose());
        if (this.panel === panel) {
          this.panel = undefined;
          this.related = new Set();
          this.cancelPending();
        }
      }),
    ];
    this.render();
  }

  /** Summarise `uri` (a draft or notes) from now on. */
  private follow(uri: vscode.Uri | undefined, delay: number): Promise<void> {
    if (uri && uri.toString() !== this.target?.toString()) {
      this.target = uri;
      this.summary = null;
      this.related = relatedUris(uri, null);
      if (this.view.state === 'none') {
        this.view = { state: 'loading', uri: uri.toString(), name: baseName(uri.path) };
        this.render();
      }
    }
    return this.schedule(delay);
  }

  private pending: Promise<void> | undefined;
  private settle: (() => void) | undefined;

  /** Refreshes after `delay` ms of quiet; resolves once that refresh has rendered. */
  private schedule(delay = DEBOUNCE_MS): Promise<void> {
    clearTimeout(this.timer);
    if (!this.pending) this.pending = new Promise<void>((resolve) => (this.settle = resolve));
    const pending = this.pending;
    this.timer = setTimeout(() => {
      const settle = this.settle;
      this.pending = undefined;
      void this.refresh().finally(() => settle?.());
    }, delay);
    return pending;
  }

  private async refresh(): Promise<void> {
    if (!this.panel) return;
    const target = this.target;
    const generation = ++this.generation;
    let view: SummaryView;
    if (!target) {
      view = { state: 'none' };
    } else {
      try {
        const summary = await this.source.summary(target);
        if (generation !== this.generation) return; // a newer refresh is on its way
        this.summary = summary;
        this.related = relatedUris(target, summary);
        view = summary
          ? { state: 'summary', uri: target.toString(), summary }
          : { state: 'no-notes', uri: target.toString(), name: baseName(target.path), findings: findingsOf(target) };
      } catch (err) {
        if (generation !== this.generation) return;
        view = { state: 'error', uri: target.toString(), name: baseName(target.path), message: `Leverage could not build the summary: ${errorMessage(err)}` };
      }
    }
    this.view = view;
    this.render();
  }

  private render(): void {
    const panel = this.panel;
    if (!panel) return;
    panel.title = viewTitle(this.view);
    this.renders++;
    const uri = 'uri' in this.view ? this.view.uri : undefined;
    if (this.loaded && panel.visible) {
      void panel.webview.postMessage({ type: 'update', body: renderBody(this.view), uri, title: viewTitle(this.view), seq: this.renders });
      return;
    }
    if (this.htmlSet && panel.visible) {
      // The page is still loading: keep it, and send the content when its script is ready.
      this.stale = true;
      return;
    }
    const webview = panel.webview;
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    webview.html = renderPage({
      cspSource: webview.cspSource,
      nonce: (this.nonce = randomBytes(18).toString('base64url')),
      styleUri: media('summary.css'),
      scriptUri: media('summary.js'),
      view: this.view,
      seq: this.renders,
    });
    this.htmlSet = true;
    this.loaded = false;
    this.stale = false;
  }

  private async onMessage(message: PageMessage): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          // A late "ready" from a page that has since been replaced does not count.
          if (message.load !== this.nonce) break;
          this.loaded = true;
          if (typeof message.seq === 'number') this.shownSeq = message.seq;
          if (this.stale) this.render();
          break;
        case 'shown':
          if (typeof message.seq === 'number') this.shownSeq = message.seq;
          break;
        case 'reveal':
          // The page is ours, but its messages are still checked: a line is a whole, non-negative number.
          if (Number.isInteger(message.line) && (message.line as number) >= 0) await this.revealNotes(message.line as number);
          break;
        case 'openNotes':
          await this.revealNotes(undefined);
          break;
        case 'copyProgress':
          if (this.summary?.progress) {
            await vscode.env.clipboard.writeText(this.summary.progress);
            vscode.window.setStatusBarMessage('Leverage: progress paragraph copied', 3000);
          }
          break;
        case 'createNotes':
          if (this.target) await vscode.commands.executeCommand('leverage.createNotes', this.target);
          break;
        case 'showProblems':
          await vscode.commands.executeCommand('workbench.actions.view.problems');
          break;
        case 'refresh':
          await this.schedule(0);
          break;
      }
    } catch (err) {
      void vscode.window.showErrorMessage(`Leverage: ${errorMessage(err)}`);
    }
  }

  /** Opens the summary's notes in the editor next to the view, at `line` if given. */
  private async revealNotes(line: number | undefined): Promise<void> {
    const notes = this.summary?.notes ? toUri(this.summary.notes) : undefined;
    if (!notes) return;
    const existing = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === notes.toString());
    const column = existing?.viewColumn ?? this.editorColumn();
    const options: vscode.TextDocumentShowOptions = { viewColumn: column, preserveFocus: false, preview: false };
    if (line !== undefined) {
      const position = new vscode.Position(line, 0);
      options.selection = new vscode.Range(position, position);
    }
    const editor = await vscode.window.showTextDocument(notes, options);
    if (line !== undefined) editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** A column for text: one with a text editor that is not the view's own, else the first. */
  private editorColumn(): vscode.ViewColumn {
    const own = this.panel?.viewColumn;
    const other = vscode.window.visibleTextEditors.find((e) => e.viewColumn !== undefined && e.viewColumn !== own);
    return other?.viewColumn ?? (own === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  }

  /** Drops a scheduled refresh; whoever awaits it is released rather than left waiting. */
  private cancelPending(): void {
    clearTimeout(this.timer);
    const settle = this.settle;
    this.pending = undefined;
    this.settle = undefined;
    settle?.();
  }

  dispose(): void {
    this.cancelPending();
    this.panel?.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
