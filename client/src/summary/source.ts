// Asks the language server for summaries and notes scaffolds, and answers the questions the summary
// features share: which document is a draft or notes, which documents a summary depends on, and
// how many Leverage findings a document has when no notes are paired.

import * as vscode from 'vscode';
import type { SummaryFindingCount } from '../../../server/src/core/summary/types';
import {
  SCAFFOLD_NOTES_REQUEST,
  SUMMARY_REQUEST,
  summaryKind,
  type NegotiationSummary,
  type ScaffoldedNotes,
  type SummaryDocumentKind,
  type UriParams,
} from './protocol';

/** The part of the LanguageClient the summary features use. */
export interface SummaryClient {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
  isRunning(): boolean;
}

export const DIAGNOSTIC_SOURCE = 'leverage';

function severityName(severity: vscode.DiagnosticSeverity): SummaryFindingCount['severity'] {
  switch (severity) {
    case vscode.DiagnosticSeverity.Error:
      return 'error';
    case vscode.DiagnosticSeverity.Warning:
      return 'warning';
    case vscode.DiagnosticSeverity.Information:
      return 'information';
    default:
      return 'hint';
  }
}
const SEVERITY_ORDER: SummaryFindingCount['severity'][] = ['error', 'warning', 'information', 'hint'];

export function kindOf(doc: vscode.TextDocument | undefined): SummaryDocumentKind | undefined {
  return doc ? summaryKind(doc) : undefined;
}

/** A path or URI as the server gave it (summary.notes / summary.draft, scaffold uri) → a Uri. */
export function toUri(pathOrUri: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:/i.test(pathOrUri) && !/^[a-z]:[\\/]/i.test(pathOrUri) ? vscode.Uri.parse(pathOrUri) : vscode.Uri.file(pathOrUri);
}

/** The documents a summary is built from: the one asked about, its notes and its draft. */
export function relatedUris(uri: vscode.Uri, summary: NegotiationSummary | null | undefined): Set<string> {
  const related = new Set([uri.toString()]);
  if (summary?.notes) related.add(toUri(summary.notes).toString());
  if (summary?.draft) related.add(toUri(summary.draft).toString());
  return related;
}

/** Our diagnostics on a document, counted by rule, most severe first (the summary's own order). */
export function findingsOf(uri: vscode.Uri): SummaryFindingCount[] {
  const counts = new Map<string, SummaryFindingCount>();
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    const rule = String(typeof d.code === 'object' ? d.code.value : d.code ?? 'unknown') as SummaryFindingCount['rule'];
    const severity = severityName(d.severity);
    const key = `${rule}\u0000${severity}`;
    const entry = counts.get(key) ?? { rule, severity, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || b.count - a.count || a.rule.localeCompare(b.rule),
  );
}

export function countFindings(findings: SummaryFindingCount[]): number {
  return findings.reduce((n, f) => n + f.count, 0);
}

export class SummarySource {
  constructor(
    private readonly client: SummaryClient,
    private readonly ready: Promise<void>,
  ) {}

  private async running(): Promise<void> {
    await this.ready.catch(() => undefined);
    if (!this.client.isRunning()) throw new Error('The Leverage server is not running. Run "Leverage: Restart Server" and try again.');
  }

  /** The summary of a draft or notes; null when no notes are paired with the draft. */
  async summary(uri: vscode.Uri): Promise<NegotiationSummary | null> {
    await this.running();
    const params: UriParams = { uri: uri.toString() };
    return (await this.client.sendRequest<NegotiationSummary | null>(SUMMARY_REQUEST, params)) ?? null;
  }

  /** The notes the server proposes for a draft: where and what (the caller creates the file). */
  async scaffoldNotes(draft: vscode.Uri): Promise<ScaffoldedNotes> {
    await this.running();
    const params: UriParams = { uri: draft.toString() };
    const result = await this.client.sendRequest<ScaffoldedNotes | null>(SCAFFOLD_NOTES_REQUEST, params);
    if (!result || typeof result.uri !== 'string' || typeof result.text !== 'string') {
      throw new Error('The Leverage server proposed no notes for this document.');
    }
    return result;
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
