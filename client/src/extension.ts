// The VS Code side of Leverage: starts the bundled language server and wires two commands. All
// analysis happens in the server, so this file only decides which documents the server sees.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { CloseHandlerResult, DocumentSelector, ErrorHandler, ErrorHandlerResult, LanguageClientOptions, Message, ServerOptions } from 'vscode-languageclient/node';
import { registerSummary, type SummaryApi } from './summary/index';
import { changedOnlyInitializationOptions, registerChangedOnly, type ChangedOnlyApi } from './changedOnly';

/** What `activate()` returns, so that extension tests can reach the running client. */
export interface LeverageApi {
  readonly client: LanguageClient;
  /** Settles once the first start of the server has finished (rejects if it failed). */
  readonly ready: Promise<void>;
  /** The summary view and the status bar item, as tests see them. */
  readonly summary: SummaryApi;
  /** The changed-only review's status bar item (leverage.changedSince), as tests see it. */
  readonly changedOnly: ChangedOnlyApi;
  /** Where the server keeps its V8 code cache: in the extension's global storage. */
  readonly codeCacheDir: string;
}

const CLIENT_ID = 'leverage';
const CLIENT_NAME = 'Leverage';

// Drafts on disk and unsaved ones; remote/virtual schemes are left out because the server pairs a
// draft with its notes by reading sibling files from disk.
const SCHEMES = ['file', 'untitled'] as const;
const DRAFT_LANGUAGES = ['markdown', 'plaintext', 'contract'] as const;
// Notes stay in the yaml language (its highlighting and any YAML extension keep working); only
// files named like negotiation notes are sent to the server.
const NOTES_PATTERN = '**/*.negotiation.{yaml,yml}';

export function documentSelector(): DocumentSelector {
  const selector: DocumentSelector = [];
  for (const scheme of SCHEMES) {
    for (const language of DRAFT_LANGUAGES) selector.push({ scheme, language });
  }
  selector.push({ scheme: 'file', language: 'yaml', pattern: NOTES_PATTERN });
  // The team playbook: its problems are shown on it, and a change to it re-checks every document.
  selector.push({ scheme: 'file', language: 'yaml', pattern: '**/.leverage.yaml' });
  return selector;
}

/** Restarts after a crash: at most this many within `RESTART_WINDOW_MS`, then the server stays stopped. */
export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;
export const RESTARTED_MESSAGE = "Leverage's language server stopped unexpectedly and was restarted.";
export const GAVE_UP_MESSAGE = `Leverage's language server stopped unexpectedly ${MAX_RESTARTS + 1} times in 3 minutes and was not restarted again. Leverage checks nothing until you run "Leverage: Restart Server".`;
const SHOW_OUTPUT = 'Show Output';

/** What the error handler needs from VS Code: injected, so the policy has no other dependency. */
export interface RestartUi {
  log(message: string): void;
  /** A non-modal notification; resolves with the chosen button, if any. */
  info(message: string, ...buttons: string[]): Thenable<string | undefined>;
  error(message: string, ...buttons: string[]): Thenable<string | undefined>;
  showOutput(): void;
  now(): number;
}

/**
 * When the server process dies, restart it, and tell the user once per session (a crash loop must
 * not stack notifications); the output channel gets a line per restart. After `MAX_RESTARTS`
 * within `RESTART_WINDOW_MS` the server is left stopped, with an error that offers the output.
 * `resetRestarts()` (the Restart Server command) starts the count again.
 */
export class RestartingErrorHandler implements ErrorHandler {
  private restarts: number[] = [];
  private told = false;

  constructor(private readonly ui: RestartUi) {}

