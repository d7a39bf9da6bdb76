// Incremental analysis (a cache per document, chunks reused after an edit) must give exactly what
// an analysis from scratch gives, whatever the edit does to the structure: open a fence, start a
// comment, join two paragraphs, insert front matter. Documents are built large enough to span
// many chunks (a chunk is at least 2 KB).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze, createAnalysisCache } from '../../server/src/core/analyze';
import { chunkStarts } from '../../server/src/core/chunks';
import { PieceText } from '../../server/src/core/pieces';
import { assertIncrementalMatches, assertPiecewiseMatches, documentArb, editArb, kindArb } from './generators';

const FILLER =
  'The Supplier shall provide the Services in a professional manner and in accordance with the Order Form. ' +
  'Each party shall keep the other party\'s Confidential Information confidential. ';

const bigDocument = fc
  .array(documentArb, { minLength: 8, maxLength: 14 })
  .map((parts) => parts.map((p, i) => `${p}\n\n${FILLER.repeat(1 + (i % 4))}`).join('\n\n'));

const edit = editArb([
  'x', '\n', '\n\n', '```\n', '~~~', '<!-- ', ' -->', '---\n', '    ', '- ', '# ', 'We can agree to that. ', '|', '\r\n', '\r', '😀', '`',
  '<!-- leverage-disable-next-line unconditional-concession -->\n', 'leverage-', '{++', '++}', '{--', '--}',
], 6);

let cases = 0;

test('incremental re-analysis after random edits equals analysis from scratch', () => {
  fc.assert(
    fc.property(bigDocument, kindArb, fc.array(edit, { minLength: 1, maxLength: 6 }), (initial, kind, edits) => {
      cases++;
      assertIncrementalMatches(initial, kind, edits);
    }),
    { seed: 20261126, numRuns: 120 },
  );
  console.log(`incremental: ${cases} generated documents with up to 6 edits each`);
});

// The server's documents are kept in pieces and its edits say where they are: the chunk scan then
// reads a window around the edit, and falls back to the whole text when boundaries move further.
test('incremental re-analysis of a text in pieces equals analysis from scratch', () => {
  let runs = 0;
  fc.assert(
    fc.property(bigDocument, kindArb, fc.array(edit, { minLength: 1, maxLength: 6 }), (initial, kind, edits) => {
      runs++;
      assertPiecewiseMatches(initial, kind, edits);
    }),
    { seed: 20261127, numRuns: 120 },
  );
  assert.equal(runs, 120);
});

// A Markdown draft whose first line is `---` with no closing line has no front matter; a closing
// line added anywhere later makes everything up to it front matter, however far from the edit.
test('a closing front-matter line added far from the opening one reads as from scratch', () => {
  const filler = 'The Supplier shall deliver the Services in a professional manner. '.repeat(12);
  for (const [open, close] of [['---', '---'], ['---', '...'], ['+++', '+++']] as const) {
    const paragraphs = Array.from({ length: 12 }, () => `We can agree to that. ${filler}\n\n`);
    const text = `${open}\n\n${paragraphs.join('')}`;
    const at = text.length - paragraphs[0]!.length;
    const edited = `${text.slice(0, at)}${close}\n\n${text.slice(at)}`;
    for (const pieces of [false, true]) {
      const cache = createAnalysisCache();
      assert.deepEqual(analyze(pieces ? PieceText.of(text) : text, 'markdown', {}, cache), analyze(text, 'markdown'));
      if (pieces) cache.hint = { base: cache.text, prefix: at, suffix: text.length - at };
      const fresh = analyze(edited, 'markdown');
      assert.equal(fresh.findings.length, 1, 'only the paragraph after the front matter');
      assert.deepEqual(analyze(pieces ? PieceText.of(edited) : edited, 'markdown', {}, cache), fresh, `${open} closed by ${close}${pieces ? ', in pieces' : ''}`);
    }
  }
});

// Chunk starts are picked greedily (at least a minimum apart): a start removed by an edit (a
// character typed into the blank line before it) moves every later pick. The scan still stops at
// the next old start, so only the chunks around the edit are read again.
test('typing into the blank line before a chunk start reads only the chunks around it again', () => {
  // Paragraphs of uneven lengths, as in a real draft (a fixed pseudo-random sequence).
  let seed = 11;
  const next = () => (seed = (seed * 16807) % 2147483647);
  const paragraph = (i: number) => `Clause ${i}. We can agree to that. ${'The Supplier shall deliver. '.repeat(1 + (next() % 40))}\n\n`;
  const text = Array.from({ length: 400 }, (_, i) => paragraph(i)).join('');
  assert.ok(text.length > 131072);
  for (const at of [0.3, 0.6, 0.9]) {
    const cache = createAnalysisCache();
    analyze(text, 'markdown', {}, cache);
    const before = new Set(cache.results);
    const start = cache.starts[Math.floor(cache.starts.length * at)]!;
    assert.equal(text.slice(start - 2, start), '\n\n');
    const edited = `${text.slice(0, start - 1)}x${text.slice(start - 1)}`;
    assert.deepEqual(analyze(edited, 'markdown', {}, cache), analyze(edited, 'markdown'));
    const readAgain = cache.results.filter((r) => !before.has(r)).length;
    assert.ok(readAgain <= 3, `${readAgain} of ${cache.results.length} chunks read again`);
  }
});

