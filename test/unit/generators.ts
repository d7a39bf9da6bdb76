// fast-check generators for property tests: documents that mix negotiation phrases (the ones the
// rules look for, and the ones that silence them) with Markdown structure, line-ending variety
// and awkward characters (astral, combining marks, controls, lone surrogates).

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, createAnalysisCache } from '../../server/src/core/analyze';
import { PieceText } from '../../server/src/core/pieces';
import type { DocumentKind } from '../../server/src/core/types';

/** Phrases that trigger rules, or sit next to triggers and change the verdict. */
export const PHRASES: readonly string[] = [
  // unconditional-concession
  'We can agree to that.', 'We accept your proposal.', 'I could live with that', 'we will waive the deposit',
  'We are happy to extend the warranty.', 'That works for us.', 'you can have it', "We'll throw in training",
  'We could reduce our price.', 'We have no objection to', 'We can agree\nto that.',
  // conditions and exchanges
  'if the payment terms are adjusted', 'provided that', 'In return,', 'in exchange for', 'subject to', 'unless',
  // unbenchmarked-demand
  'We need a cap of 12 months of fees.', 'We must have a 5% discount.', 'Our position is', 'you must reduce the price',
  'We propose a fee of $5,000.', 'We insist that', 'we would like to see a lower rate',
  'consistent with market practice', 'in line with the industry standard', 'comparable deals',
  // over-disclosure
  'Our budget is 100,000.', 'Time is running out.', 'We need to close this week.', 'We have no other option.',
  'my boss is pushing', 'The most important thing for us is', "We can't go above 90,000.", 'our deadline is Friday',
  // hostile-tone
  'take it or leave it', 'This is ridiculous.', 'a waste of our time', 'see you in court', 'You people', 'A joke.',
  // negotiating-against-yourself
  'We propose 120,000, or we could go to 90,000.', 'or we could go to 90,000', 'or even lower',
  'failing that, we could', 'If that does not work, we could', 'or if that is too high',
  // open-ended-concession
  'we are flexible on everything', 'whatever you need', 'name your price', 'We will accept whatever', 'at any cost',
  'conditional on final agreement',
  // narrow-issue-framing ingredients
  'price', 'the payment schedule', 'delivery', 'warranty', 'offer', 'We offer 90,000.', 'too high', 'willing to',
  // suppression comments
  '<!-- leverage-disable-next-line unconditional-concession -- agreed on the call -->',
  '<!-- leverage-disable hostile-tone -- quoting -->', '<!-- leverage-enable -->', '<!-- leverage-disable-next-line -->',
  '<!-- leverage-disable-next-line no-such-rule -->',
];

/** Neutral prose. */
export const FILLERS: readonly string[] = [
  'Thanks.', 'The Supplier shall deliver the goods.', 'See Sec. 4.2 of the MSA, e.g. the cap.', 'J. Smith agreed!',
  'Did he?', 'approx. ten', 'Each party shall bear its own costs.', 'Fine', 'the', 'and', 'we', 'can', 'agree',
  'to', 'that', 'time', 'is', 'running', 'out', 'or', 'TERM AND TERMINATION', '1.2', '100,000', '$5', '€ 10',
];

/** Markdown and clause structure, mostly meaningful at a line start. */
export const MARKUP: readonly string[] = [
  '```', '```ts', '~~~', '    ', '\t', '<!--', '-->', '<!-- note -->', '---', '+++', '...', '***', '===', '> ', '>> ',
  '- ', '* ', '+ ', '1. ', '2) ', '(a) ', 'a) ', '§ 4 ', '§ 4.2 ', '12.3.4 ', 'A. ', '# ', '## ', '###### ', ' #',
  '| ', ' | ', '|---|---|', '| :-- | --: |', '**', '__', '_', '*', '`', '``', '~~', '[', ']', '](http://x.example/(a))',
  '![', '<b>', '</b>', '<https://x.example>', '<a@b.example>', '\\', '\\*', '[ref]: http://x.example', '<', '>',
  '&amp;', '"', "'",
];

