// Where a document can be cut into independent chunks: at a blank line followed by a line that
// starts in column 0, outside front matter, fenced code and HTML comments. At such a point the
// Markdown reading starts afresh (no open list, code block or comment), and no sentence crosses a
// blank line, so analysing each chunk alone gives exactly what analysing the whole would. Chunks
// are the unit of the analysis cache: after a keystroke only the edited chunk is read again.
//
// The scan is deliberately conservative: any doubt (a `<!--` inside inline code, say) only merges
// chunks, which costs a little speed and never changes a result.

import type { Text } from './pieces';
import type { DocumentKind } from './types';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A line that can open front matter (the first line) or would open it at a chunk's start. */
const DELIMITER_LINE = /^(---|\+\+\+)[ \t]*$/;
/** Below this size a chunk takes the next paragraph too: fewer, larger chunks cost less overhead.
 *  Each chunk costs a fixed setup (a mask, a segmentation, one pass of every rule's pattern), so a
 *  long document gets larger chunks. Measured on 100k words: 2 KB chunks (280 of them) made a full
 *  analysis about 1.8x one pass over the whole text; 8 KB chunks (about 75) cost 2.5% more than
 *  16 KB ones (44.3 vs 43.2 ms, 30 alternating rounds), and a keystroke re-reads one chunk: with
 *  8 KB, keystrokes answered in 3.90 ms (median) instead of 4.71, p95 8.74 instead of 9.96
 *  (npm run bench's measurement, 5 alternating rounds). Two sizes, not a formula: a size that
 *  followed the length would change with almost every keystroke, and every boundary after the edit
 *  could move (every chunk after it read again); with two, that happens only when a document
 *  crosses 128 KB. Where boundaries fall never changes a result (each is a clean point), only the
 *  cost. */
function minChunk(length: number): number {
  return length < 131072 ? 2048 : 8192;
}

export function chunkStarts(text: string, kind: DocumentKind): number[] {
  return scan(text, kind, [0], undefined);
}

/** The chunk starts of `text`, reusing those of the previous text of the same document: the scan
 *  restarts at the last chunk start before the first changed character, and stops at the first
 *  clean point after the change where the previous text had a start — from there on the text and
 *  the scan state are the same, so the rest of the old starts are still right. The chunk before it
 *  may be shorter than the minimum: boundaries depend on the edits made, never the results. */
export function chunkStartsAfterEdit(oldText: Text, oldStarts: readonly number[], text: Text, kind: DocumentKind, edit: Edit): number[] {
  if (kind === 'notes') return [0];
  const { prefix, suffix } = edit;
  // Restart at the chunk before the one holding the change: a boundary depends on the line before it.
  let k = 0;
  while (k + 1 < oldStarts.length && oldStarts[k + 1]! < prefix) k++;
  k = Math.max(0, k - 1);
  // A first line `---` or `+++` opens front matter only if a closing line follows, anywhere: unless
  // the old text closed it before the edit (then the edit cannot change where it ends), the edit
  // may have added or removed the closing line, and the scan starts again at the top.
  if (k > 0 && kind === 'markdown') {
    const delimiter = frontMatterOpening(text);
    if (delimiter && !closesBefore(oldText, delimiter, prefix)) k = 0;
  }
  const delta = text.length - oldText.length;
  const changedEnd = text.length - suffix;
  const oldSet = new Set(oldStarts);
  const resync = (start: number): number[] | undefined => {
    if (start < changedEnd || !oldSet.has(start - delta)) return undefined;
    const i = oldStarts.indexOf(start - delta);
    return oldStarts.slice(i + 1).map((x) => x + delta);
  };
  // A text in pieces is scanned in a window: from the restart to the end of the first old chunk
  // that starts after the change, where the scan usually finds its old start again. A scan that
  // would read past the window (the change moved the boundaries further) reads the whole text.
  if (typeof text !== 'string') {
    let m = k;
    while (m < oldStarts.length && oldStarts[m]! + delta < changedEnd) m++;
    const to = m + 1 < oldStarts.length ? oldStarts[m + 1]! + delta : text.length;
    const from = oldStarts[k]!;
    try {
      return scan(new Window(text.slice(from, to), from, text.length), kind, oldStarts.slice(0, k + 1), resync);
    } catch (err) {
      if (err !== OUTSIDE) throw err;
    }
  }
  return scan(text.toString(), kind, oldStarts.slice(0, k + 1), resync);
}

/** What the scan reads of a text: a string, or a window on one. */
interface Scanned {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(start: number, end?: number): string;
  indexOf(search: string, from: number): number;
}

/** Thrown by a window read outside it. */
const OUTSIDE = new Error('outside the scanned window');

/** `[base, base + part.length)` of a text of `length` characters, read at the text's offsets. A
 *  search that finds nothing in it answers its end (what lies beyond is unknown), unless it ends
 *  the text; the scan then stops at a line that does not end inside (see `scan`). */
class Window implements Scanned {
  readonly end: number;

