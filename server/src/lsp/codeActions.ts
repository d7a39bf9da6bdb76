// Quick fixes for a diagnostic come from the current analysis: the finding with the diagnostic's
// rule at its range, read in the current text. A diagnostic whose finding has moved since finds
// nothing and gets no fix; one whose range still holds that finding gets fixes computed on the
// current text (so they can never be stale).
// `source.fixAll.leverage` applies every finding's preferred fix in one edit. Edits are versioned
// when the client supports it, so an editor refuses a fix for text that has changed since.

import {
  CodeActionKind,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Finding, TextEdit } from '../core/types';
import type { DocumentAnalysis } from './analysis';
import { diagnosticData, FIX_ALL_KIND } from './convert';
import { cancelled, type ServerContext } from './context';
import { guarded } from './errors';

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(
    guarded('textDocument/codeAction', ctx.logError, async (params: CodeActionParams, token) => {
      if (token.isCancellationRequested) throw cancelled();
      const analysis = await ctx.analyses.get(params.textDocument.uri);
      if (token.isCancellationRequested) throw cancelled();
      if (!analysis) return [];
      return codeActions(params, analysis, ctx.client().documentChanges);
    }),
  );
}

export function codeActions(params: CodeActionParams, analysis: DocumentAnalysis, versioned: boolean): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, only)) {
    for (const diagnostic of params.context.diagnostics) actions.push(...quickFixes(diagnostic, analysis, versioned));
  }
  // Without `only` (the light bulb), offer fix-all only next to one of our problems, not on every line.
  const nearOurs = params.context.diagnostics.some((d) => diagnosticData(d) !== undefined);
  if (only ? wanted(FIX_ALL_KIND, only) : nearOurs) {
    const fixAll = fixAllAction(analysis, versioned);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** A requested kind covers its sub-kinds: `source` and `source.fixAll` both ask for ours. */
function wanted(kind: string, only: string[] | undefined): boolean {
  return !only || only.some((k) => k === '' || kind === k || kind.startsWith(`${k}.`));
}

function quickFixes(diagnostic: Diagnostic, analysis: DocumentAnalysis, versioned: boolean): CodeAction[] {
  const data = diagnosticData(diagnostic);
  if (!data) return [];
  const finding = findingAt(analysis, data.rule, diagnostic);
  if (!finding) return [];
  return finding.fixes.map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred === true,
    edit: workspaceEdit(
      analysis,
      fix.edits.map((e) => ({ range: analysis.lines.rangeOf(e.start, e.end), newText: e.newText })),
      versioned,
    ),
  }));
}

/** The current finding a diagnostic shows: same rule, same range in the current text (the range
 *  must round-trip, so a range past a line's end never matches by clamping). */
export function findingAt(analysis: Pick<DocumentAnalysis, 'findings' | 'lines'>, rule: string, diagnostic: Diagnostic): Finding | undefined {
  const { lines } = analysis;
  const start = lines.offsetAt(diagnostic.range.start);
  const end = lines.offsetAt(diagnostic.range.end);
  const same = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line === b.line && a.character === b.character;
  const range = lines.rangeOf(start, end);
  if (!same(range.start, diagnostic.range.start) || !same(range.end, diagnostic.range.end)) return undefined;
  return analysis.findings.find((f) => f.rule === rule && f.start === start && f.end === end);
}

function fixAllAction(analysis: DocumentAnalysis, versioned: boolean): CodeAction | undefined {
  const edits = preferredEdits(analysis);
  if (edits.length === 0) return undefined;
  return {
    title: 'Leverage: fix all auto-fixable problems',
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(
      analysis,
      edits.map((e) => ({ range: analysis.lines.rangeOf(e.start, e.end), newText: e.newText })),
      versioned,
    ),
  };
}

/** Every finding's preferred fix, in document order, leaving out a fix that touches text an earlier one already changes. */
export function preferredEdits(analysis: Pick<DocumentAnalysis, 'findings'>): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const finding of analysis.findings) {
    const fix = finding.fixes.find((f) => f.preferred);
    if (!fix || fix.edits.length === 0) continue;
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...fix.edits);
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Two insertions at one point also conflict: their order in the result would be arbitrary. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}

function workspaceEdit(analysis: DocumentAnalysis, edits: LspTextEdit[], versioned: boolean): WorkspaceEdit {
  return versioned
    ? { documentChanges: [TextDocumentEdit.create({ uri: analysis.uri, version: analysis.version }, edits)] }
    : { changes: { [analysis.uri]: edits } };
}
