// Small text helpers shared by rules and fixes.

import type { Span } from './segment';

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