/** Characters that stress offset arithmetic and character classes. */
export const ODD: readonly string[] = [
  '😀', '👍🏽', '🇩🇪', '👨‍👩‍👧', '𝔘𝔫𝔦', '𠀀', '\u{1F600}\u{1F601}', 'e\u0301', 'n\u0303\u0308', '\u0301', 'Å', 'ß', 'İ', 'ﬁ',
  'Ω', 'я', 'ê', '\u0000', '\u0007', '\u001b[0m', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200d', '\u2028', '\u2029',
  '\ufeff', '\ufffd', '\u202e', '“', '”', '‘', '’', '«', '»', '§', '…', '—', '–', '\t', '\v', '\f', '\uD83D', '\uDE00',
];

export const BREAKS: readonly string[] = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\r\r', '\n \n'];
export const SEPARATORS: readonly string[] = [' ', ' ', ' ', '', '\t', '  ', ...BREAKS];

const amount = fc
  .tuple(fc.constantFrom('', '$', '€', '£'), fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom('', '%', 'k', ' months', ' days', ' EUR'))
  .map(([cur, n, unit]) => `${cur}${n.toLocaleString('en-US')}${unit}`);

/** A long line: a phrase repeated a few dozen times, or a character or short run repeated thousands
 *  of times (kept apart so that property 3, which re-analyses per fix, stays fast). */
const longLine = fc.oneof(
  fc.tuple(fc.constantFrom<string>(...PHRASES), fc.integer({ min: 10, max: 40 })).map(([s, n]) => s.repeat(n)),
  fc
    .tuple(fc.constantFrom('a', 'a ', '1,', '1', '.', '. ', '`', '<', '*', '_', '😀', ' ', '\t', '|', '--', 'é', 'e\u0301'), fc.integer({ min: 500, max: 6000 }))
    .map(([s, n]) => s.repeat(n)),
);

const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: fc.constantFrom<string>(...ODD, ...MARKUP, ' ', '\n', '\r', '.', 'a', 'W'), maxLength: 8 }),
);

/** Fragments that form a phrase only when joined across a boundary. */
export const FRAGMENTS: readonly string[] = [
  'We can', 'agree to that', 'Time is', 'running out', 'take it', 'or leave it', 'We need', 'a cap', 'Our budget',
  'is 100,000', 'or we could', 'go to 90,000', 'we are', 'flexible on everything', 'if', 'In return',
];

/** A phrase whose word gaps are other whitespace, markup or comments, with curly apostrophes. */
const variedPhrase = fc
  .tuple(
    fc.constantFrom(...PHRASES),
    fc.array(fc.constantFrom(' ', ' ', ' ', '\n', '\r\n', '\r', '  ', '\t', '\u00a0', '\u2028', ' **', '** ', ' _', ' `x` ', ' <!-- c --> ', '\n\n', '\n> ', '\n- ', ' | '), { minLength: 1, maxLength: 12 }),
    fc.boolean(),
  )
  .map(([p, gaps, curly]) => {
    const words = (curly ? p.replace(/'/g, '’') : p).split(' ');
    return words.map((w, i) => (i === 0 ? w : gaps[i % gaps.length] + w)).join('');
  });

// Cross-shrinking lets a failing long line or odd string shrink to a plain phrase (the first option).
export const token: fc.Arbitrary<string> = fc.oneof(
  { withCrossShrink: true },
  { weight: 8, arbitrary: fc.constantFrom(...PHRASES) },
  { weight: 2, arbitrary: variedPhrase },
  { weight: 1, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 3, arbitrary: fc.constantFrom(...FILLERS) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: amount },
  { weight: 1, arbitrary: oddString },
  { weight: 1, arbitrary: longLine },
  // Case variants of phrases.
  { weight: 1, arbitrary: fc.constantFrom(...PHRASES).map((p) => p.toUpperCase()) },
);

const separator = fc.constantFrom(...SEPARATORS);

/** Tokens joined by spaces, nothing, tabs or line breaks. */
export const soup: fc.Arbitrary<string> = fc
  .array(fc.tuple(token, separator), { maxLength: 24 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

/** One line: an optional block prefix (quote, list, heading, table) and a few tokens. */
const line: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '', '> ', '- ', '1. ', '# ', '    ', '| ', '```', '<!-- ', '(a) ', '§ 2 ', '---', '\t'),
    fc.array(fc.tuple(token, fc.constantFrom(' ', ' ', '', '\t', ' | ')), { maxLength: 5 }),
  )
  .map(([prefix, parts]) => prefix + parts.map(([t, s]) => t + s).join(''));

const frontMatter = fc.constantFrom('', '', '', '---\ntitle: Offer\n---\n', '---\r\nprice: 5\r\n...\r\n', '+++\nx = 1\n+++\n', '---\nunclosed: yes\n');

/** Lines with block structure, joined by a mix of line endings. */
export const structured: fc.Arbitrary<string> = fc
  .tuple(frontMatter, fc.array(fc.tuple(line, fc.constantFrom(...BREAKS)), { maxLength: 14 }))
  .map(([fm, ls]) => fm + ls.map(([l, b]) => l + b).join(''));

/** Any generated document. */
export const documentArb: fc.Arbitrary<string> = fc.oneof({ weight: 1, arbitrary: soup }, { weight: 1, arbitrary: structured });

export const kindArb = fc.constantFrom('markdown' as const, 'plaintext' as const, 'contract' as const);

/** True when the offset falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const hi = text.charCodeAt(offset - 1);
  const lo = text.charCodeAt(offset);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/** An edit at a relative position: remove up to `maxRemove` characters there, insert one of `insertions`. */
export function editArb(insertions: readonly string[], maxRemove: number): fc.Arbitrary<{ at: number; remove: number; insert: string }> {
  return fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.integer({ min: 0, max: maxRemove }), insert: fc.constantFrom(...insertions) });
}

