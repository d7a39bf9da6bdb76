// A minimal LSP client for protocol tests: spawns the built server (`dist/server.js --stdio`) and
// talks real JSON-RPC to it. Tests wait on messages through `waitFor`, never on sleeps.

import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  ParameterStructures,
  StreamMessageReader,
  StreamMessageWriter,
  type CancellationToken,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  ConfigurationParams,
  Diagnostic,
  DocumentDiagnosticReport,
  Hover,
  InitializeResult,
  LogMessageParams,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const SERVER = path.resolve(__dirname, '../../../dist/server.js');

let cacheDir: string | undefined;
/** The servers of one test file share a V8 code cache folder of their own (removed at exit), so
 *  that they start as a user's do, with a cache, and write nothing into the user's cache folder. */
function testCacheDir(): string {
  if (!cacheDir) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'leverage-test-code-cache-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    cacheDir = dir;
  }
  return cacheDir;
}
export const TIMEOUT_MS = 10_000;

/** What VS Code declares, trimmed to what the server looks at. */
export const PULL_CLIENT: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { versionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
    workspaceEdit: { documentChanges: true },
  },
};

/** Like Neovim 0.7: pushed diagnostics, settings on request, plain `changes` edits. */
export const PUSH_CLIENT: ClientCapabilities = {
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  workspace: { configuration: true },
};

export interface ClientOptions {
  capabilities: ClientCapabilities;
  /** The `leverage` section answered to `workspace/configuration`; tests may replace it. */
  settings?: unknown;
  /** Server arguments; the default is `--stdio` (`--node-ipc` with `transport: 'ipc'`). */
  args?: string[];
  /** `ipc`: talk over Node's IPC channel, as VS Code does (TransportKind.ipc); default stdio pipes. */
  transport?: 'stdio' | 'ipc';
  /** Node options before the server script, e.g. `['--require', trap]`. */
  execArgv?: string[];
  /** Added to the environment of the server process. */
  env?: Record<string, string>;
  cwd?: string;
  /** Workspace folder URIs sent in `initialize`. */
  workspaceFolders?: string[];
  /** Sent as `initializationOptions` in `initialize` (VS Code's client sends `{ workspaceTrusted }`). */
  initializationOptions?: unknown;
}

