// Where a document changed since its last analysis, as its didChange notifications say. A
// keystroke's analysis reuses everything outside the changed region (the core's chunks, the line
// index); finding that region by comparing the two texts read both 600 KB versions of a long draft
// on every keystroke, which cost more than analysing the edited chunk. The notifications already
// say where the edit is: this keeps, per document, how many characters at the start and at the
// end are untouched since the text last analysed (`base`).
//
// Only what is certain is kept: one ranged change per notification, in an unbroken run of versions
// from `base`. A full-text change, several changes in one notification (multiple cursors) or a gap
// drops the region, and the analysis compares the texts as before.

import type { Range, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Text } from '../core/pieces';
import { ordered, sourceOf } from './pieceDocument';

/** The text last analysed and how much of it, at each end, the current version still has. */
export interface EditRegion {
  base: Text;
  prefix: number;
  suffix: number;
}

interface Tracked extends EditRegion {
  /** The document version the region describes (the last change recorded). */
  version: number;
}

export class EditTracker {
  private readonly regions = new Map<string, Tracked>();

  /** Called before a didChange is applied to `doc`: `changes` take it to `version`. */
  record(doc: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const known = this.regions.get(doc.uri);
    const change = changes.length === 1 ? changes[0] : undefined;
    const range = change && 'range' in change ? (change.range as Range | undefined) : undefined;
    if (!known || known.version !== doc.version || !range) {
      this.regions.delete(doc.uri);
      return;
    }
    // The offsets the document itself will use (TextDocument.update orders a reversed range).
    const { start, end } = ordered(range);
    const from = doc.offsetAt(start);
    const to = doc.offsetAt(end);
    const length = sourceOf(doc).length;
    known.prefix = Math.min(known.prefix, from);
    known.suffix = Math.min(known.suffix, length - to);
    known.version = version;
  }

  /** After an analysis of `text` at `version`: later changes count from it. */
  analysed(uri: string, text: Text, version: number): void {
    this.regions.set(uri, { base: text, prefix: text.length, suffix: text.length, version });
  }

  /** What is known of the document at `version` against the text last analysed, if anything. */
  since(uri: string, version: number, length: number): EditRegion | undefined {
    const r = this.regions.get(uri);
    if (!r || r.version !== version) return undefined;
    // Nothing changed (prefix and suffix still whole): the caller sees the same text.
    const prefix = Math.min(r.prefix, r.base.length, length);
    const suffix = Math.min(r.suffix, r.base.length - prefix, length - prefix);
    return { base: r.base, prefix, suffix };
  }

  forget(uri: string): void {
    this.regions.delete(uri);
  }
}
