// Waiting on VS Code without fixed sleeps: diagnostics through onDidChangeDiagnostics, providers
// that may answer before our server has (code actions right after opening) by bounded polling.

import * as vscode from 'vscode';

export const SOURCE = 'leverage';
export const EXTENSION_ID = 'leverage-dev.leverage';

/** What the extension's activate() returns (client/src/extension.ts `LeverageApi`), as far as tests use it. */
export interface LeverageApi {
  readonly client: {
    isRunning(): boolean;
    sendRequest<R>(method: string, params: unknown): Promise<R>;
    readonly middleware: { didOpen?: (doc: vscode.TextDocument, next: (doc: vscode.TextDocument) => Promise<void>) => Promise<void> };
  };
  readonly ready: Promise<void>;
  readonly codeCacheDir: string;
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Our diagnostics for a document (VS Code's Markdown or YAML support may add their own). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codes(uri: vscode.Uri): string[] {
  return ours(uri).map((d) => codeOf(d) ?? '?');
}

export function describe(uri: vscode.Uri): string {
  const ds = ours(uri);
  if (ds.length === 0) return 'no Leverage diagnostics';
  return ds.map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`).join(', ');
}

/**
 * Resolves with our diagnostics for `uri` as soon as `accept` holds for them: checked now and on
 * every diagnostics change for that document. Rejects after `timeoutMs` with what was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let sub: vscode.Disposable | undefined;
    const timer = setTimeout(() => {
      sub?.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; have ${describe(uri)}`));
    }, timeoutMs);
    const check = (): boolean => {
      const ds = ours(uri);
      if (!accept(ds)) return false;
      clearTimeout(timer);
      sub?.dispose();
      resolve(ds);
      return true;
    };
    if (check()) return;
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
  });
}

export const has =
  (...wanted: string[]) =>
  (ds: vscode.Diagnostic[]): boolean =>
    wanted.every((w) => ds.some((d) => codeOf(d) === w));

export const lacks =
  (...unwanted: string[]) =>
  (ds: vscode.Diagnostic[]): boolean =>
    !ds.some((d) => unwanted.includes(codeOf(d) ?? ''));

/**
 * Calls `attempt` until it returns a value, with short growing pauses, for at most `timeoutMs`.
 * For providers whose first answer can come before our server's (VS Code merges the answers of
 * every provider it has at that moment).
 */
export async function poll<T>(
  attempt: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
  lastSeen: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let pause = 50;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const seen = lastSeen();
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen ? `; last saw: ${seen}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(pause * 2, 500);
  }
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder (the harness opens a temporary copy of the samples)');
  return folder.uri;
}

/** A fresh copy of a sample in the workspace, so that each test edits its own file. */
export async function copyOf(sample: string, name: string): Promise<vscode.Uri> {
  const root = workspaceRoot();
  const target = vscode.Uri.joinPath(root, name);
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(root, sample), target, { overwrite: true });
  return target;
}

export async function writeFile(name: string, text: string): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(workspaceRoot(), name);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  return target;
}

export async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The text of a hover's contents, whichever form each part has. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export function kindOf(action: vscode.CodeAction | vscode.Command): string | undefined {
  return 'kind' in action && action.kind ? action.kind.value : undefined;
}