  /** Reading or writing the connection failed: the library's default policy (three strikes), logged. */
  error(error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    if (count !== undefined && count <= 3) {
      this.ui.log(`Connection to the Leverage server failed (${error.name}); carrying on.`);
      return { action: ErrorAction.Continue, handled: true };
    }
    this.ui.log(`Connection to the Leverage server keeps failing (${error.name}); stopping it.`);
    this.offerOutput(this.ui.error("Leverage's language server could not be reached and was stopped.", SHOW_OUTPUT));
    return { action: ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = this.ui.now();
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) {
      this.ui.log(`The Leverage server stopped unexpectedly ${MAX_RESTARTS + 1} times within 3 minutes; not restarting it.`);
      this.offerOutput(this.ui.error(GAVE_UP_MESSAGE, SHOW_OUTPUT));
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.restarts.push(now);
    this.ui.log(`The Leverage server stopped unexpectedly; restarting it (restart ${this.restarts.length} of at most ${MAX_RESTARTS} within 3 minutes).`);
    if (!this.told) {
      this.told = true;
      this.offerOutput(this.ui.info(RESTARTED_MESSAGE, SHOW_OUTPUT));
    }
    return { action: CloseAction.Restart, handled: true };
  }

  resetRestarts(): void {
    this.restarts = [];
  }

  private offerOutput(choice: Thenable<string | undefined>): void {
    choice.then(
      (picked) => {
        if (picked === SHOW_OUTPUT) this.ui.showOutput();
      },
      () => undefined,
    );
  }
}

let client: LanguageClient | undefined;

/** V8 flags for the server process. A keystroke in a long draft leaves garbage behind (reading the
 *  edited chunk: about 0.3 MB in a 100k-word draft, most of it collected young), and the analysis
 *  of every chunk lives in the old generation: 4 MB semi-spaces (V8's default is 16) and an old
 *  generation that grows by 30% before the next full collection (instead of V8's default factor)
 *  keep the resident size of a server typing in a 100k-word draft near 85 MB, where V8's defaults
 *  reached 123 MB (peak 129) with no faster keystrokes (npm run bench launches the server with the
 *  same flags). */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=30'];

export function activate(context: vscode.ExtensionContext): LeverageApi {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server keeps its V8 code cache (a faster start-up) in a folder of the extension's global
  // storage (vscode-languageclient adds this to the variables the server inherits).
  const codeCacheDir = path.join(context.globalStorageUri.fsPath, 'code-cache');
  const env = { LEVERAGE_CACHE_DIR: codeCacheDir };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_FLAGS, env } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6011'], env },
    },
  };

  // One log channel for both the server's own log and the protocol trace. vscode-languageclient
  // traces only while this channel's log level is Trace; `leverage.trace.server` sets how much.
  const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(outputChannel);

  const errorHandler = new RestartingErrorHandler({
    log: (message) => outputChannel.warn(message),
    info: (message, ...buttons) => vscode.window.showInformationMessage(message, ...buttons),
    error: (message, ...buttons) => vscode.window.showErrorMessage(message, ...buttons),
    showOutput: () => outputChannel.show(true),
    now: () => Date.now(),
  });

  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel,
    traceOutputChannel: outputChannel,
    errorHandler,
    // Whether the workspace is trusted: the server runs Git (changed-only review) only then.
    initializationOptions: changedOnlyInitializationOptions,
    // The server pulls settings per document; this only tells it when `leverage.*` changed so it
    // can drop its cache and refresh diagnostics.
    synchronize: {
      configurationSection: CLIENT_ID,
      // Notes on disk pair with drafts: a change to them re-analyses the drafts.
      fileEvents: [vscode.workspace.createFileSystemWatcher(NOTES_PATTERN), vscode.workspace.createFileSystemWatcher('**/.leverage.yaml')],
    },
  };

  const languageClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = languageClient;

  context.subscriptions.push(
    vscode.commands.registerCommand('leverage.restartServer', async () => {
      outputChannel.info('Restarting the Leverage server…');
      errorHandler.resetRestarts();
      await languageClient.restart();
    }),
    vscode.commands.registerCommand('leverage.showOutput', () => outputChannel.show(true)),
  );

  const ready = languageClient.start().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    outputChannel.error(`The Leverage server failed to start: ${message}`);
    void vscode.window.showErrorMessage(`Leverage: the server failed to start (${message}).`, 'Show Output').then(
      (choice) => {
        if (choice) outputChannel.show(true);
      },
    );
    throw err;
  });
  // Tests await `ready`; nobody else does, so keep an unobserved failure from being reported twice.
  ready.catch(() => undefined);

  const summary = registerSummary(context, languageClient, ready);
  // "Leverage: Review Changes Since Revision..." and its status bar item (leverage.changedSince).
  const changedOnly = registerChangedOnly(context, languageClient, outputChannel);

  return { client: languageClient, ready, summary, changedOnly, codeCacheDir };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
