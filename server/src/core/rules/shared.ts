// Pieces several rule modules use: the trigger/condition pattern of a concession, and the
// counter-asks offered by fixes.

import { CONDITIONS, FOLLOWING_EXCHANGE, GETS } from '../markers';
import { configuredPhrases, phraseScanner, test } from '../phrases';
import type { RuleContext } from '../rule';
import type { Span } from '../segment';
import type { AnalysisOptions, PhraseFamily } from '../types';

/** True when the sentence asks for something back (a condition, or a "get" outside the concession
 *  itself at [giveStart, giveEnd)), or a neighbouring sentence of the same paragraph does: an
 *  "In return, ..." after it, or a plain ask ("We need the cap at 2x.") just before or after. */
export function isConditional(ctx: RuleContext, sentence: Span, giveStart = sentence.start, giveEnd = giveStart): boolean {
  const masked = ctx.seg.masked;
  if (test(CONDITIONS, masked, sentence.start, sentence.end)) return true;
  if (test(GETS, masked, sentence.start, giveStart) || test(GETS, masked, giveEnd, sentence.end)) return true;
  const next = ctx.nextSentence(sentence);
  if (next && (FOLLOWING_EXCHANGE.test(masked.slice(next.start, next.end)) || test(GETS, masked, next.start, next.end))) return true;
  const previous = ctx.previousSentence(sentence);
  return previous !== undefined && test(GETS, masked, previous.start, previous.end);
}

/** Generic counter-asks, written as clauses that follow "if" or "provided that". */
export const GENERIC_ASKS = ['the payment terms are adjusted', 'the timeline is extended', 'the scope is clarified'];

/** Counter-asks from configuration are noun phrases ("Net-15 payment terms"). */
export function tradeables(options: AnalysisOptions): string[] {
  return (options.tradeables ?? []).map((t) => t.trim()).filter((t) => t.length > 0).slice(0, 5);
}

/** Matches of a rule's own phrases, then of the phrases configured for its family. */
export function* phraseMatches(
  ctx: RuleContext,
  builtIn: RegExp,
  family: PhraseFamily,
): Generator<{ start: number; end: number; text: string; sentence: Span; configured: boolean }> {
  for (const m of matchesWithSentence(ctx, builtIn)) yield { ...m, configured: false };
  const extra = configuredPhrases(ctx.options.phrases?.[family]);
  if (extra) for (const m of matchesWithSentence(ctx, extra)) yield { ...m, configured: true };
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && c.charCodeAt(0) > 127 && /\p{L}|\p{M}/u.test(c);
}

/** Iterates matches of a global pattern over the masked text with the sentence around each. */
export function* matchesWithSentence(ctx: RuleContext, re: RegExp): Generator<{ start: number; end: number; text: string; sentence: Span }> {
  const masked = ctx.seg.masked;
  const next = phraseScanner(re, masked, ctx.seg);
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = next(from)) !== null) {
    if (m[0].length === 0) {
      from = m.index + 1;
      continue;
    }
    const sentence = ctx.sentenceAt(m.index);
    // Whitespace between a phrase's words may span a line break, never a sentence or paragraph
    // end; and a phrase never starts inside a word of another script ("Naïwe"), which the fast
    // ASCII word boundary of the pattern cannot see. A shorter match may start inside a rejected one.
    if (!sentence || m.index + m[0].length > sentence.end || isLetter(masked[m.index - 1])) {
      from = m.index + 1;
      continue;
    }
    from = m.index + m[0].length;
    yield { start: m.index, end: m.index + m[0].length, text: m[0], sentence };
  }
}
