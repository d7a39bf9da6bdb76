// The bench client's copy of the document it types into, kept as lines. A keystroke rewrites one
// line and shifts the line starts after it; the text as a whole is never rebuilt. The client's
// copy is the editor's side of the measurement, not the server's: rebuilding a 600 KB string per
// keystroke (as TextDocument.update does) made the client collect garbage while it waited for the
// server's answer, which counted in every latency. Editors keep their text in pieces too
// (VS Code's piece tree). LF line ends only: the bench's generated drafts have no CR.

export class LineDoc {
  constructor(text) {
    if (text.includes('\r')) throw new Error('LineDoc: LF line ends only');
    /** The lines, without their line breaks. */
    this.lines = text.split('\n');
    /** The offset where each line starts. */
    this.starts = new Float64Array(this.lines.length);
    let at = 0;
    for (let i = 0; i < this.lines.length; i++) {
      this.starts[i] = at;
      at += this.lines[i].length + 1;
    }
    this.length = text.length;
  }

  lineAt(offset) {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The LSP position of an offset (UTF-16 code units, as TextDocument.positionAt). */
  positionAt(offset) {
    const line = this.lineAt(Math.max(0, Math.min(offset, this.length)));
    return { line, character: Math.min(offset, this.length) - this.starts[line] };
  }

  /** Inserts one character that is not a line break. */
  insert(offset, ch) {
    if (ch.length !== 1 || ch === '\n' || ch === '\r') throw new Error('LineDoc.insert: one character, not a line break');
    const l = this.lineAt(offset);
    const c = offset - this.starts[l];
    const s = this.lines[l];
    this.lines[l] = s.slice(0, c) + ch + s.slice(c);
    for (let k = l + 1; k < this.starts.length; k++) this.starts[k]++;
    this.length++;
  }

  /** Removes the character at `offset`; removing a line break joins two lines. */
  remove(offset) {
    if (offset < 0 || offset >= this.length) throw new Error('LineDoc.remove: offset out of range');
    const l = this.lineAt(offset);
    const c = offset - this.starts[l];
    const s = this.lines[l];
    if (c === s.length) {
      this.lines.splice(l, 2, s + this.lines[l + 1]);
      const starts = new Float64Array(this.starts.length - 1);
      starts.set(this.starts.subarray(0, l + 1));
      for (let k = l + 2; k < this.starts.length; k++) starts[k - 1] = this.starts[k] - 1;
      this.starts = starts;
    } else {
      this.lines[l] = s.slice(0, c) + s.slice(c + 1);
      for (let k = l + 1; k < this.starts.length; k++) this.starts[k]--;
    }
    this.length--;
  }

  getText() {
    return this.lines.join('\n');
  }
}
