// Changed-only review in VS Code: the command "Leverage: Review Changes Since Revision..." picks
// the revision last sent to the other side (recent commits and tags of the active file's Git
// repository, a typed revision, or off) and writes `leverage.changedSince`; the server does the
// rest (server/src/lsp/baseline.ts). A status bar item shows the revision while it is in use, and
// clicking it runs the command again.
//
// Git runs here only to list revisions, through the same hardened module as the server
// (server/src/git.ts), and never in an untrusted workspace: there the picker offers a typed
// revision and "Off" only, and the server is told when the user grants trust.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { refProblem } from '../../server/src/core/changed';
import { listRevisions, type Revision } from '../../server/src/git';

export const COMPARE_COMMAND = 'leverage.compareWithRevision';
const SECTION = 'leverage';
const KEY = 'changedSince';
/** The server's notification (server/src/lsp/baseline.ts WORKSPACE_TRUSTED_NOTIFICATION). */
const TRUSTED_NOTIFICATION = 'leverage/workspaceTrusted';

/** For `LanguageClientOptions.initializationOptions`: read at every (re)start of the server. */
export function changedOnlyInitializationOptions(): { workspaceTrusted: boolean } {
  return { workspaceTrusted: vscode.workspace.isTrusted };
}

/** A 40-character commit id is shown as its first 7, as Git does. */
export function shortRef(ref: string): string {
  return /^[0-9a-f]{40,64}$/i.test(ref) ? ref.slice(0, 7) : ref;
}

/** The document the command and the status bar are about: the active one, else the first folder. */
function scope(): { resource: vscode.Uri | undefined; dir: string | undefined } {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.uri.scheme === 'file') return { resource: doc.uri, dir: path.dirname(doc.uri.fsPath) };
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return { resource: folder, dir: folder?.scheme === 'file' ? folder.fsPath : undefined };
}

function currentRef(resource: vscode.Uri | undefined): string {
  const value = vscode.workspace.getConfiguration(SECTION, resource).get<unknown>(KEY, '');
  return typeof value === 'string' ? value.trim() : '';
}

/** For extension tests (part of `activate()`'s return value): a StatusBarItem cannot say whether it is shown. */
export interface ChangedOnlyApi {
  readonly statusBarItem: vscode.StatusBarItem;
  statusBar(): { visible: boolean; text: string; tooltip: string };
}

export function registerChangedOnly(context: vscode.ExtensionContext, client: LanguageClient, log: vscode.LogOutputChannel): ChangedOnlyApi {
  const item = vscode.window.createStatusBarItem('leverage.changedSince', vscode.StatusBarAlignment.Left, 49);
  item.name = 'Leverage: Changed-Only Review';
  item.command = COMPARE_COMMAND;

  let visible = false;
  const update = () => {
    const ref = currentRef(scope().resource);
    visible = ref !== '';
    if (!ref) {
      item.hide();
      return;
    }
    item.text = `$(git-compare) since ${shortRef(ref)}`;
    item.tooltip = vscode.workspace.isTrusted
      ? `Leverage shows only findings in lines changed since ${ref}. Click to choose another revision or check whole documents.`
      : `Leverage would show only findings changed since ${ref}, but it does not run Git in an untrusted workspace: whole documents are checked. Click to change.`;
    item.show();
  };

  context.subscriptions.push(
    item,
    vscode.commands.registerCommand(COMPARE_COMMAND, async () => {
      await pickRevision(log);
      update();
    }),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.${KEY}`)) update();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      update();
      client.sendNotification(TRUSTED_NOTIFICATION).catch((err: unknown) => log.warn(`Could not tell the server that the workspace is trusted: ${err instanceof Error ? err.name : 'error'}`));
    }),
  );
  update();
  return {
    statusBarItem: item,
    statusBar: () => ({ visible, text: item.text, tooltip: typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '') }),
  };
}

interface Choice extends vscode.QuickPickItem {
  /** What to write; '' turns changed-only review off. */
  ref?: string;
}

async function pickRevision(log: vscode.LogOutputChannel): Promise<void> {
  const { resource, dir } = scope();
  const current = currentRef(resource);
  const offItem: Choice = { label: '$(circle-slash) Off — check the whole document', ref: '' };
  const fixed: Choice[] = current ? [offItem] : [];
  let placeholder = 'Type a revision (tag, branch or commit), or pick one: the version last sent to the other side';

  if (!vscode.workspace.isTrusted) {
    placeholder = 'Type a revision (tag, branch or commit). Commits and tags are listed in trusted workspaces only.';
  } else if (dir) {
    const revisions = await listRevisions(dir);
    if (revisions.ok) {
      const asItem = (r: Revision): Choice => ({
        label: r.kind === 'tag' ? `$(tag) ${r.label}` : `$(git-commit) ${r.label}`,
        description: r.description,
        ref: r.ref,
      });
      if (revisions.tags.length) fixed.push({ label: 'Tags', kind: vscode.QuickPickItemKind.Separator }, ...revisions.tags.map(asItem));
      if (revisions.commits.length) fixed.push({ label: 'Recent commits', kind: vscode.QuickPickItemKind.Separator }, ...revisions.commits.map(asItem));
    } else {
      log.info(`Leverage: no revisions to list (${revisions.detail}).`);
      placeholder = `Type a revision: ${revisions.detail}, so none can be listed`;
    }
  }

  const picked = await new Promise<string | undefined>((resolve) => {
    const qp = vscode.window.createQuickPick<Choice>();
    qp.title = current ? `Leverage: Review Changes Since Revision (now: ${shortRef(current)})` : 'Leverage: Review Changes Since Revision';
    qp.placeholder = placeholder;
    qp.matchOnDescription = true;
    qp.items = fixed;
    qp.onDidChangeValue((value) => {
      const typed = value.trim();
      const known = fixed.some((c) => c.ref !== undefined && (c.ref === typed || c.label.endsWith(` ${typed}`)));
      qp.items = typed && !known ? [{ label: `$(edit) Use “${typed}”`, ref: typed, alwaysShow: true }, ...fixed] : fixed;
    });
    let done = false;
    qp.onDidAccept(() => {
      const choice = qp.selectedItems[0] ?? qp.activeItems[0];
      const typed = qp.value.trim();
      done = true;
      resolve(choice?.ref ?? (typed || undefined));
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!done) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
  if (picked === undefined) return;

  if (picked !== '') {
    const problem = refProblem(picked);
    if (problem) {
      void vscode.window.showErrorMessage(`Leverage: “${picked}” cannot be a revision: ${problem}.`);
      return;
    }
  }
  await write(resource, picked);
}

/** Writes the setting where it takes effect: the folder if a folder value is set, else the workspace
 *  (the user settings when no folder is open). Off removes the value unless a broader one needs
 *  overriding. */
async function write(resource: vscode.Uri | undefined, ref: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION, resource);
  const seen = config.inspect<string>(KEY);
  const target =
    seen?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : vscode.workspace.workspaceFolders?.length
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  // In a single-folder workspace the folder's settings are the workspace's: VS Code reports the same
  // value as both, and only a multi-root workspace file can hold a broader one.
  const workspaceWide = vscode.workspace.workspaceFile ? seen?.workspaceValue : undefined;
  const broader = target === vscode.ConfigurationTarget.WorkspaceFolder ? (workspaceWide ?? seen?.globalValue) : target === vscode.ConfigurationTarget.Workspace ? seen?.globalValue : undefined;
  const value = ref === '' && !broader ? undefined : ref;
  await config.update(KEY, value, target);
}