/** Applies the edits one by one, analysing with one cache throughout, and asserts that every
 *  incremental analysis (the first included) equals an analysis from scratch. */
export function assertIncrementalMatches(initial: string, kind: DocumentKind, edits: readonly { at: number; remove: number; insert: string }[]): void {
  const cache = createAnalysisCache();
  let text = initial;
  let previous = analyze(text, kind, {}, cache);
  assert.deepEqual(previous, analyze(text, kind));
  for (const e of edits) {
    const at = Math.floor(e.at * text.length);
    const delta = e.insert.length - (Math.min(text.length, at + e.remove) - at);
    text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
    // The next analysis moves findings of the previous one in place: their places before it.
    const was = new Map(previous.findings.map((f) => [f, structuredClone(f)]));
    const now = analyze(text, kind, {}, cache);
    assert.deepEqual(now, analyze(text, kind), `after inserting ${JSON.stringify(e.insert)} at ${at}`);
    // What the cache says was moved: findings of the previous analysis (or silenced in it), handed
    // out again, moved by the edit's change in length, fixes included.
    const handed = new Set(now.findings);
    for (const list of cache.moved ?? []) {
      for (const g of list) {
        const f = was.get(g);
        // A finding a suppression comment silenced was not handed out, but the chunk still had it.
        const silenced = previous.suppressed.some((x) => x.rule === g.rule && x.start === g.start - delta && x.end === g.end - delta);
        assert.ok(f || silenced, 'handed out by the previous analysis');
        assert.ok(!f || handed.has(g) || now.suppressed.length > 0, 'handed out again');
        if (!f) continue;
        assert.ok(f.start >= at && delta !== 0, 'only findings after a change in length move');
        assert.deepEqual(g, { ...f, start: f.start + delta, end: f.end + delta, fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((d) => ({ ...d, start: d.start + delta, end: d.end + delta })) })) });
      }
    }
    previous = now;
  }
}

/** As `assertIncrementalMatches`, with the text in pieces (core/pieces.ts) as the server holds an
 *  open document: each edit is made on the pieces and, as the editor's change says where it is,
 *  given to the analysis as a hint (every third edit without one: the texts are compared). */
export function assertPiecewiseMatches(initial: string, kind: DocumentKind, edits: readonly { at: number; remove: number; insert: string }[]): void {
  const cache = createAnalysisCache();
  let text = initial;
  let pieces = PieceText.of(initial);
  assert.deepEqual(analyze(pieces, kind, {}, cache), analyze(text, kind));
  edits.forEach((e, n) => {
    const at = Math.floor(e.at * text.length);
    const end = Math.min(text.length, at + e.remove);
    const next = pieces.edit(at, end, e.insert);
    if (n % 3 !== 2) cache.hint = { base: pieces, prefix: at, suffix: text.length - end };
    text = text.slice(0, at) + e.insert + text.slice(end);
    pieces = next;
    assert.deepEqual(analyze(pieces, kind, {}, cache), analyze(text, kind), `after inserting ${JSON.stringify(e.insert)} at ${at}`);
  });
}
