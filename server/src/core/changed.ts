// Changed-only mode: which parts of a document changed since a base version (the one last sent to
// the other side), and which findings lie in them. Pure: both texts in, offsets out (UTF-16 code
// units into the current text, like every offset in the core). Getting the base text is the
// caller's business (server/src/git.ts).
//
// The comparison is by line: common start and end cut off first, then lines unique to both texts
// as anchors, then the `diff` package's Myers implementation between anchors. A line counts as
// changed when its text differs from every line the diff could pair it with, and then all of it
// counts as changed (one new word in an old sentence puts the whole line under review). Line
// breaks are not part of a line's text, so a file whose line endings changed (CRLF <-> LF, as Git
// may do on checkout) has not changed.

import { diffArrays } from 'diff';
import { diff as commonEnds } from './chunks';

export interface ChangedRange {
  start: number;
  end: number;
}

/** Beyond this many line insertions and removals the diff stops looking for a minimal one: all text
 *  between the first and the last change then counts as changed (more findings, never fewer). It
 *  bounds the work to O(lines × MAX_LINE_EDITS) for texts that have little in common. */
export const MAX_LINE_EDITS = 1000;

interface Line {
  /** Offset of the line's first character. */
  start: number;
  /** Offset just after its text, before the line break. */
  end: number;
  /** Offset of the next line's first character (after the line break). */
  next: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ start, end: m.index, next: m.index + m[0].length });
    start = m.index + m[0].length;
  }
  // After a final line break there is no further line: a newline added at the end changes nothing.
  if (start < text.length || lines.length === 0) lines.push({ start, end: text.length, next: text.length });
  return lines;
}

/**
 * The parts of `text` that are new or changed relative to `base`, in order, not overlapping.
 * A changed or inserted line gives its whole text, line break included; lines removed without a
 * replacement give an empty range at the place where they were (the start of the line that now
 * follows them), so that a sentence whose other half, or whose condition, was cut is still seen.
 * Identical texts give no ranges; an empty base makes all of `text` changed.
 */
export function changedRanges(base: string, text: string): ChangedRange[] {
  if (base === text) return [];
  if (base === '') return [{ start: 0, end: text.length }];
  // The identical start and end of the two texts, compared natively in blocks (core/chunks.ts), cut
  // back to whole lines: only the lines between the first and the last difference are split and
  // compared. An LF is the end of a line break in both texts (CRLF or LF), so the cut is made after
  // one; a lone CR only makes the compared part larger.
  const { prefix, suffix } = commonEnds(base, text);
  const from = prefix === 0 ? 0 : text.lastIndexOf('\n', prefix - 1) + 1;
  const lf = text.indexOf('\n', text.length - suffix);
  const to = lf < 0 ? text.length : lf + 1;
  const baseTo = base.length - (text.length - to);
  if (from === 0 && to === text.length) return lineChanges(base, text);
  return lineChanges(base.slice(from, baseTo), text.slice(from, to)).map((r) => ({ start: r.start + from, end: r.end + from }));
}

function lineChanges(base: string, text: string): ChangedRange[] {
  if (base === text) return [];
  if (base === '') return [{ start: 0, end: text.length }];
  const oldLines = splitLines(base);
  const newLines = splitLines(text);
  const oldText = (i: number) => base.slice(oldLines[i]!.start, oldLines[i]!.end);
  const newText = (i: number) => text.slice(newLines[i]!.start, newLines[i]!.end);

  // Common lines at both ends first: a round's edits are usually few, and the diff then only sees
  // the middle.
  let head = 0;
  const maxHead = Math.min(oldLines.length, newLines.length);
  while (head < maxHead && oldText(head) === newText(head)) head++;
  let tail = 0;
  const maxTail = maxHead - head;
  while (tail < maxTail && oldText(oldLines.length - 1 - tail) === newText(newLines.length - 1 - tail)) tail++;
  const oldMiddle: string[] = [];
  for (let i = head; i < oldLines.length - tail; i++) oldMiddle.push(oldText(i));
  const newMiddle: string[] = [];
  for (let i = head; i < newLines.length - tail; i++) newMiddle.push(newText(i));

  const ranges: ChangedRange[] = [];
  const lineRange = (from: number, to: number): ChangedRange => ({ start: newLines[from]!.start, end: newLines[to - 1]!.next });
  /** Where removed lines were: the start of the line that now follows them (the end of the text if none). */
  const gapAt = (i: number): ChangedRange => {
    const at = i < newLines.length ? newLines[i]!.start : text.length;
    return { start: at, end: at };
  };

  if (newMiddle.length === 0) return oldMiddle.length === 0 ? [] : [gapAt(head)];
  if (oldMiddle.length === 0) return [lineRange(head, head + newMiddle.length)];

  // Lines that occur once in each text and match are anchors (as in patience diff): between
  // consecutive anchors the texts are diffed separately, so scattered edits in a long document
  // cost a few small diffs instead of one large one.
  const anchors = uniqueAnchors(oldMiddle, newMiddle);
  let prevOld = 0;
  let prevNew = 0;
  for (const [o, n] of [...anchors, [oldMiddle.length, newMiddle.length] as const]) {
    diffSection(oldMiddle.slice(prevOld, o), newMiddle.slice(prevNew, n), head + prevNew);
    prevOld = o + 1;
    prevNew = n + 1;
  }
  return normalise(ranges);

  function diffSection(oldPart: string[], newPart: string[], at: number): void {
    if (newPart.length === 0) {
      if (oldPart.length > 0) ranges.push(gapAt(at));
      return;
    }
    if (oldPart.length === 0) {
      ranges.push(lineRange(at, at + newPart.length));
      return;
    }
    const changes = diffArrays(oldPart, newPart, { maxEditLength: MAX_LINE_EDITS });
    if (!changes) {
      ranges.push(lineRange(at, at + newPart.length));
      return;
    }
    let i = at;
    for (const c of changes) {
      if (c.added) {
        ranges.push(lineRange(i, i + c.count));
        i += c.count;
      } else if (c.removed) {
        ranges.push(gapAt(i));
      } else {
        i += c.count;
      }
    }
  }
}

