// The VS Code side of Leverage: starts the bundled language server and wires two commands. All
// analysis happens in the server, so this file only decides which documents the server sees.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { DocumentSelector, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

/** What `activate()` returns, so that extension tests can reach the running client. */
export interface LeverageApi {
  readonly client: LanguageClient;
  /** Settles once the first start of the server has finished (rejects if it failed). */
  readonly ready: Promise<void>;
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
  return selector;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): LeverageApi {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };

  // One log channel for both the server's own log and the protocol trace. vscode-languageclient
  // traces only while this channel's log level is Trace; `leverage.trace.server` sets how much.
  const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(outputChannel);

  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel,
    traceOutputChannel: outputChannel,
    // The server pulls settings per document; this only tells it when `leverage.*` changed so it
    // can drop its cache and refresh diagnostics.
    synchronize: { configurationSection: CLIENT_ID },
  };

  const languageClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = languageClient;

  context.subscriptions.push(
    vscode.commands.registerCommand('leverage.restartServer', async () => {
      outputChannel.info('Restarting the Leverage server…');
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

  return { client: languageClient, ready };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
