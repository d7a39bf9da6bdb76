// Core findings (UTF-16 offsets) to LSP diagnostics. `Diagnostic.data` stays small (the rule and
// the version it was computed on): quick fixes are looked up in the current analysis by rule and
// range (codeActions.ts), so a keystroke's answer does not carry every fix's edits — on a long
// draft that was four fifths of the bytes both sides serialise and parse per version.

import type { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver/node';
import type { LineIndex } from '../core/lines';
import type { Finding, Severity } from '../core/types';
import type { InputNotice } from './limits';

/** The README that documents every rule under an anchor named after its id. */
export const DOCS_BASE_URL = 'https://github.com/leverage-dev/leverage';
export const SOURCE = 'leverage';
export const FIX_ALL_KIND = 'source.fixAll.leverage';

export function docsUrl(rule: string): string {
  return `${DOCS_BASE_URL}#${rule}`;
}

export interface DiagnosticData {
  rule: string;
  /** The document version the finding was computed on (a later version may still hold it: see
   *  `textDocument/diagnostic`'s unchanged reports). */
  version: number;
  /** In a redlined draft (CriticMarkup): whether the finding is in our change or the existing text. */
  change?: 'ours' | 'existing';
}

/** How a redlined draft's findings say where they are, after the message. */
export const CHANGE_LABELS = { ours: '[in our change]', existing: '[in the existing text]' } as const;

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, information: 3, hint: 4 };

export function toDiagnostic(finding: Finding, lines: LineIndex, version: number): Diagnostic {
  const data: DiagnosticData = { rule: finding.rule, version, ...(finding.change ? { change: finding.change } : {}) };
  return {
    range: lines.rangeOf(finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.rule,
    codeDescription: { href: docsUrl(finding.rule) },
    message: finding.change ? `${finding.message} ${CHANGE_LABELS[finding.change]}` : finding.message,
    data,
  };
}

/** A notice about the whole document (too large, binary, not analysed): information on its first
 *  line, with no data, so that no quick fix or fix-all ever acts on it. */
export function noticeDiagnostic(notice: InputNotice, lines: LineIndex): Diagnostic {
  // The first line's content, at most its first 200 characters (`offsetAt` stops at the line's end).
  return {
    range: lines.rangeOf(0, lines.offsetAt({ line: 0, character: 200 })),
    severity: 3,
    source: SOURCE,
    code: notice.code,
    message: notice.message,
  };
}

/** Diagnostics come back from the client as plain JSON: check the shape before trusting it. */
export function diagnosticData(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== SOURCE) return undefined;
  const data = d.data as Partial<DiagnosticData> | null | undefined;
  if (!data || typeof data !== 'object') return undefined;
  if (typeof data.rule !== 'string' || typeof data.version !== 'number' || !isRange(d.range)) return undefined;
  return data as DiagnosticData;
}

export function isRange(x: unknown): x is Range {
  const r = x as Partial<Range> | null;
  const pos = (p: unknown) => !!p && typeof (p as { line?: unknown }).line === 'number' && typeof (p as { character?: unknown }).character === 'number';
  return !!r && pos(r.start) && pos(r.end);
}
