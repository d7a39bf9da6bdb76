// Document synchronisation that a misbehaving client cannot corrupt. `TextDocuments` applies every
// `didChange` it receives: a duplicate or out-of-order notification would apply its edits a second
// time or to the wrong text, and set the version backwards, after which an analysis cached for
// that version number would be served for other text. So the notifications pass through this
// filter first: versions only ever go up, and a change that is not well formed is dropped whole.
// Each drop is logged (the URI and the versions, never the text). Handler failures are logged the
// same way as every other internal error.

import type { Connection, DidChangeTextDocumentParams, TextDocumentContentChangeEvent, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditTracker } from './edits';
import { guardedListener, type Log } from './errors';

type SyncConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

/** At most this many dropped changes are logged per document, then one line says the rest are not. */
const LOGGED_DROPS_PER_DOCUMENT = 10;

/** Makes `documents` listen to `connection` through the filter; `edits` learns where each accepted
 *  change is. */
export function listenSafely(documents: TextDocuments<TextDocument>, connection: Connection, log: Log, edits?: EditTracker): void {
  const drops = new Map<string, number>();
  const drop = (uri: string, why: string) => {
    const n = (drops.get(uri) ?? 0) + 1;
    drops.set(uri, n);
    if (n <= LOGGED_DROPS_PER_DOCUMENT) log(`Leverage: ignored a change to ${uri}: ${why}`);
    if (n === LOGGED_DROPS_PER_DOCUMENT) log(`Leverage: further ignored changes to ${uri} are not logged`);
  };

  const filtered: SyncConnection = {
    onDidOpenTextDocument: (handler) =>
      connection.onDidOpenTextDocument(
        guardedListener('didOpen', log, (params) => {
          const td = params?.textDocument;
          if (!td || typeof td.uri !== 'string' || typeof td.text !== 'string' || !Number.isInteger(td.version)) {
            log(`Leverage: ignored a malformed didOpen${typeof td?.uri === 'string' ? ` for ${td.uri}` : ''}`);
            return;
          }
          drops.delete(td.uri);
          // A document opened again (with or without a close) is new text: nothing is known of
          // where it differs from what was analysed before.
          edits?.forget(td.uri);
          handler(params);
        }),
      ),
    onDidChangeTextDocument: (handler) =>
      connection.onDidChangeTextDocument(
        guardedListener('didChange', log, (params: DidChangeTextDocumentParams) => {
          const uri = params?.textDocument?.uri;
          if (typeof uri !== 'string') return log('Leverage: ignored a didChange without a document URI');
          const current = documents.get(uri);
          if (!current) return; // Not open (or not ours to track): TextDocuments ignores it too.
          const version = params.textDocument.version;
          if (!Number.isInteger(version)) return drop(uri, 'it has no version number');
          if (version <= current.version) {
            return drop(uri, `its version ${version} is not newer than the document's ${current.version} (duplicate or out of order)`);
          }
          if (!Array.isArray(params.contentChanges) || !params.contentChanges.every(wellFormed)) {
            return drop(uri, `version ${version} has malformed content changes`);
          }
          edits?.record(current, params.contentChanges, version);
          handler(params);
        }),
      ),
    onDidCloseTextDocument: (handler) =>
      connection.onDidCloseTextDocument(
        guardedListener('didClose', log, (params) => {
          if (typeof params?.textDocument?.uri !== 'string') return;
          drops.delete(params.textDocument.uri);
          handler(params);
        }),
      ),
    onWillSaveTextDocument: (handler) => connection.onWillSaveTextDocument(guardedListener('willSave', log, handler)),
    onWillSaveTextDocumentWaitUntil: (handler) => connection.onWillSaveTextDocumentWaitUntil(handler),
    onDidSaveTextDocument: (handler) => connection.onDidSaveTextDocument(guardedListener('didSave', log, handler)),
  };
  documents.listen(filtered);
}

function wellFormed(change: unknown): change is TextDocumentContentChangeEvent {
  if (!change || typeof change !== 'object') return false;
  const c = change as { text?: unknown; range?: unknown; rangeLength?: unknown };
  if (typeof c.text !== 'string') return false;
  if (c.range === undefined) return true;
  const r = c.range as { start?: unknown; end?: unknown } | null;
  return !!r && isPosition(r.start) && isPosition(r.end) && (c.rangeLength === undefined || typeof c.rangeLength === 'number');
}

function isPosition(p: unknown): boolean {
  const q = p as { line?: unknown; character?: unknown } | null | undefined;
  return !!q && Number.isInteger(q.line) && Number.isInteger(q.character) && (q.line as number) >= 0 && (q.character as number) >= 0;
}