  constructor(
    private readonly part: string,
    private readonly base: number,
    readonly length: number,
  ) {
    this.end = base + part.length;
  }

  charCodeAt(index: number): number {
    if (index >= this.length) return NaN;
    if (index < this.base || index >= this.end) throw OUTSIDE;
    return this.part.charCodeAt(index - this.base);
  }

  slice(start: number, end = this.length): string {
    if (start < this.base || Math.min(end, this.length) > this.end) throw OUTSIDE;
    return this.part.slice(start - this.base, end - this.base);
  }

  indexOf(search: string, from: number): number {
    if (from < this.base) throw OUTSIDE;
    const at = this.part.indexOf(search, from - this.base);
    return at >= 0 ? at + this.base : this.end === this.length ? -1 : this.end;
  }
}

const BLOCK = 4096;

/** Where two texts differ: they share `prefix` characters at the start and `suffix` at the end. */
export interface Edit {
  prefix: number;
  suffix: number;
}

export function diff(oldText: string, text: string): Edit {
  const prefix = commonPrefix(oldText, text);
  return { prefix, suffix: commonSuffix(oldText, text, Math.min(oldText.length, text.length) - prefix) };
}

/** Length of the common prefix: whole blocks compared natively (string equality), then characters. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p + BLOCK <= max && a.slice(p, p + BLOCK) === b.slice(p, p + BLOCK)) p += BLOCK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** Length of the common suffix, at most `max` characters. */
function commonSuffix(a: string, b: string, max: number): number {
  let s = 0;
  while (s + BLOCK <= max && a.slice(a.length - s - BLOCK, a.length - s) === b.slice(b.length - s - BLOCK, b.length - s)) s += BLOCK;
  while (s < max && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return s;
}

/** The HTML comments of a text as the chunk scan reads them: not in a Markdown code block or
 *  front matter, and an unclosed one runs to the end. The suppression fix asks where they are
 *  (suppress.ts): read this way, a chunk and the whole document see the same comments. */
export function commentSpans(text: string, kind: DocumentKind): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  scan(text, kind, [0], undefined, spans);
  return spans;
}

/** Scans from the last of `starts` (a clean chunk start, or 0) and appends chunk starts; with
 *  `comments`, also collects the comments it follows (commentSpans). */
function scan(
  text: Scanned,
  kind: DocumentKind,
  starts: number[],
  resync: ((start: number) => number[] | undefined) | undefined,
  comments?: { start: number; end: number }[],
): number[] {
  if (kind === 'notes') return [0];
  const markdown = kind === 'markdown';
  let lineStart = starts[starts.length - 1]!;
  let lineNo = lineStart === 0 ? 0 : 1;
  let fence: string | undefined;
  let frontMatter: string | undefined;
  let inComment = false;
  /** The open comment starts its line, where the Markdown reader surely reads it as one. */
  let plainComment = true;
  // A `<!--` with a backtick before it on its line may be inline code, which the masker reads as
  // code, not as a comment: from there on, which lines are a comment, and so which are a code
  // block, is in doubt, and no chunk starts (the rest is read as one).
  let doubt = false;
  let previousBlank = false;
  const MIN_CHUNK = minChunk(text.length);
  // The next LF and CR at or after the line start (2^32 - 1 when none), searched natively and once
  // passed: a regex exec per line cost more than the rest of the scan.
  const n = text.length;
  let lf = -1;
  let cr = -1;
  // The next `<!--` and `-->` at or after the line start, like the line breaks.
  let open = -1;
  let close = -1;
  while (lineStart <= n) {
    if (lf < lineStart) lf = text.indexOf('\n', lineStart) >>> 0;
    if (cr < lineStart) cr = text.indexOf('\r', lineStart) >>> 0;
    const lineEnd = Math.min(lf, cr, n);
    // A window's line that does not end inside it: its end is unknown.
    if (lineEnd < n && text instanceof Window && lineEnd >= text.end) throw OUTSIDE;
    const next = lineEnd === n ? n + 1 : lineEnd === cr && text.charCodeAt(cr + 1) === 10 ? cr + 2 : lineEnd + 1;
    // Most lines are prose: their first character and a native search for comment marks decide
    // them without a slice or a pattern.
    let lead = lineStart;
    while (lead < lineEnd && (text.charCodeAt(lead) === 32 || text.charCodeAt(lead) === 9)) lead++;
    const first = lead < lineEnd ? text.charCodeAt(lead) : -1;

    const opening = lineNo === 0 && markdown && (first === 45 || first === 43) /* - + */ ? text.slice(lineStart, lineEnd) : undefined;
    if (opening !== undefined && DELIMITER_LINE.test(opening) && hasClosing(text, next, opening.slice(0, 3))) {
      frontMatter = opening.slice(0, 3);
    } else if (frontMatter) {
      if (closingLine(frontMatter).test(text.slice(lineStart, lineEnd))) frontMatter = undefined;
      previousBlank = true; // the masker starts its body as after a blank line
    } else if (fence) {
      if (first === fence.charCodeAt(0) && lead - lineStart <= 3) {
        const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(text.slice(lineStart, lineEnd));
        if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length) fence = undefined;
      }
      previousBlank = false;
    } else if (first < 0) {
      previousBlank = true;
    } else {
      // Not at a `---` or `+++` line in Markdown: a chunk is read as a document of its own, and
      // there such a line at the start would open front matter.
      const delimiter = markdown && (first === 45 || first === 43) && lead === lineStart && DELIMITER_LINE.test(text.slice(lineStart, lineEnd));
      if (previousBlank && !inComment && !doubt && !delimiter && /^\S/.test(text.slice(lineStart, lineStart + 1))) {
        // A clean point. After an edit, one where the old text had a start after the change ends
        // the scan even if it makes a short chunk: the starts were picked greedily, and a start
        // the edit removed (a blank line typed in) or added moved every later pick, so the scan
        // never met an old start again and the whole rest of the document was read again.
        const rest = resync?.(lineStart);
        if (rest) return starts.concat(lineStart, rest);
        if (lineStart - starts[starts.length - 1]! >= MIN_CHUNK) starts.push(lineStart);
      }
      const f = markdown && (first === 96 || first === 126) /* ` ~ */ ? FENCE.exec(text.slice(lineStart, lineEnd)) : null;
      // A fence inside a comment the Markdown reader may not take for one may be a code block
      // to it: from there on, where comments and code blocks are is in doubt.
      if (f && inComment && !plainComment) doubt = true;
      if (f && !inComment) fence = f[1]!;
      else {
        // Follows `<!--` and `-->` through the line.
        let pos = lineStart;
        for (;;) {
          if (inComment) {
            if (close < pos) close = text.indexOf('-->', pos) >>> 0;
            if (close + 3 > lineEnd) break;
            pos = close + 3;
            if (comments) comments[comments.length - 1]!.end = pos;
          } else {
            if (open < pos) open = text.indexOf('<!--', pos) >>> 0;
            if (open + 4 > lineEnd) break;
            pos = open + 4;
            comments?.push({ start: open, end: n });
            if (!doubt && text.slice(lineStart, open).includes('`')) doubt = true;
            // First on its line (up to 3 spaces in): the Markdown reader surely takes it for a
            // comment. Elsewhere it may not (escaped, in a link, an indented code block).
            plainComment = open === lead && lead - lineStart <= 3;
          }
          inComment = !inComment;
        }
      }
      previousBlank = false;
    }
    lineStart = next;
    lineNo++;
  }
  return starts;
}

