// Offset <-> (line, character) conversion. Lines end at \n, \r\n or a lone \r, as in LSP;
// characters are UTF-16 code units, so no conversion of the string itself is needed.

import type { Text } from './pieces';
import { lastAtOrBefore } from './text';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Appends to `into` the offset (plus `base`) just after each line break in `text`: \n, \r\n (one
 *  break) or a lone \r. */
export function lineStartsOf(text: string, base: number, into: number[] = []): number[] {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      into.push(base + i + 1);
    } else if (c === 10 /* \n */) {
      into.push(base + i + 1);
    }
  }
  return into;
}

export class LineIndex {
  private readonly starts: ArrayLike<number>;

  constructor(
    /** Read for its length, and at line ends to place a position; may be in pieces (pieces.ts). */
    private readonly source: Text,
    /** Line starts already known (afterEdit); computed from the text when absent. */
    known?: ArrayLike<number>,
  ) {
    if (known) {
      this.starts = known;
      return;
    }
    const text = source.toString();
    if (!text.includes('\r')) {
      // The common case, built on the native search: about 10x faster than the loop below on a
      // 600 KB document, which the server rebuilds on every version. Counted first, then filled
      // into a typed array: a growing array of 19k numbers left ~4x its size of garbage per version.
      let count = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
      const starts = new Uint32Array(count);
      let k = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
      this.starts = starts;
      return;
    }
    this.starts = lineStartsOf(text, 0, [0]);
  }

  /**
   * The index of `text`, made from the index of the text before an edit: the two texts share
   * `prefix` characters at the start and `suffix` at the end (at least). Line starts before the
   * edit are kept, those after it shifted, and only the changed region (one character more on
   * each side, where a CR may meet an LF) is searched: on a 600 KB draft a keystroke's index costs
   * a copy of the starts instead of a search of the whole text.
   */
  static afterEdit(previous: LineIndex, text: Text, prefix: number, suffix: number): LineIndex {
    const old = previous.starts;
    const oldLength = previous.source.length;
    const delta = text.length - oldLength;
    // A line start s follows a break at s - 1, and whether a CR is a break of its own depends on
    // the character after it: starts up to `prefix - 1` read only the shared start, starts whose
    // break is at or after `oldLength - suffix + 1` only the shared end.
    const scanFrom = Math.max(0, prefix - 1);
    const scanTo = Math.min(text.length, text.length - suffix + 1);
    let keep = 0;
    while (keep < old.length && old[keep]! <= scanFrom) keep++;
    let tail = old.length;
    while (tail > keep && old[tail - 1]! - 1 >= oldLength - suffix + 1) tail--;
    const middle: number[] = [];
    // The region and the character after it, read once (a text in pieces is not read whole).
    const region = text.slice(scanFrom, Math.min(text.length, scanTo + 1));
    for (let i = 0; i < scanTo - scanFrom; i++) {
      const c = region.charCodeAt(i);
      if (c === 10 || (c === 13 && region.charCodeAt(i + 1) !== 10)) middle.push(scanFrom + i + 1);
    }
    const starts = new Uint32Array(keep + middle.length + (old.length - tail));
    for (let i = 0; i < keep; i++) starts[i] = old[i]!;
    for (let i = 0; i < middle.length; i++) starts[keep + i] = middle[i]!;
    for (let i = tail, k = keep + middle.length; i < old.length; i++, k++) starts[k] = old[i]! + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.source.length));
    const line = lastAtOrBefore(this.starts, clamped);
    return { line, character: clamped - this.starts[line]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.source.length;
    if (position.line < 0) return 0;
    const start = this.starts[position.line]!;
    const nextStart = position.line + 1 < this.starts.length ? this.starts[position.line + 1]! : this.source.length;
    // Never land inside the line break itself.
    let lineEnd = nextStart;
    if (position.line + 1 < this.starts.length) {
      lineEnd--;
      if (this.source.charCodeAt(lineEnd) === 10 && this.source.charCodeAt(lineEnd - 1) === 13 && lineEnd - 1 >= start) lineEnd--;
    }
    return Math.max(start, Math.min(start + position.character, lineEnd));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
