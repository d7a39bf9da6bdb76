// Negotiation notes in the editor: the outline (issues, ledger, moves), a code lens on each issue
// with the concessions given and received on it, and a hover on an issue id with its ledger and
// moves. The data comes from the core (notes/outline.ts); this file only converts.

import { DocumentSymbol, MarkupKind, SymbolKind, type CodeLens, type Hover } from 'vscode-languageserver/node';
import type { LineIndex } from '../core/lines';
import { issueAt, notesOutline, type OutlineSymbol } from '../core/notes/outline';
import { cancelled, type ServerContext } from './context';
import { guarded } from './errors';

const KINDS: Record<OutlineSymbol['kind'], SymbolKind> = {
  section: SymbolKind.Namespace,
  issue: SymbolKind.Field,
  concession: SymbolKind.Event,
  move: SymbolKind.Event,
};

function toSymbol(s: OutlineSymbol, lines: LineIndex): DocumentSymbol {
  const range = lines.rangeOf(s.range.start, s.range.end);
  const selection = lines.rangeOf(Math.max(s.selection.start, s.range.start), Math.min(s.selection.end, s.range.end));
  return DocumentSymbol.create(s.name, s.detail, KINDS[s.kind], range, selection, s.children?.map((c) => toSymbol(c, lines)));
}

export function registerNotesView(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol(
    guarded('textDocument/documentSymbol', ctx.logError, async (params, token) => {
      const analysis = await ctx.analyses.get(params.textDocument.uri);
      if (token.isCancellationRequested) throw cancelled();
      if (!analysis || analysis.kind !== 'notes') return [];
      return notesOutline(analysis.text).symbols.map((s) => toSymbol(s, analysis.lines));
    }),
  );
  ctx.connection.onCodeLens(
    guarded('textDocument/codeLens', ctx.logError, async (params, token) => {
      const analysis = await ctx.analyses.get(params.textDocument.uri);
      if (token.isCancellationRequested) throw cancelled();
      if (!analysis || analysis.kind !== 'notes') return [];
      return notesOutline(analysis.text).lenses.map(
        (l): CodeLens => ({
          range: analysis.lines.rangeOf(l.at.start, l.at.end),
          // A lens that only informs: no command to run.
          command: { title: `${l.given} given · ${l.received} received${l.given > l.received ? ' — ask for something back' : ''}`, command: '' },
        }),
      );
    }),
  );
}

/** Hover on an issue id in the notes: its ledger and its moves. */
export function notesHover(text: string, lines: LineIndex, offset: number, markdown: boolean): Hover | null {
  const issue = issueAt(notesOutline(text).model, offset);
  if (!issue) return null;
  const ledger = issue.ledger.length
    ? issue.ledger.map((c) => `- gave: ${c.give} → got: ${c.get ?? 'nothing yet'}`).join('\n')
    : '- no concessions recorded';
  const moves = issue.moves.length ? issue.moves.map((m) => `- ${m.by}: ${m.offer ?? '(no offer)'}`).join('\n') : '- no moves recorded';
  const value = markdown
    ? `**Issue \`${issue.id}\`**\n\nLedger:\n${ledger}\n\nMoves:\n${moves}`
    : `Issue ${issue.id}\nLedger:\n${ledger}\nMoves:\n${moves}`;
  return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value }, range: lines.rangeOf(issue.at.start, issue.at.end) };
}
