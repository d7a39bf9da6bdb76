// Small text helpers shared by rules and fixes.

import type { Span } from './segment';

/** Node's Buffer when the core runs in Node; the core stays usable without it (a web worker). */
export const NodeBuffer: typeof Buffer | undefined = typeof Buffer === 'function' ? Buffer : undefined;

/** A copy of a string that shares nothing with it (one-byte when it is ASCII), natively; without
 *  Node's Buffer (a web worker) the string itself. */
export function ownCopy(s: string): string {
  if (!NodeBuffer) return s;
  return NodeBuffer.byteLength(s, 'utf8') === s.length ? NodeBuffer.from(s, 'latin1').toString('latin1') : NodeBuffer.from(s, 'utf16le').toString('utf16le');
}

/** The start of the line holding `offset`: after the last LF or CR before it, found natively (a
 *  paragraph written as one long line made a walk back character by character costly). `cr`
 *  false: the text has no CR, which spares a search back to its start. */
export function lineStartAt(text: string, offset: number, cr = true): number {
  if (offset <= 0) return 0;
  const lf = text.lastIndexOf('\n', offset - 1);
  return (cr ? Math.max(lf, text.lastIndexOf('\r', offset - 1)) : lf) + 1;
}

const TERMINAL = /[.!?…]+["'’”)\]]*$/;

/** Where a clause can be appended to a sentence: before its final punctuation (and closing quotes). */
export function insertionPoint(text: string, sentence: Span): number {
  const body = text.slice(sentence.start, sentence.end);
  const m = TERMINAL.exec(body);
  return m ? sentence.start + m.index : sentence.end;
}

/** The range that removing a whole sentence should delete: the sentence and the space after it
 *  (or before it, at the end of a paragraph), so no double spaces are left. */
export function sentenceRemovalRange(text: string, sentence: Span): Span {
  let end = sentence.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  if (end > sentence.end && end < text.length && text[end] !== '\n' && text[end] !== '\r') return { start: sentence.start, end };
  let start = sentence.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  const atLineStart = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
  return atLineStart ? { start: sentence.start, end } : { start, end: sentence.end };
}

/** Matches the case of the first letter of `like`. */
export function matchCase(replacement: string, like: string): string {
  if (!replacement) return replacement;
  const first = like.charAt(0);
  if (first && first === first.toUpperCase() && first !== first.toLowerCase()) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  return replacement.charAt(0).toLowerCase() + replacement.slice(1);
}

/** True when the offset starts a sentence (only whitespace or quotes before it in the sentence). */
export function startsSentence(text: string, sentence: Span, offset: number): boolean {
  return /^["'“‘(\s]*$/.test(text.slice(sentence.start, offset));
}

/** The index of the last of `sorted` (ascending) at or before `x`; 0 when none is (`sorted[0]` is
 *  a start at 0 wherever this is used: lines, pieces). */
export function lastAtOrBefore(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
