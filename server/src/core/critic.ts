// CriticMarkup redlines: {++insert++}, {--delete--}, {~~old~>new~~}, {==highlight==}, {>>comment<<}.
// The analyser reads a redlined draft as it will read once every change is accepted: the markup
// delimiters, deleted text, the old side of a substitution and comments are blanked in a copy of
// the same length (so every offset still points into the marked-up text), and findings are
// labelled by whether they sit in our change or in the existing text.
//
// Marks do not nest. A mark may span lines (and paragraphs); an opener without its closer is plain
// text. The scan is left to right and linear: each closer is searched once per mark, and a closer
// that does not occur at all is remembered, so a text full of unclosed openers stays cheap.

import type { Span } from './segment';
import type { Finding, Fix, TextEdit } from './types';

export type CriticKind = 'insertion' | 'deletion' | 'substitution' | 'highlight' | 'comment';

export interface CriticMark {
  kind: CriticKind;
  /** The whole mark, delimiters included. */
  start: number;
  end: number;
  /** What the accepted text keeps: an insertion's text, a substitution's new side, a highlight's text. */
  kept?: Span;
  /** What acceptance removes: a deletion's text, a substitution's old side, a comment's text. */
  removed?: Span;
}

const OPENERS: Record<string, { kind: CriticKind; close: string }> = {
  '++': { kind: 'insertion', close: '++}' },
  '--': { kind: 'deletion', close: '--}' },
  '~~': { kind: 'substitution', close: '~~}' },
  '==': { kind: 'highlight', close: '==}' },
  '>>': { kind: 'comment', close: '<<}' },
};

const OPENER = /\{(\+\+|--|~~|==|>>)/g;

/** A cheap test first: most documents contain no CriticMarkup, and pay only for this. */
export function hasCriticMarkup(text: string): boolean {
  const brace = text.indexOf('{');
  if (brace < 0) return false;
  OPENER.lastIndex = brace;
  return OPENER.test(text);
}

/** The marks of a text, in order. */
export function parseCritic(text: string): CriticMark[] {
  const marks: CriticMark[] = [];
  if (!hasCriticMarkup(text)) return marks;
  const missing = new Set<string>(); // closers that do not occur after some point, hence never again
  OPENER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OPENER.exec(text)) !== null) {
    const start = m.index;
    const { kind, close } = OPENERS[m[1]!]!;
    const from = start + 3;
    const closeAt = missing.has(close) ? -1 : text.indexOf(close, from);
    if (closeAt < 0) {
      missing.add(close);
      OPENER.lastIndex = start + 1;
      continue;
    }
    const end = closeAt + 3;
    if (kind === 'substitution') {
      const arrow = text.indexOf('~>', from);
      if (arrow < 0 || arrow + 2 > closeAt) {
        OPENER.lastIndex = start + 1;
        continue;
      }
      marks.push({ kind, start, end, removed: { start: from, end: arrow }, kept: { start: arrow + 2, end: closeAt } });
    } else if (kind === 'insertion' || kind === 'highlight') {
      marks.push({ kind, start, end, kept: { start: from, end: closeAt } });
    } else {
      marks.push({ kind, start, end, removed: { start: from, end: closeAt } });
    }
    OPENER.lastIndex = end;
  }
  return marks;
}

/** The ranges the accepted reading does not contain: delimiters, deleted text, old sides, comments. */
export function hiddenRanges(marks: readonly CriticMark[]): Span[] {
  const out: Span[] = [];
  for (const k of marks) {
    if (k.kept) {
      out.push({ start: k.start, end: k.kept.start });
      out.push({ start: k.kept.end, end: k.end });
    } else {
      out.push({ start: k.start, end: k.end });
    }
  }
  return out;
}

/** The accepted reading at the same length: hidden ranges become spaces, line breaks included
 *  (a deleted paragraph break joins the text around it). Offsets are unchanged. */
export function criticMask(text: string, marks: readonly CriticMark[] = parseCritic(text)): string {
  if (marks.length === 0) return text;
  let out = '';
  let at = 0;
  for (const r of hiddenRanges(marks)) {
    out += text.slice(at, r.start) + ' '.repeat(r.end - r.start);
    at = r.end;
  }
  return out + text.slice(at);
}

