// The server's open documents, kept in pieces (core/pieces.ts) so that a keystroke does not make a
// new flat copy of a long draft. Behaves as vscode-languageserver-textdocument's `TextDocument`
// (1.0.x): the same positions, offsets and line count after the same changes, which a test checks
// against that library over random edits; a change at a line past the end is applied at the end
// (the library broke its line starts there). `getText()` makes the flat text when asked, once per
// version; the analysis reads `source` instead.

import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceText, type Text } from '../core/pieces';
import { lineStartsOf } from '../core/lines';
import { lastAtOrBefore } from '../core/text';

export class PieceDocument implements TextDocument {
  private content: PieceText;
  /** Where each line starts; made from the text when unknown, then kept up to date by each change. */
  private lineStarts: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    text: string,
  ) {
    this.content = PieceText.of(text);
  }

  get version(): number {
    return this.currentVersion;
  }

  /** The current text, in pieces: a new object for every change. */
  get source(): PieceText {
    return this.content;
  }

  get lineCount(): number {
    return this.lines().length;
  }

  getText(range?: Range): string {
    if (!range) return this.content.toString();
    // A reversed range gives the text between, as `substring` does.
    const [a, b] = [this.offsetAt(range.start), this.offsetAt(range.end)];
    return this.content.slice(Math.min(a, b), Math.max(a, b));
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.content.length), 0);
    const starts = this.lines();
    const line = lastAtOrBefore(starts, at);
    return { line, character: this.beforeLineBreak(at, starts[line]!) - starts[line]! };
  }

  offsetAt(position: Position): number {
    const starts = this.lines();
    if (position.line >= starts.length) return this.content.length;
    if (position.line < 0) return 0;
    const start = starts[position.line]!;
    if (position.character <= 0) return start;
    const next = position.line + 1 < starts.length ? starts[position.line + 1]! : this.content.length;
    return this.beforeLineBreak(Math.min(start + position.character, next), start);
  }

  /** The line's range without its line break; the last line for a line past the end, an empty
   *  range at the start for a negative one. */
  getLineRange(line: number): Range {
    const starts = this.lines();
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const n = Math.min(line, starts.length - 1);
    const start = starts[n]!;
    const next = n + 1 < starts.length ? starts[n + 1]! : this.content.length;
    const end = line >= starts.length ? next : this.beforeLineBreak(next, start);
    return { start: { line: n, character: 0 }, end: { line: n, character: end - start } };
  }

  /** The line break ending the line ('' for the last line and lines out of range). */
  getEOLCharacters(line: number): string {
    const starts = this.lines();
    if (line < 0 || line >= starts.length) return '';
    const next = line + 1 < starts.length ? starts[line + 1]! : this.content.length;
    return this.content.slice(this.beforeLineBreak(next, starts[line]!), next);
  }

  /** Applies changes as they arrive in one didChange, in order. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change) || change.range === undefined) {
        if (typeof change.text !== 'string') throw new Error('Unknown change event received');
        this.content = PieceText.of(change.text);
        this.lineStarts = undefined;
        continue;
      }
      const { start, end } = ordered(change.range);
      const from = this.offsetAt(start);
      const to = this.offsetAt(end);
      this.content = this.content.edit(from, to, change.text);
      const insertedEnd = from + change.text.length;
      const text = this.content;
      // A CR and an LF brought together by the change make one line break that neither side had:
      // the line starts are found again.
      if ((text.charCodeAt(from - 1) === 13 && text.charCodeAt(from) === 10) || (text.charCodeAt(insertedEnd - 1) === 13 && text.charCodeAt(insertedEnd) === 10)) {
        this.lineStarts = undefined;
        continue;
      }
      const starts = this.lines();
      // A line past the end is the last line (offsetAt put the change there): the library took
      // it as given, which left a hole in its line starts and NaN offsets from then on.
      const startLine = Math.min(Math.max(start.line, 0), starts.length - 1);
      const endLine = Math.min(Math.max(end.line, 0), starts.length - 1);
      const added = lineStartsOf(change.text, from);
      if (endLine - startLine === added.length) {
        for (let i = 0; i < added.length; i++) starts[startLine + 1 + i] = added[i]!;
      } else if (added.length < 10_000) {
        starts.splice(startLine + 1, endLine - startLine, ...added);
      } else {
        // Spread arguments have a limit.
        this.lineStarts = starts.slice(0, startLine + 1).concat(added, starts.slice(endLine + 1));
      }
      const delta = change.text.length - (to - from);
      if (delta !== 0) {
        const shifted = this.lineStarts!;
        for (let i = startLine + 1 + added.length; i < shifted.length; i++) shifted[i]! += delta;
      }
    }
    this.currentVersion = version;
  }

  private lines(): number[] {
    return (this.lineStarts ??= lineStartsOf(this.content.toString(), 0, [0]));
  }

  /** Moves an offset back over line-break characters, not before the line's start. */
  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreak(this.content.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

function isLineBreak(c: number): boolean {
  return c === 13 || c === 10;
}

/** The range with its start first (a client may send it reversed), as the library orders it. */
export function ordered(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** The `TextDocuments` configuration for these documents. */
export const pieceDocuments = {
  create: (uri: string, languageId: string, version: number, content: string): PieceDocument => new PieceDocument(uri, languageId, version, content),
  update: (document: PieceDocument, changes: TextDocumentContentChangeEvent[], version: number): PieceDocument => {
    document.update(changes, version);
    return document;
  },
};

/** A document's text as the analysis reads it: in pieces for the server's own documents (a
 *  document from elsewhere, say a test's, gives its string). */
export function sourceOf(doc: TextDocument): Text {
  return doc instanceof PieceDocument ? doc.source : doc.getText();
}
