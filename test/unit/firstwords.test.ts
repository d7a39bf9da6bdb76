// Word dispatch of phrase lists (firstwords.ts, phrases.ts phraseScanner): the keys read from a
// phrase's source, the word pass, and — the property that matters — that scanning a list word by
// word finds exactly the matches the whole pattern finds, for the rules' own lists, over generated
// text with curly apostrophes, underscores, accents, emoji, CRLF and block breaks.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { indexWords, KeyTable, keyHash, parsedPhraseKeys, phraseKeys } from '../../server/src/core/firstwords';
import { compilePhrases, phraseScanner, scannedByWords, WORD_PASS_MIN } from '../../server/src/core/phrases';
import { HOSTILE } from '../../server/src/core/rules/hostile-tone';
import { SECOND_OFFER } from '../../server/src/core/rules/negotiating-against-yourself';
import { OPEN_ENDED } from '../../server/src/core/rules/open-ended-concession';
import { DISCLOSURES } from '../../server/src/core/rules/over-disclosure';
import { DEMANDS } from '../../server/src/core/rules/unbenchmarked-demand';
import { CONCESSIONS } from '../../server/src/core/rules/unconditional-concession';

const keys = (phrase: string) => {
  const k = phraseKeys(phrase);
  return k ? [...k].sort() : null;
};

test('a phrase is keyed by the words it can start with', () => {
  assert.deepEqual(keys('take it or leave it'), ['take']);
  assert.deepEqual(keys("(we|i)(\\s+(can|could)|'ll|'d) give you"), ['i', 'we']);
  assert.deepEqual(keys("(we're|we are|i’m|i am) happy"), ['i', 'we']);
  assert.deepEqual(keys('(the )?(most important|main) thing'), ['main', 'most', 'the']);
  assert.deepEqual(keys("(is|are|'s) (really )?important"), ["'s", 'are', 'is']);
  assert.deepEqual(keys('need * to (survive|stay warm)'), ['need']);
  assert.deepEqual(keys('rip-off'), ['rip']);
  // An optional hyphen or apostrophe: the word may also run on.
  assert.deepEqual(keys('up-?front'), ['up', 'upfront']);
  assert.deepEqual(keys("we'?re here"), ['we', 'were']);
  assert.deepEqual(keys('net-\\d+'), ['net']);
  assert.deepEqual(keys('us(?!\\s+(both|all))'), ['us']);
  assert.deepEqual(keys('(we|i) (need|require) (a|\\d|\\$)'), ['i', 'we']);
  // A non-ASCII letter ends a key in the phrase as it does in the text ("café" → "caf").
  assert.deepEqual(keys('café au lait'), ['caf']);
  // Where the first word is not literal, the list is scanned whole.
  assert.equal(keys('(\\$|€|£)\\s?\\d'), null);
  assert.equal(keys('\\d+ days'), null);
  assert.equal(keys('* price'), null);
  assert.equal(keys('[a-z]+ price'), null);
  assert.equal(keys('(we|i'), null);
});

test('the quick reading of common first words agrees with the parser', () => {
  const phrases = [
    'take it or leave it', "we're flexible", 'rip-off', '(we|i) can', "(we're|we are|i’m|i am) happy", "(is|are|'s) important",
    '(our|my) (deadline|cut-off) is', 'ridiculous', '(or|and) (even )?(we|i) could', "(you're|you are) not being fair",
  ];
  for (const p of phrases) assert.deepEqual(keys(p), [...(parsedPhraseKeys(p) ?? [])].sort(), p);
  const word = fc.constantFrom('we', 'I', "we're", 'i’m', "'s", 'rip', 'off', 'a', 'x1', 'the most');
  const part = fc.oneof(word, fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => `(${w.join('|')})`));
  const joint = fc.constantFrom(' ', '-', "'ll ", '? ', '', '(', ')', '\\s+', '-?', "'?", '-*', '’{0,1}');
  fc.assert(
    fc.property(part, joint, part, (a, j, b) => {
      const p = `${a}${j}${b}`;
      // Built-in phrases compile (a malformed one fails at start-up): only those are compared.
      fc.pre(compiles(p));
      assert.deepEqual(keys(p), parsedPhraseKeys(p) ? [...parsedPhraseKeys(p)!].sort() : null, p);
    }),
    { seed: 20261126, numRuns: 500 },
  );
});