/** Pairs (old index, new index) of lines that occur exactly once in each list and are equal, the
 *  longest run of them in the same order in both (increasing in both indices). */
function uniqueAnchors(oldLines: readonly string[], newLines: readonly string[]): [number, number][] {
  const once = (lines: readonly string[]) => {
    const seen = new Map<string, number>();
    lines.forEach((l, i) => seen.set(l, seen.has(l) ? -1 : i));
    return seen;
  };
  const inOld = once(oldLines);
  const inNew = once(newLines);
  const pairs: [number, number][] = [];
  newLines.forEach((l, n) => {
    const o = inOld.get(l);
    if (o !== undefined && o >= 0 && inNew.get(l) === n) pairs.push([o, n]);
  });
  // Longest increasing subsequence of the old indices (pairs are in new-index order), O(n log n).
  const tails: number[] = [];
  const back: number[] = new Array<number>(pairs.length);
  for (let k = 0; k < pairs.length; k++) {
    const o = pairs[k]![0];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![0] < o) lo = mid + 1;
      else hi = mid;
    }
    back[k] = lo > 0 ? tails[lo - 1]! : -1;
    tails[lo] = k;
  }
  const out: [number, number][] = [];
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = back[k]!) out.push(pairs[k]!);
  return out.reverse();
}

/** Sorts and merges overlapping ranges. A removal point inside a range, or at the start of one,
 *  is covered by it and disappears; one at a range's end stays (it also counts for a finding that
 *  starts there, which the range does not). */
function normalise(ranges: ChangedRange[]): ChangedRange[] {
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: ChangedRange[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && (r.start < last.end || (last.start === last.end && r.start === last.start))) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/**
 * Whether a finding at [start, end) lies in changed text: it overlaps a changed range, or starts at
 * or spans a place where lines were removed. An empty finding counts where it stands.
 */
export function inChangedText(start: number, end: number, ranges: readonly ChangedRange[]): boolean {
  // Binary search for the first range that ends at or after `start`.
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]!.end < start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < ranges.length; k++) {
    const r = ranges[k]!;
    if (r.start > end || (r.start === end && end > start)) break;
    if (r.start === r.end) {
      if (start <= r.start && (r.start < end || start === end)) return true;
    } else if (start === end ? r.start <= start && start < r.end : start < r.end && r.start < end) {
      return true;
    }
  }
  return false;
}

/**
 * The findings that lie in changed text (see `inChangedText`). A finding about the document as a
 * whole (`judgesWholeDocument(rule)`: `narrow-issue-framing`) is kept when anything changed at
 * all: it judges the document as it now reads, whose text this round changed. With no change,
 * nothing is kept.
 */
export function keepChanged<F extends { rule: string; start: number; end: number }>(
  findings: readonly F[],
  ranges: readonly ChangedRange[],
  documentLevel: (rule: string) => boolean = () => false,
): F[] {
  if (ranges.length === 0) return [];
  return findings.filter((f) => documentLevel(f.rule) || inChangedText(f.start, f.end, ranges));
}

/** Why `ref` cannot be a revision to compare with, or undefined when it can be passed to Git.
 *  Refs come from settings and the command line: nothing that Git could read as an option. */
export function refProblem(ref: string): string | undefined {
  if (ref.trim() === '') return 'it is empty';
  if (ref !== ref.trim()) return 'it has spaces at the start or end';
  if (ref.startsWith('-')) return 'it starts with "-"';
  if (ref.length > 256) return 'it is longer than 256 characters';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(ref)) return 'it contains control characters';
  return undefined;
}