// The chunk scan must read front matter and comments as the Markdown reader does (segment.ts):
// a chunk start it takes for clean inside front matter or a code block splits them.
test('front matter closed by a line with Unicode white space after the delimiter reads as from scratch', () => {
  const p = 'We can agree to that. '.repeat(100);
  for (const space of ['\u00a0', '\f', '\v', '\ufeff', '\u3000', ' \t']) {
    const old = `---\n${p}\n\nB\n---${space}\n\nWe can agree to that.\n`;
    for (const pieces of [false, true]) {
      const cache = createAnalysisCache();
      analyze(pieces ? PieceText.of(old) : old, 'markdown', {}, cache);
      const text = old.slice(0, 4) + old.slice(2004);
      if (pieces) cache.hint = { base: cache.text, prefix: 4, suffix: old.length - 2004 };
      const fresh = analyze(text, 'markdown');
      assert.equal(fresh.findings.length, 1, 'only the sentence after the front matter');
      assert.deepEqual(analyze(pieces ? PieceText.of(text) : text, 'markdown', {}, cache), fresh, `${JSON.stringify(space)}${pieces ? ', in pieces' : ''}`);
    }
  }
});

test('a <!-- that the Markdown reader does not take for a comment does not hide a fence from the chunk scan', () => {
  const filler = 'The Supplier shall deliver the goods. '.repeat(60);
  for (const opener of ['\\<!-- x', '[a](x <!-- y)', '[ref]: <!--', '    <!-- code']) {
    const old = `Intro.\n\n${opener}\n\`\`\`\n${filler}\n-->\n\nB We can agree to that.\n\`\`\`\n\nEnd.\n`;
    // The sentence is in a code block: not flagged, though the text is long enough for chunks.
    assert.deepEqual(analyze(old, 'markdown').findings.map((f) => f.rule), [], `${opener}: read in chunks`);
    const cache = createAnalysisCache();
    analyze(old, 'markdown', {}, cache);
    const at = old.indexOf(filler);
    const text = old.slice(0, at) + old.slice(at + 2000);
    assert.deepEqual(analyze(text, 'markdown', {}, cache), analyze(text, 'markdown'), `${opener}: after an edit`);
  }
});

test('a change of options drops the cache instead of mixing results', () => {
  const cache = createAnalysisCache();
  const text = `${FILLER.repeat(30)}\n\nWe can agree to that.\n\n${FILLER.repeat(30)}`;
  assert.equal(analyze(text, 'markdown', {}, cache).findings.length, 1);
  assert.equal(analyze(text, 'markdown', { rules: { 'unconditional-concession': 'off' } }, cache).findings.length, 0);
  assert.equal(analyze(text, 'markdown', {}, cache).findings.length, 1);
});

// Whole-text facts (the line ending fixes insert, redline marks, suppression directives) are kept
// from edit to edit by searching only the changed region; removing the last occurrence of one
// must be noticed.
test('an edit that adds or removes the last CRLF, directive or redline mark reads as from scratch', () => {
  const para = 'We can agree to that. The Supplier shall deliver the Services. '.repeat(40);
  const base = [para, para, para, para].join('\n\n');
  const variants: [string, string][] = [
    ['\r\n', 'a CRLF'],
    ['<!-- leverage-disable-next-line unconditional-concession -->\n', 'a directive'],
    ['{++We can agree to that.++} ', 'a redline mark'],
  ];
  for (const [needle, what] of variants) {
    for (const kind of ['markdown', 'plaintext'] as const) {
      const at = base.indexOf('\n\n', base.length / 2) + 2;
      const withIt = base.slice(0, at) + needle + base.slice(at);
      const cache = createAnalysisCache();
      assert.deepEqual(analyze(base, kind, {}, cache), analyze(base, kind));
      assert.deepEqual(analyze(withIt, kind, {}, cache), analyze(withIt, kind), `${what} added (${kind})`);
      // Removed one character at a time from its end, then whole.
      let text = withIt;
      for (let k = needle.length - 1; k >= 0; k -= Math.max(1, Math.floor(needle.length / 4))) {
        text = withIt.slice(0, at + k) + withIt.slice(at + needle.length);
        assert.deepEqual(analyze(text, kind, {}, cache), analyze(text, kind), `${what} cut to ${k} characters (${kind})`);
      }
      assert.deepEqual(analyze(base, kind, {}, cache), analyze(base, kind), `${what} removed (${kind})`);
    }
  }
});

