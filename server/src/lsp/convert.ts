// Core findings (UTF-16 offsets) to LSP diagnostics. Everything a quick fix needs travels in
// `Diagnostic.data`, so code actions never have to match messages or recompute ranges.

import type { Diagnostic, DiagnosticSeverity, Range, TextEdit } from 'vscode-languageserver/node';
import type { LineIndex } from '../core/lines';
import type { Finding, Fix, Severity } from '../core/types';
import type { InputNotice } from './limits';

/** The README that documents every rule under an anchor named after its id. */
export const DOCS_BASE_URL = 'https://github.com/leverage-dev/leverage';
export const SOURCE = 'leverage';
export const FIX_ALL_KIND = 'source.fixAll.leverage';

export function docsUrl(rule: string): string {
  return `${DOCS_BASE_URL}#${rule}`;
}

export interface FixData {
  title: string;
  preferred: boolean;
  edits: TextEdit[];
}

export interface DiagnosticData {
  rule: string;
  /** The document version the finding was computed on; a fix for another version is stale. */
  version: number;
  fixes: FixData[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, information: 3, hint: 4 };

export function toDiagnostic(finding: Finding, lines: LineIndex, version: number): Diagnostic {
  const data: DiagnosticData = {
    rule: finding.rule,
    version,
    fixes: finding.fixes.map((fix) => toFixData(fix, lines)),
  };
  return {
    range: lines.rangeOf(finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.rule,
    codeDescription: { href: docsUrl(finding.rule) },
    message: finding.message,
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

export function toFixData(fix: Fix, lines: LineIndex): FixData {
  return {
    title: fix.title,
    preferred: fix.preferred === true,
    edits: fix.edits.map((e) => ({ range: lines.rangeOf(e.start, e.end), newText: e.newText })),
  };
}

/** Diagnostics come back from the client as plain JSON: check the shape before trusting it. */
export function diagnosticData(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== SOURCE) return undefined;
  const data = d.data as Partial<DiagnosticData> | null | undefined;
  if (!data || typeof data !== 'object') return undefined;
  if (typeof data.rule !== 'string' || typeof data.version !== 'number' || !Array.isArray(data.fixes)) return undefined;
  return data.fixes.every(isFixData) ? (data as DiagnosticData) : undefined;
}

function isFixData(x: unknown): x is FixData {
  const f = x as Partial<FixData> | null;
  return !!f && typeof f.title === 'string' && Array.isArray(f.edits) && f.edits.every(isTextEdit);
}

function isTextEdit(x: unknown): x is TextEdit {
  const e = x as Partial<TextEdit> | null;
  return !!e && typeof e.newText === 'string' && isRange(e.range);
}

function isRange(x: unknown): x is Range {
  const r = x as Partial<Range> | null;
  const pos = (p: unknown) => !!p && typeof (p as { line?: unknown }).line === 'number' && typeof (p as { character?: unknown }).character === 'number';
  return !!r && pos(r.start) && pos(r.end);
}