/** A line that closes front matter opened by `---` or `+++`, as the Markdown reader sees it
 *  (segment.ts): the delimiter (or `...` for `---`) and then only what `trimEnd()` removes, up to
 *  a CR or LF (or the end, unless `ended`). The scan ends front matter with the same test. */
const CLOSING = {
  '---': /(?:^|[\r\n])(?:---|\.\.\.)[^\S\r\n]*(?=[\r\n]|$)/,
  '+++': /(?:^|[\r\n])\+\+\+[^\S\r\n]*(?=[\r\n]|$)/,
};
const CLOSING_ENDED = {
  '---': /(?:^|[\r\n])(?:---|\.\.\.)[^\S\r\n]*[\r\n]/,
  '+++': /(?:^|[\r\n])\+\+\+[^\S\r\n]*[\r\n]/,
};

function closingLine(delimiter: string, ended = false): RegExp {
  const table = ended ? CLOSING_ENDED : CLOSING;
  return delimiter === '+++' ? table['+++'] : table['---'];
}

/** Whether a front matter opened by `delimiter` closes after `from`. In a window, a closing line
 *  found inside it (with its line break) answers; otherwise the rest of the text must be read. */
function hasClosing(text: Scanned, from: number, delimiter: string): boolean {
  if (text instanceof Window && text.end < text.length) {
    if (closingLine(delimiter, true).test(text.slice(from, text.end))) return true;
    throw OUTSIDE;
  }
  return closingLine(delimiter).test(text.slice(from));
}

/** The delimiter of the text's first line when it can open front matter (`---` or `+++`, then
 *  only spaces or tabs); a first line too long to read whole counts as one, to be safe. */
function frontMatterOpening(text: Text): string | undefined {
  return DELIMITER_LINE.exec(/^[^\r\n]*/.exec(text.slice(0, 64))![0])?.[1];
}

/** Whether the text has a line closing front matter (after the first line) that ends before
 *  `limit`; read from the start in growing steps, since front matter is short. */
function closesBefore(text: Text, delimiter: string, limit: number): boolean {
  const re = closingLine(delimiter, true);
  for (let size = 4096; ; size *= 8) {
    const part = text.slice(0, Math.min(limit, size));
    const first = /\r\n|\r|\n/.exec(part);
    if (first && re.test(part.slice(first.index + first[0].length))) return true;
    if (part.length >= limit || size >= limit) return false;
  }
}