// Long documents get larger chunks (chunks.ts): an edit across the size where the chunk size
// changes re-chunks the whole document, and must still read as from scratch.
test('edits around the long-document chunk size read as from scratch', () => {
  const para = 'We can agree to that. The Supplier shall deliver the Services on time. ';
  const unit = `${para.repeat(12)}\n\n`;
  let text = unit.repeat(Math.floor(131072 / unit.length));
  while (text.length >= 131072) text = text.slice(unit.length);
  const cache = createAnalysisCache();
  assert.deepEqual(analyze(text, 'markdown', {}, cache), analyze(text, 'markdown'));
  for (const insert of [unit, 'x'.repeat(40), '\n\nWe insist on a 30-day cure period.\n\n']) {
    const at = Math.floor(text.length / 3);
    text = text.slice(0, at) + insert + text.slice(at);
    assert.deepEqual(analyze(text, 'markdown', {}, cache), analyze(text, 'markdown'), `${text.length} characters`);
  }
  // And back under it.
  text = text.slice(0, 1000) + text.slice(1000 + unit.length * 2);
  assert.deepEqual(analyze(text, 'markdown', {}, cache), analyze(text, 'markdown'), `${text.length} characters`);
  assert.ok(text.length < 131072);
});

// A chunk is read as a document of its own, where a `---` line at the start opens front matter.
// Long Markdown drafts often separate sections with `---` (a thematic break): a chunk must never
// start there, or everything up to the next `---` would be read as front matter and its findings
// lost (3 of these 12 concessions were, in 2 KB chunks).
test('a section separator (---) never starts a chunk: the sections after it are read as text', () => {
  const filler = 'The Supplier shall provide the Services in a professional manner and in accordance with the Order Form. '.repeat(8);
  const concession = 'We can agree to that.';
  for (const [size, sections] of [['short', 12], ['long', 160]] as const) {
    const text = `${filler}\n\n---\n\n${concession}\n\n`.repeat(sections);
    assert.equal(size === 'long', text.length > 131072);
    for (const starts of [chunkStarts(text, 'markdown')]) {
      assert.ok(starts.length > 4, `${size}: several chunks`);
      assert.ok(starts.every((s) => !text.startsWith('---', s)), `${size}: no chunk starts at a separator`);
    }
    const found = analyze(text, 'markdown').findings.filter((f) => f.rule === 'unconditional-concession');
    assert.equal(found.length, sections, `${size}: every concession`);
  }
});

// The chunk scanner follows HTML comments with a plain search, the masker reads inline code first.
// A `<!--` in inline code is code to the masker: a fence after it opens a code block. The scanner
// took it for a comment, skipped the fence inside it, and could start a chunk inside the code
// block after the `-->`, reading code as prose (a concession reported inside the code block).
test('after a <!-- that may be inline code, no chunk starts: the code block after it stays code', () => {
  const prose = 'The Supplier shall provide the Services in a professional manner and in accordance with the Order Form. ';
  const text = `Use \`<!--\` here.\n\n\`\`\`\n${prose.repeat(24)}\n\n-->\n\nWe can agree to that.\n\n${prose.repeat(30)}\n`;
  assert.ok(text.length > 4096);
  assert.deepEqual(chunkStarts(text, 'markdown'), [0]);
  assert.deepEqual(analyze(text, 'markdown').findings.filter((f) => f.rule === 'unconditional-concession'), [], 'the concession is inside the code block');
});

// A draft paired with its notes: leaks of private facts are found chunk by chunk and cached with
// the chunks; editing the draft, or changing the notes, must read as from scratch.
test('a paired draft reads as from scratch after edits to the draft and to the notes', () => {
  const notes = 'negotiation: Test\nwe: Supplier\nthey: Customer\nprivate:\n  walk_away: 212000\n  deadline: 2026-12-15\nissues:\n  - id: fees\n    priority: tradeable\n    position: Net-15 payment terms\n';
  const para = 'The Supplier shall deliver the Services on time and in full. ';
  const blocks = Array.from({ length: 12 }, (_, i) => (i === 5 ? 'We could go as far as $210,000 if needed. ' : '') + para.repeat(40));
  let text = blocks.join('\n\n');
  const cache = createAnalysisCache();
  const pairing = { notes };
  const scratch = (t: string, p = pairing) => analyze(t, 'markdown', {}, undefined, p);
  const first = analyze(text, 'markdown', {}, cache, pairing);
  assert.deepEqual(first, scratch(text));
  assert.ok(first.findings.some((f) => f.rule === 'leaked-position'), 'the near walk-away amount is a leak');
  for (const [at, insert] of [[10, 'x'], [text.indexOf('$210,000'), 'about '], [text.length - 5, '\n\nWe must sign by 15 December 2026.']] as const) {
    text = text.slice(0, at) + insert + text.slice(at);
    assert.deepEqual(analyze(text, 'markdown', {}, cache, pairing), scratch(text), `after inserting ${JSON.stringify(insert)}`);
  }
  // Other notes (no walk-away): the cached leaks must not survive.
  const other = { notes: notes.replace('  walk_away: 212000\n', '') };
  const again = analyze(text, 'markdown', {}, cache, other);
  assert.deepEqual(again, scratch(text, other));
  assert.ok(!again.findings.some((f) => f.rule === 'leaked-position' && text.slice(f.start, f.end).includes('210')));
});
