// A long document's text as a list of short pieces, for an editor that changes it a character at
// a time. A JavaScript string cannot be changed: a keystroke in a flat 600 KB draft makes a new
// 600 KB string (1.2 MB once the draft holds one curly quote), and on a 2-core machine that new
// text, promoted by each young-generation collection, was most of what the garbage collector did
// between keystrokes. An edit of a `PieceText` makes one new piece of a few KB and a new list of
// about 150 references; the flat text is made only when something asks for all of it, once per
// version (`toString`).
//
// Immutable: an analysis keeps the text it read, and later edits make new `PieceText`s. The methods
// a reader uses (`length`, `slice`, `charCodeAt`, `toString`) behave as those of the string it
// holds, so code that reads a region can take `string | PieceText`.

import { lastAtOrBefore, ownCopy } from './text';

/** The length of a piece: a longer one (over twice this) is cut into pieces of this length, and
 *  one under a quarter of it is joined to its neighbour. */
const PIECE = 4096;

export class PieceText {
  /** The flat text, once asked for. */
  private flat: string | undefined;

  private constructor(
    private readonly pieces: readonly string[],
    /** Where each piece starts in the text; ascending, `starts[0] === 0`. */
    private readonly starts: readonly number[],
    readonly length: number,
  ) {}

  static of(text: string): PieceText {
    const pieces: string[] = [];
    const starts: number[] = [];
    for (let at = 0; at < text.length || pieces.length === 0; at += PIECE) {
      starts.push(at);
      // A copy: a slice would keep the whole opened text alive as long as one piece is unedited.
      pieces.push(ownCopy(text.slice(at, at + PIECE)));
    }
    const made = new PieceText(pieces, starts, text.length);
    made.flat = text;
    return made;
  }

  /** The text with `[start, end)` (clamped, ordered) replaced by `insert`. */
  edit(start: number, end: number, insert: string): PieceText {
    start = clamp(start, this.length);
    end = clamp(end, this.length);
    if (end < start) [start, end] = [end, start];
    // Piece i holds the start (a start at a piece boundary belongs to the piece before it, so that
    // typing at the end of a piece grows that piece), piece j the end.
    const i = Math.max(0, this.pieceAt(start - 1));
    const j = Math.max(i, this.pieceAt(end === start ? end - 1 : end));
    const from = this.starts[i]!;
    let middle = this.pieces[i]!.slice(0, start - from) + insert + this.pieces[j]!.slice(end - this.starts[j]!);
    let first = i;
    let last = j;
    // Too short: taken together with the next piece (or the one before, at the end).
    if (middle.length < PIECE / 4 && this.pieces.length > last - first + 1) {
      if (last + 1 < this.pieces.length) middle += this.pieces[++last]!;
      else middle = this.pieces[--first]! + middle;
    }
    const replaced: string[] = [];
    if (middle.length > 2 * PIECE) {
      for (let at = 0; at < middle.length; at += PIECE) replaced.push(middle.slice(at, at + PIECE));
    } else {
      replaced.push(middle);
    }
    const delta = insert.length - (end - start);
    const pieces = this.pieces.slice(0, first).concat(replaced, this.pieces.slice(last + 1));
    const starts = this.starts.slice(0, first);
    let at = this.starts[first]!;
    for (const p of replaced) {
      starts.push(at);
      at += p.length;
    }
    for (let k = last + 1; k < this.starts.length; k++) starts.push(this.starts[k]! + delta);
    return new PieceText(pieces, starts, this.length + delta);
  }

  /** As `String.prototype.slice` with non-negative arguments. */
  slice(start = 0, end = this.length): string {
    start = clamp(start, this.length);
    end = clamp(end, this.length);
    if (end <= start) return '';
    if (this.flat !== undefined) return this.flat.slice(start, end);
    const i = this.pieceAt(start);
    const j = this.pieceAt(end - 1);
    if (i === j) return this.pieces[i]!.slice(start - this.starts[i]!, end - this.starts[i]!);
    const parts = [this.pieces[i]!.slice(start - this.starts[i]!)];
    for (let k = i + 1; k < j; k++) parts.push(this.pieces[k]!);
    parts.push(this.pieces[j]!.slice(0, end - this.starts[j]!));
    return parts.join('');
  }

  charCodeAt(index: number): number {
    if (!(index >= 0 && index < this.length)) return NaN;
    if (this.flat !== undefined) return this.flat.charCodeAt(index);
    const i = this.pieceAt(index);
    return this.pieces[i]!.charCodeAt(index - this.starts[i]!);
  }

  /** The whole text as one string, made once. */
  toString(): string {
    return (this.flat ??= this.pieces.join(''));
  }

  /** The index of the piece holding `offset` (the last piece for the text's end); -1 before 0. */
  private pieceAt(offset: number): number {
    return offset < 0 ? -1 : lastAtOrBefore(this.starts, offset);
  }
}

/** Within the text; anything that is not a number of at least 0 (NaN included) is 0. */
function clamp(offset: number, length: number): number {
  return offset >= 0 ? Math.min(offset, length) : 0;
}

/** A text as a string or in pieces: what readers of a region of it accept. */
export type Text = string | PieceText;