test('the word pass lists the keyed words where \\b sees a word start, and apostrophes after a word', () => {
  const table = new KeyTable();
  for (const k of ['we', "'s", 've', 'the']) table.add(keyHash(k), 1);
  const text = "We_we 1we we’s naïve THE-end it's _the";
  const index = indexWords(text, table);
  const found = [...index.at.subarray(0, index.length)].map((at) => text.slice(at, at + 3));
  // "We_we": one word (the underscore joins); "1we" is no start; "naïve" holds a start at "ve".
  assert.deepEqual(found, ['We_', 'we’', '’s ', 've ', 'THE', "'s "]);
});

test('the key table keeps every key as it grows', () => {
  const table = new KeyTable();
  const words = Array.from({ length: 600 }, (_, i) => `w${i}`);
  words.forEach((w, i) => table.add(keyHash(w), 1 << i % 30));
  words.forEach((w, i) => assert.ok((table.get(keyHash(w)) & (1 << i % 30)) !== 0, w));
  assert.equal(table.get(keyHash('absent')), 0);
});

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

const LISTS = { CONCESSIONS, DISCLOSURES, DEMANDS, HOSTILE, SECOND_OFFER, OPEN_ENDED };

test("the rules' phrase lists are all scanned word by word", () => {
  for (const [name, re] of Object.entries(LISTS)) assert.ok(scannedByWords(re), name);
  // A list whose first words cannot all be listed is scanned whole.
  assert.equal(scannedByWords(compilePhrases(['price', '\\d+ dollars'])), false);
  // Nor a list with a phrase that does not start with a word: it is matched after a lookbehind.
  assert.equal(scannedByWords(compilePhrases(['price', "'s own"])), false);
  assert.ok(scannedByWords(compilePhrases(['price', "(is|'s) own"])));
});

/** Matches as rules read them: after a match, on from its end; after a rejected one, from the
 *  next character (a shorter phrase may start inside it). `reject` decides which by position. */
function matches(next: (from: number) => RegExpExecArray | null, reject: (at: number) => boolean): string[] {
  const out: string[] = [];
  let from = 0;
  for (let m = next(from); m; m = next(from)) {
    out.push(`${m.index}:${m[0]}`);
    from = reject(m.index) ? m.index + 1 : m.index + Math.max(1, m[0].length);
  }
  return out;
}

const FILLER = 'The Supplier shall deliver the Services in accordance with this Agreement. '.repeat(110);

const FRAGMENTS = [
  'we can agree to that', 'We’ll accept', 'I’m happy to waive', "we'd be happy to give", 'that works for us', 'you can have it',
  'our budget is', 'the most important thing for us is', "it's really important to us", 'it’s crucial for me', 'we need this deal',
  'need a lot of firewood to survive', 'we must have', 'the price must be', 'you must reduce', 'We propose a 5%',
  'take it or leave it', 'ridiculous', 'a waste of our time', 'rip-off', 'are you serious', 'or we could go to',
  'failing that, we could', 'whatever you need', 'at any price', 'on any terms', 'anything you want',
  'we', 'We', 'WE', 'i', 'I', 'the', 'The', 'a', 'or', 'and', 'is', "'s", '’s', 'ʼs', 'us', 'me',
  '_we', 'we_', '1we', 'naïve', 'Café', 'İ', '😀', '§ 4.2', '“', '”', '-', '—', ',', '.', '?',
  ' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u2029', '\u00a0',
];

test('scanning word by word finds exactly what the whole pattern finds', () => {
  const textArb = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(textArb, fc.integer({ min: 0, max: 3 }), (generated, rejectEvery) => {
      // Long enough to be scanned word by word (shorter texts are scanned list by list).
      const text = `${generated}\n${FILLER}`;
      assert.ok(text.length >= WORD_PASS_MIN);
      const reject = (at: number) => rejectEvery > 0 && at % (rejectEvery + 1) === 0;
      const owner = {};
      for (const [name, re] of Object.entries(LISTS)) {
        const whole = (from: number) => {
          re.lastIndex = from;
          return re.exec(text);
        };
        assert.deepEqual(matches(phraseScanner(re, text, owner), reject), matches(whole, reject), `${name} in ${JSON.stringify(text)}`);
      }
    }),
    { seed: 20261126, numRuns: 300 },
  );
});
