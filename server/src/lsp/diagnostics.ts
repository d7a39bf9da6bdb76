// Diagnostics, pulled (`textDocument/diagnostic`) when the client can, else pushed after a short
// debounce; never both. A result is only ever sent for the version it was computed on.

import { isPlaybook } from './playbook';
import { DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError, type Diagnostic } from 'vscode-languageserver/node';
import { cancelled, type ServerContext } from './context';
import { describeError, guarded, guardedListener } from './errors';

/** Debounce for pushed diagnostics: one analysis per pause in typing, not per keystroke. */
export const PUSH_DELAY_MS = 100;

/** `leverage/analyze`: the diagnostics of an open document, whatever the client's mode. */
export const ANALYZE_REQUEST = 'leverage/analyze';

export interface Diagnostics {
  /** After a configuration change: make every open document's diagnostics current again. */
  refreshAll(): void;
  /** A document was closed: stop pending work and clear what we pushed for it. */
  closed(uri: string): void;
}

export function registerDiagnostics(ctx: ServerContext): Diagnostics {
  const { connection, documents, analyses, logError } = ctx;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents we pushed diagnostics for, which must be cleared when they close. */
  const pushed = new Set<string>();
  /** The last full report pulled for each document: when the client holds it and a new version
   *  has the same diagnostics (a keystroke far from any finding), the answer is `unchanged`. */
  const reports = new Map<string, { resultId: string; items: Diagnostic[] }>();
  let nextResultId = 1;

  connection.languages.diagnostics.on(
    guarded('textDocument/diagnostic', logError, async (params, token) => {
      if (token.isCancellationRequested) throw cancelled();
      const uri = params.textDocument.uri;
      const requested = documents.get(uri)?.version;
      const analysis = await analyses.get(uri);
      if (token.isCancellationRequested) throw cancelled();
      if (!analysis) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      if (analysis.version !== requested) {
        // The document changed while we waited for its settings: have the client ask again.
        throw new ResponseError(LSPErrorCodes.ServerCancelled, 'Document changed', { retriggerRequest: true });
      }
      const last = reports.get(uri);
      if (last && params.previousResultId === last.resultId && sameDiagnostics(last.items, analysis.diagnostics)) {
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
      }
      const resultId = String(nextResultId++);
      reports.set(uri, { resultId, items: analysis.diagnostics });
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: analysis.diagnostics };
    }),
  );

  connection.onRequest(
    ANALYZE_REQUEST,
    guarded(ANALYZE_REQUEST, logError, async (params: { uri?: unknown } | undefined, token): Promise<Diagnostic[]> => {
      if (typeof params?.uri !== 'string') throw new ResponseError(-32602 /* InvalidParams */, 'Expected { uri: string }');
      const analysis = await analyses.get(params.uri);
      if (token.isCancellationRequested) throw cancelled();
      return analysis?.diagnostics ?? [];
    }),
  );

  documents.onDidChangeContent(
    guardedListener('scheduling diagnostics', logError, (e) => {
      if (!ctx.client().pullDiagnostics) schedule(e.document.uri, PUSH_DELAY_MS);
    }),
  );

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        push(uri).catch((err: unknown) => logError(`Leverage: publishing diagnostics for ${uri} failed: ${describeError(err)}`));
      }, delay),
    );
  }

  async function push(uri: string): Promise<void> {
    const version = documents.get(uri)?.version;
    if (version === undefined) return;
    const analysis = await analyses.get(uri);
    // A newer change has scheduled its own push; an outdated result must never reach the editor.
    if (!analysis || analysis.version !== version || documents.get(uri)?.version !== version) return;
    if (!analysis.kind && !isPlaybook(uri)) return;
    pushed.add(uri);
    await connection.sendDiagnostics({ uri, version, diagnostics: analysis.diagnostics });
  }

  return {
    refreshAll(): void {
      const client = ctx.client();
      if (!client.pullDiagnostics) {
        for (const doc of documents.all()) schedule(doc.uri, 0);
      } else if (client.diagnosticRefresh) {
        connection.languages.diagnostics
          .refresh()
          .catch((err: unknown) => connection.console.warn(`Leverage: diagnostic refresh failed: ${describeError(err)}`));
      }
      // A pulling client without refresh support re-pulls on its own next change.
    },
    closed(uri: string): void {
      reports.delete(uri);
      clearTimeout(timers.get(uri));
      timers.delete(uri);
      if (pushed.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    },
  };
}

/** Whether two diagnostic lists show the same thing. `data.version` (when a finding was computed)
 *  is left out: a diagnostic that is still true in a newer version needs no resending. */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (
      x.message !== y.message ||
      x.code !== y.code ||
      x.severity !== y.severity ||
      x.source !== y.source ||
      x.range.start.line !== y.range.start.line ||
      x.range.start.character !== y.range.start.character ||
      x.range.end.line !== y.range.end.line ||
      x.range.end.character !== y.range.end.character ||
      (x.data as { rule?: unknown } | undefined)?.rule !== (y.data as { rule?: unknown } | undefined)?.rule ||
      (x.data as { change?: unknown } | undefined)?.change !== (y.data as { change?: unknown } | undefined)?.change ||
      x.codeDescription?.href !== y.codeDescription?.href ||
      ((x.relatedInformation || y.relatedInformation) && JSON.stringify(x.relatedInformation) !== JSON.stringify(y.relatedInformation)) ||
      ((x.tags || y.tags) && JSON.stringify(x.tags) !== JSON.stringify(y.tags))
    ) {
      return false;
    }
  }
  return true;
}
