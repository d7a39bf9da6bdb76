// What the client can do, read once at initialize, and what we therefore advertise.

import {
  CodeActionKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { FIX_ALL_KIND } from './convert';

export interface ClientFeatures {
  /** `textDocument/diagnostic`: the client pulls; otherwise we push. */
  pullDiagnostics: boolean;
  /** `workspace/diagnostic/refresh`: we can ask a pulling client to pull again. */
  diagnosticRefresh: boolean;
  /** `workspace/configuration`: settings can be asked for per document. */
  configuration: boolean;
  /** `workspace/didChangeConfiguration` may be registered dynamically (VS Code needs it to send us the notification). */
  configurationChangeRegistration: boolean;
  /** Versioned edits (`documentChanges`), which a client refuses to apply to a changed document. */
  documentChanges: boolean;
  hoverMarkdown: boolean;
}

export function clientFeatures(caps: ClientCapabilities): ClientFeatures {
  const hoverFormats = caps.textDocument?.hover?.contentFormat;
  return {
    pullDiagnostics: !!caps.textDocument?.diagnostic,
    diagnosticRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
    configuration: !!caps.workspace?.configuration,
    configurationChangeRegistration: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
    documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
    hoverMarkdown: !hoverFormats || hoverFormats.includes('markdown'),
  };
}

export function serverCapabilities(client: ClientFeatures): ServerCapabilities {
  return {
    // Saves only re-read the base of changed-only mode (lsp/baseline.ts); the text is not needed.
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
    hoverProvider: true,
    definitionProvider: true,
    documentSymbolProvider: true,
    codeLensProvider: { resolveProvider: false },
    ...(client.pullDiagnostics
      ? {
          diagnosticProvider: {
            identifier: 'leverage',
            // A draft's findings depend on its negotiation notes.
            interFileDependencies: true,
            workspaceDiagnostics: false,
          },
        }
      : {}),
  };
}