export class TestClient {
  readonly connection: MessageConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  /** Notifications without a handler of their own (`$/logTrace`, `telemetry/event`, ...). */
  readonly otherNotifications: { method: string; params: unknown }[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  readonly registrations: { id: string; method: string }[] = [];
  refreshRequests = 0;
  settings: unknown;
  /** When set, `workspace/configuration` answers wait for it: lets a test act while the server waits. */
  configurationGate: Promise<void> | undefined;
  stderr = '';
  private readonly waiters = new Set<() => void>();
  /** Settles with the server's exit code when its process ends. */
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcessWithoutNullStreams, options: ClientOptions) {
    this.settings = options.settings ?? {};
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    const conn =
      options.transport === 'ipc'
        ? createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
        : createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection = conn;
    conn.onNotification((method: string, params: unknown) => this.record(() => this.otherNotifications.push({ method, params })));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.record(() => this.published.push(p)));
    conn.onNotification('window/logMessage', (p: LogMessageParams) => this.record(() => this.logs.push(p)));
    conn.onRequest('workspace/configuration', async (p: ConfigurationParams) => {
      this.record(() => this.configurationRequests.push(p));
      await this.configurationGate;
      return p.items.map((item) => (item.section === 'leverage' ? this.settings : null));
    });
    conn.onRequest('workspace/diagnostic/refresh', () => {
      this.record(() => this.refreshRequests++);
      return null;
    });
    conn.onRequest('client/registerCapability', (p: { registrations: { id: string; method: string }[] }) => {
      this.record(() => this.registrations.push(...p.registrations));
      return null;
    });
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.listen();
    // A server that dies with requests pending must fail the test, not leave it waiting forever:
    // once its output has been read to the end, the connection is disposed, which rejects them.
    const stream = options.transport === 'ipc' ? undefined : child.stdout;
    const closed = stream ? new Promise<void>((resolve) => stream.once('close', resolve)) : Promise.resolve();
    void this.exited.then(() => closed).then(() => setImmediate(() => conn.dispose()));
  }

  static async start(options: ClientOptions): Promise<TestClient> {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
    const ipc = options.transport === 'ipc';
    const args = options.args ?? [ipc ? '--node-ipc' : '--stdio'];
    const child = spawn(process.execPath, [...(options.execArgv ?? []), SERVER, ...args], {
      stdio: ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, LEVERAGE_CACHE_DIR: testCacheDir(), ...options.env },
      ...(options.cwd ? { cwd: options.cwd } : {}),
    }) as ChildProcessWithoutNullStreams;
    const client = new TestClient(child, options);
    client.initializeResult = await client.request<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: options.workspaceFolders?.[0] ?? null,
      ...(options.workspaceFolders ? { workspaceFolders: options.workspaceFolders.map((uri, i) => ({ uri, name: `folder-${i}` })) } : {}),
      capabilities: options.capabilities,
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
    });
    client.connection.sendNotification('initialized', {});
    return client;
  }

  initializeResult!: InitializeResult;

  /** Params go by name (an object) or not at all; an undefined token must not count as a parameter. */
  request<R>(method: string, params?: object | null, token?: CancellationToken): Promise<R> {
    if (params === undefined || params === null) return this.connection.sendRequest<R>(method);
    return token ? this.connection.sendRequest<R>(method, ParameterStructures.byName, params, token) : this.connection.sendRequest<R>(method, ParameterStructures.byName, params);
  }

  notify(method: string, params?: object | null): void {
    const sent = params === undefined || params === null ? this.connection.sendNotification(method) : this.connection.sendNotification(method, ParameterStructures.byName, params);
    // A notification still being written when the test disposes of the client (the last didClose
    // of a test, say) fails on the destroyed pipe: that is the end of the session, not an error.
    // Before that, a failed write stays an unhandled rejection and fails the test.
    void sent.catch((err: unknown) => (this.disposed ? undefined : Promise.reject(err)));
  }

  /** Resolves with `check()`'s first defined result, re-checked on every message from the server. */
  waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = TIMEOUT_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = () => {
        const result = check();
        if (result === undefined || result === false) return;
        cleanup();
        resolve(result);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${this.stderr ? `\nserver stderr:\n${this.stderr}` : ''}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
  }

  /** The next push for `uri` that satisfies `accept`, counting only pushes after `since`. */
  waitForPublish(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, since = this.published.length): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`publishDiagnostics for ${uri}`, () => this.published.slice(since).find((p) => p.uri === uri && accept(p)));
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  configurationChanged(settings: unknown = null): void {
    this.notify('workspace/didChangeConfiguration', { settings });
  }

  pull(uri: string, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
    return this.request('textDocument/diagnostic', { textDocument: { uri } }, token);
  }

  /** The items of a full pull report (fails on an `unchanged` one). */
  async pullItems(uri: string): Promise<Diagnostic[]> {
    const report = await this.pull(uri);
    assert.equal(report.kind, 'full');
    return report.kind === 'full' ? report.items : [];
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[] | null> {
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request('textDocument/hover', { textDocument: { uri }, position });
  }

  /** shutdown + exit, as an editor does; resolves with the server's exit code. */
  async shutdown(): Promise<number | null> {
    await this.request('shutdown');
    this.notify('exit');
    return this.exited;
  }

  /** The server's resident set size in kB (Linux: /proc/<pid>/status VmRSS); undefined elsewhere or once it exited. */
  rssKb(): number | undefined {
    try {
      const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Every message the server logged (`window/logMessage`) after `since`, joined, plus its stderr. */
  logText(since = 0): string {
    return this.logs.slice(since).map((l) => l.message).join('\n') + '\n' + this.stderr;
  }

  /** For `after`: whatever happened, the child must not outlive the test. */
  private disposed = false;

  dispose(): void {
    this.disposed = true;
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  private record(action: () => void): void {
    action();
    for (const waiter of [...this.waiters]) waiter();
  }
}

export function cancellable(): CancellationTokenSource {
  return new CancellationTokenSource();
}

/** A promise with its resolve function, for gates. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

// ---------------------------------------------------------------------------------------------
// Edits, applied the way an editor does: an independent implementation of LSP positions (UTF-16
// code units; lines end at \n, \r\n or \r), so a server-side position bug cannot hide behind a
// matching bug here.

export function offsetAt(text: string, position: Position): number {
  let line = 0;
  let i = 0;
  while (line < position.line) {
    const next = text.slice(i).search(/\r\n|\r|\n/);
    assert.ok(next >= 0, `line ${position.line} is past the end of the text`);
    i += next + (text.startsWith('\r\n', i + next) ? 2 : 1);
    line++;
  }
  const rest = text.slice(i).search(/\r\n|\r|\n/);
  const lineLength = rest < 0 ? text.length - i : rest;
  assert.ok(position.character <= lineLength, `character ${position.character} is past the end of line ${position.line}`);
  return i + position.character;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const resolved = edits
    .map((e, order) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText, order }))
    .sort((a, b) => a.start - b.start || a.order - b.order);
  for (let i = 1; i < resolved.length; i++) {
    assert.ok(resolved[i - 1]!.end <= resolved[i]!.start, 'edits overlap');
  }
  let out = '';
  let at = 0;
  for (const e of resolved) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The edits a workspace edit makes to `uri`, checking the document version when it is versioned. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string, version?: number): TextEdit[] {
  assert.ok(edit, 'the action has an edit');
  if (edit.documentChanges) {
    const changes = edit.documentChanges.filter((c): c is Extract<typeof c, { textDocument: unknown }> => 'textDocument' in c);
    assert.equal(changes.length, edit.documentChanges.length, 'only text edits');
    const mine = changes.filter((c) => c.textDocument.uri === uri);
    assert.equal(mine.length, 1);
    if (version !== undefined) assert.equal(mine[0]!.textDocument.version, version, 'the edit is versioned for the current document');
    return mine[0]!.edits.map((e) => {
      assert.ok('newText' in e, 'plain text edits, not snippets');
      return e;
    });
  }
  assert.ok(edit.changes?.[uri], 'the edit changes the document');
  return edit.changes[uri]!;
}

/** The LSP range of the first occurrence of `needle`, computed independently of the server. */
export function rangeOf(text: string, needle: string, from = 0): Range {
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `${JSON.stringify(needle)} not in the text`);
  return { start: positionAt(text, start), end: positionAt(text, start + needle.length) };
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}
