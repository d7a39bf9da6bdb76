// The Leverage language server: wires the LSP handlers in `lsp/` to the analysis core. Transport
// comes from the command line (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`); with none,
// stdio, so any editor can simply start `leverage-language-server`.

import {
  createConnection,
  DidChangeConfigurationNotification,
  LSPErrorCodes,
  Message,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  type ConnectionOptions,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { pieceDocuments } from './lsp/pieceDocument';
import { AnalysisCache, kindFor } from './lsp/analysis';
import { isPlaybook, PlaybookStore } from './lsp/playbook';
import { registerNotesView } from './lsp/notesView';
import { registerSummary } from './lsp/summary';
import { mergeOptions } from './core/playbook';
import { clientFeatures, serverCapabilities, type ClientFeatures } from './lsp/capabilities';
import { registerCodeActions } from './lsp/codeActions';
import type { ServerContext } from './lsp/context';
import { registerDiagnostics } from './lsp/diagnostics';
import { listenSafely } from './lsp/documents';
import { EditTracker } from './lsp/edits';
import { guardedListener, installProcessGuards } from './lsp/errors';
import { registerHover } from './lsp/hover';
import { registerDefinition } from './lsp/definition';
import { SettingsStore } from './lsp/settings';
import { Baselines, registerBaselines, trustedAtStart } from './lsp/baseline';
import { VERSION } from './version';
import { codeCacheStatus, describeCodeCache } from './codeCache';

/** Requests that change state run even when cancelled; every other one is read-only. */
const ALWAYS_RUN = new Set(['initialize', 'shutdown']);

const options: ConnectionOptions = {
  connectionStrategy: {
    // A request the client cancels before it was dispatched (say, a pull queued behind a burst of
    // edits) is answered at once, without running it.
    cancelUndispatched: (message) =>
      Message.isRequest(message) && !ALWAYS_RUN.has(message.method)
        ? { jsonrpc: '2.0', id: message.id, error: { code: LSPErrorCodes.RequestCancelled, message: 'Request cancelled' } }
        : undefined,
  },
};

const TRANSPORT_FLAGS = /^--(stdio|node-ipc|socket=|pipe=)/;
const flagged = process.argv.some((a) => TRANSPORT_FLAGS.test(a));
const connection = flagged
  ? createConnection(ProposedFeatures.all, options)
  : createConnection(ProposedFeatures.all, process.stdin, process.stdout, options);
if (!flagged) {
  // With `--stdio` the library sends console output to the client's log; here stdout is the
  // protocol stream too, but nothing redirects the console: a stray console.log from any module
  // would corrupt it. Send it to stderr instead.
  console.log = console.info = console.debug = console.error;
}

// Every internal error is logged as its name and stack frames, never its message (which may quote
// a document), and the server keeps serving the other documents.
const logError = (message: string) => connection.console.error(message);
installProcessGuards(logError);

// In pieces: a keystroke in a long draft does not copy the whole text (lsp/pieceDocument.ts).
const documents = new TextDocuments(pieceDocuments);
let client: ClientFeatures | undefined;
const features = (): ClientFeatures => {
  if (!client) throw new Error('Leverage: request before initialize');
  return client;
};

const settings = new SettingsStore({
  available: () => client?.configuration ?? false,
  fetch: (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'leverage' }),
  warn: (message) => connection.console.warn(message),
});
const playbooks = new PlaybookStore(documents);
// Changed-only mode (`leverage.changedSince`): base versions from Git; a change refreshes diagnostics.
const baselines = new Baselines(
  {
    // A notification (not the request behind window.showWarningMessage): nothing to answer.
    warn: (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
    log: (message) => connection.console.info(message),
  },
  () => diagnostics.refreshAll(),
);
const edits = new EditTracker();
const analyses = new AnalysisCache(documents, settings, logError, playbooks, baselines, edits);
const ctx: ServerContext = { connection, documents, analyses, client: features, logError };

connection.onInitialize((params): InitializeResult => {
  client = clientFeatures(params.capabilities);
  baselines.setTrusted(trustedAtStart(params.initializationOptions), false);
  playbooks.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
  return {
    capabilities: serverCapabilities(client),
    serverInfo: { name: 'leverage-language-server', version: VERSION },
  };
});

connection.onInitialized(() => {
  if (client?.configurationChangeRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  }
  const cache = describeCodeCache(codeCacheStatus());
  connection.console.info(`Leverage language server ready (${client?.pullDiagnostics ? 'pull' : 'push'} diagnostics${cache ? `; ${cache}` : ''})`);
});

const diagnostics = registerDiagnostics(ctx);
registerCodeActions(ctx);
registerHover(ctx);
registerBaselines(ctx, baselines);
registerDefinition(ctx);
registerNotesView(ctx);
// `leverage/summary` and `leverage/scaffoldNotes`; files only on disk are read with their own settings.
registerSummary(ctx, async (uri) => {
  const s = await settings.get(uri);
  return { enable: s.enable, options: mergeOptions(playbooks.optionsFor(uri), s.options) };
});

connection.onDidChangeConfiguration(
  guardedListener('didChangeConfiguration', logError, (change) => {
    settings.reset(change?.settings);
    baselines.reset();
    analyses.clear();
    diagnostics.refreshAll();
  }),
);

// A draft is analysed with its negotiation notes: when notes change (edited, opened, closed, or
// on disk), the drafts are analysed again, open or not yet asked for.
function notesChanged(): void {
  analyses.notesChanged();
  diagnostics.refreshAll();
}
const isNotes = (doc: { uri: string; languageId: string }) => kindFor(doc.uri, doc.languageId) === 'notes';
// The team playbook: a change to it is a change of configuration for every document.
function playbookChanged(): void {
  playbooks.changed();
  settings.generation++;
  diagnostics.refreshAll();
}
documents.onDidChangeContent(guardedListener('playbook change', logError, (e) => isPlaybook(e.document.uri) && playbookChanged()));
documents.onDidClose(guardedListener('playbook close', logError, (e) => isPlaybook(e.document.uri) && playbookChanged()));
documents.onDidChangeContent(guardedListener('notes change', logError, (e) => isNotes(e.document) && notesChanged()));
documents.onDidClose(guardedListener('notes close', logError, (e) => isNotes(e.document) && notesChanged()));
connection.onDidChangeWatchedFiles(
  guardedListener('didChangeWatchedFiles', logError, (e) => {
    if (e.changes.some((c) => /\.negotiation\.ya?ml$/i.test(c.uri))) notesChanged();
    if (e.changes.some((c) => isPlaybook(c.uri))) playbookChanged();
  }),
);

documents.onDidClose(
  guardedListener('didClose', logError, (e) => {
    settings.forget(e.document.uri);
    analyses.forget(e.document.uri);
    diagnostics.closed(e.document.uri);
  }),
);

// Out-of-order, duplicate and malformed changes are dropped (and logged) before they reach `documents`.
listenSafely(documents, connection, (message) => connection.console.warn(message), edits);
connection.listen();
