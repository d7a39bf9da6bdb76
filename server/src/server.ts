// The Leverage language server: wires the LSP handlers in `lsp/` to the analysis core. Transport
// comes from the command line (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`); with none,
// stdio, so any editor can simply start `leverage-language-server`.

import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './lsp/analysis';
import { clientFeatures, serverCapabilities, type ClientFeatures } from './lsp/capabilities';
import { registerCodeActions } from './lsp/codeActions';
import type { ServerContext } from './lsp/context';
import { registerDiagnostics } from './lsp/diagnostics';
import { registerHover } from './lsp/hover';
import { SettingsStore } from './lsp/settings';
import { VERSION } from './version';

const TRANSPORT_FLAGS = /^--(stdio|node-ipc|socket=|pipe=)/;
const connection = process.argv.some((a) => TRANSPORT_FLAGS.test(a))
  ? createConnection(ProposedFeatures.all)
  : createConnection(ProposedFeatures.all, process.stdin, process.stdout);

const documents = new TextDocuments(TextDocument);
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
const analyses = new AnalysisCache(documents, settings, (message) => connection.console.error(message));
const ctx: ServerContext = { connection, documents, analyses, client: features };

connection.onInitialize((params): InitializeResult => {
  client = clientFeatures(params.capabilities);
  return {
    capabilities: serverCapabilities(client),
    serverInfo: { name: 'leverage-language-server', version: VERSION },
  };
});

connection.onInitialized(() => {
  if (client?.configurationChangeRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  }
  connection.console.info(`Leverage language server ready (${client?.pullDiagnostics ? 'pull' : 'push'} diagnostics)`);
});

const diagnostics = registerDiagnostics(ctx);
registerCodeActions(ctx);
registerHover(ctx);

connection.onDidChangeConfiguration((change) => {
  settings.reset(change?.settings);
  analyses.clear();
  diagnostics.refreshAll();
});

documents.onDidClose((e) => {
  settings.forget(e.document.uri);
  analyses.forget(e.document.uri);
  diagnostics.closed(e.document.uri);
});

documents.listen(connection);
connection.listen();