/** Our changes: the text an insertion or a substitution brings in. */
export function changeRanges(marks: readonly CriticMark[]): Span[] {
  return marks.filter((k) => k.kind === 'insertion' || k.kind === 'substitution').map((k) => k.kept!);
}

/** Drops chunk starts that fall inside a mark, so that every chunk holds whole marks and reads
 *  them exactly as the whole document does (chunks.ts). */
export function startsOutsideMarks(starts: readonly number[], marks: readonly CriticMark[]): number[] {
  if (marks.length === 0) return starts as number[];
  const out: number[] = [];
  let j = 0;
  for (const s of starts) {
    while (j < marks.length && marks[j]!.end <= s) j++;
    const k = marks[j];
    if (s === 0 || !k || s <= k.start) out.push(s);
  }
  return out;
}

/**
 * Labels findings and keeps their fixes from corrupting the markup. A finding is `ours` when it
 * overlaps our change, or when a change (a deletion too: removing a condition concedes) sits in
 * the same sentence of the accepted reading; otherwise `existing`. A fix edit that stays inside the
 * text of an insertion or a substitution's new side edits that change; one in untouched existing
 * text becomes a tracked change itself (the other side sees what we changed); any other fix, one
 * that would cut through markup, is dropped. Suppression comments are inserted as they are.
 */
export function applyRedline(text: string, findings: readonly Finding[], marks: readonly CriticMark[], sentenceAt: (offset: number) => Span | undefined): Finding[] {
  if (marks.length === 0) return findings as Finding[];
  return findings.map((f) => {
    if (f.change) return f; // labelled already
    const sentence = sentenceAt(f.start);
    const from = Math.min(f.start, sentence?.start ?? f.start);
    const to = Math.max(f.end, sentence?.end ?? f.end);
    const ours = overlapping(marks, from, to).some((k) => k.kind !== 'highlight' && k.kind !== 'comment');
    const fixes: Fix[] = [];
    for (const fix of f.fixes) {
      const edits: TextEdit[] = [];
      for (const e of fix.edits) {
        const edit = redlineEdit(text, e, marks);
        if (!edit) break;
        edits.push(edit);
      }
      if (edits.length === fix.edits.length) fixes.push({ ...fix, edits });
    }
    return { ...f, fixes, change: ours ? 'ours' : 'existing' };
  });
}

function redlineEdit(text: string, e: TextEdit, marks: readonly CriticMark[]): TextEdit | undefined {
  const touched = overlapping(marks, e.start, e.end);
  if (touched.length === 0) {
    if (/^\s*<!--/.test(e.newText)) return e; // a suppression comment is ours to add, not a change to the draft
    const old = text.slice(e.start, e.end);
    // Text that would close the tracked change early cannot be tracked.
    if (/~>|~~\}|--\}|\+\+\}/.test(old + e.newText)) return undefined;
    return { ...e, newText: tracked(e.newText, old) };
  }
  const k = touched[0]!;
  const inside = touched.length === 1 && (k.kind === 'insertion' || k.kind === 'substitution') && k.kept!.start <= e.start && e.end <= k.kept!.end;
  return inside && !e.newText.includes(k.kind === 'insertion' ? '++}' : '~~}') ? e : undefined;
}

/** The marks that overlap [start, end), or strictly contain the point when the range is empty. Marks
 *  are sorted and do not overlap, so their ends are sorted too: a binary search finds the first. */
function overlapping(marks: readonly CriticMark[], start: number, end: number): CriticMark[] {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: CriticMark[] = [];
  for (let i = lo; i < marks.length && marks[i]!.start < end; i++) out.push(marks[i]!);
  return out;
}

/** `newText` in place of `old` as a tracked change. */
function tracked(newText: string, old: string): string {
  if (old === '') return newText === '' ? '' : `{++${newText}++}`;
  return newText === '' ? `{--${old}--}` : `{~~${old}~>${newText}~~}`;
}
