// The negotiation summary in VS Code: the summary view, the progress paragraph, notes from a draft
// and the status bar item. All data comes from the language server (leverage/summary and
// leverage/scaffoldNotes, server/src/lsp/summary.ts); this folder only shows it and edits files.

import * as vscode from 'vscode';
import { SummaryPanel, VIEW_TYPE, type SummaryViewState } from './panel';
import { isNotesPath } from './protocol';
import { notesNameFor } from './render';
import { errorMessage, kindOf, SummarySource, toUri, type SummaryClient } from './source';
import { SummaryStatusBar, type StatusBarState } from './statusBar';

export const COMMANDS = {
  showSummary: 'leverage.showSummary',
  insertProgressSummary: 'leverage.insertProgressSummary',
  createNotes: 'leverage.createNotes',
} as const;

const CREATE_NOTES = 'Create Negotiation Notes';

/** For extension tests (part of `activate()`'s return value). */
export interface SummaryApi {
  /** The summary view, or undefined while it is closed. */
  view(): SummaryViewState | undefined;
  statusBar(): StatusBarState;
}

/** What `leverage.createNotes` did, returned to a caller (tests) as well as shown to the user. */
export interface CreateNotesResult {
  uri: string;
  created: boolean;
}

function activeDocument(): vscode.TextDocument | undefined {
  return vscode.window.activeTextEditor?.document;
}

export function registerSummary(context: vscode.ExtensionContext, client: SummaryClient, ready: Promise<void>): SummaryApi {
  const source = new SummarySource(client, ready);
  const panel = new SummaryPanel(context.extensionUri, source);
  const statusBar = new SummaryStatusBar(source);

  const createNotes = async (arg?: vscode.Uri): Promise<CreateNotesResult | undefined> => {
    // From the palette: the active editor; from the view or a message's button: the draft's Uri.
    const doc = arg instanceof vscode.Uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.toString()) : activeDocument();
    const draft = arg instanceof vscode.Uri ? arg : doc?.uri;
    const kind = doc ? kindOf(doc) : draft && isNotesPath(draft.path) ? 'notes' : draft ? 'draft' : undefined;
    if (!draft || !kind) {
      void vscode.window.showInformationMessage('Leverage: open a draft or letter (Markdown, plain text or .contract) to create negotiation notes for it.');
      return undefined;
    }
    if (kind === 'notes') {
      void vscode.window.showInformationMessage('Leverage: this file already is negotiation notes.');
      return undefined;
    }
    let proposal;
    try {
      proposal = await source.scaffoldNotes(draft);
    } catch (err) {
      void vscode.window.showErrorMessage(`Leverage could not propose notes for this draft: ${errorMessage(err)}`);
      return undefined;
    }
    if (proposal.paired && proposal.paired !== proposal.uri) {
      // Notes elsewhere already name this draft: a second file would split the negotiation.
      const paired = toUri(proposal.paired);
      await vscode.window.showTextDocument(paired, { preview: false });
      void vscode.window.showInformationMessage(`Leverage: ${vscode.workspace.asRelativePath(paired, false)} already holds the notes for this draft, so it was opened instead.`);
      return { uri: paired.toString(), created: false };
    }
    const target = toUri(proposal.uri);
    const name = vscode.workspace.asRelativePath(target, false);
    const exists = async () =>
      vscode.workspace.fs.stat(target).then(
        () => true,
        () => false,
      );
    let created = false;
    if (!(await exists())) {
      // A file operation, not a write: never overwrites, and Undo in the Explorer removes it.
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(target, { overwrite: false, ignoreIfExists: true, contents: new TextEncoder().encode(proposal.text) });
      created = (await vscode.workspace.applyEdit(edit)) && (await exists());
    }
    await vscode.window.showTextDocument(target, { preview: false });
    if (created) void vscode.window.showInformationMessage(`Leverage: created ${name}. Fill in the benchmarks and the BATNA.`);
    else void vscode.window.showInformationMessage(`Leverage: ${name} already exists, so it was opened, not overwritten.`);
    return { uri: target.toString(), created };
  };

  const insertProgressSummary = async (): Promise<string | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || kindOf(editor.document) !== 'draft') {
      void vscode.window.showInformationMessage('Leverage: put the cursor in a draft or letter to insert the progress summary there.');
      return undefined;
    }
    let summary;
    try {
      summary = await source.summary(editor.document.uri);
    } catch (err) {
      void vscode.window.showErrorMessage(`Leverage could not build the summary: ${errorMessage(err)}`);
      return undefined;
    }
    if (!summary) {
      const name = editor.document.uri.path.split('/').pop() ?? 'draft';
      void vscode.window
        .showInformationMessage(
          `Leverage: no negotiation notes are paired with this draft, so there is no progress to summarise. Create ${notesNameFor(name)} beside it, or name the draft in a notes file's "draft:" field.`,
          CREATE_NOTES,
        )
        .then((choice) => {
          if (choice === CREATE_NOTES) void vscode.commands.executeCommand(COMMANDS.createNotes, editor.document.uri);
        });
      return undefined;
    }
    if (!summary.progress) {
      void vscode.window.showInformationMessage('Leverage: the notes record no agreed or open issues yet, so there is no progress to summarise.');
      return undefined;
    }
    const text = summary.progress;
    const ok = await editor.edit((b) => {
      for (const s of editor.selections) b.replace(s, text);
    });
    return ok ? text : undefined;
  };

  const showSummary = async (arg?: vscode.Uri): Promise<void> => {
    const doc = activeDocument();
    const uri = arg instanceof vscode.Uri ? arg : kindOf(doc) ? doc!.uri : undefined;
    await panel.show(uri);
  };

  context.subscriptions.push(
    panel,
    statusBar,
    vscode.commands.registerCommand(COMMANDS.showSummary, showSummary),
    vscode.commands.registerCommand(COMMANDS.insertProgressSummary, insertProgressSummary),
    vscode.commands.registerCommand(COMMANDS.createNotes, createNotes),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel, state: unknown) => {
        const uri = state && typeof (state as { uri?: unknown }).uri === 'string' ? (state as { uri: string }).uri : undefined;
        await panel.restore(webviewPanel, uri);
      },
    }),
  );

  return { view: () => panel.state, statusBar: () => statusBar.state };
}
