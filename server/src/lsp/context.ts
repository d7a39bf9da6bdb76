// What every handler module receives: the connection and the shared state, nothing global.

import { LSPErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from './analysis';
import type { ClientFeatures } from './capabilities';
import type { Log } from './errors';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  analyses: AnalysisCache;
  /** Known after `initialize`; handlers only run after it. */
  client(): ClientFeatures;
  /** For internal errors: a message built with `describeError`, never with document text. */
  logError: Log;
}

/** The answer to a request the client cancelled (it ignores the result anyway). */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
