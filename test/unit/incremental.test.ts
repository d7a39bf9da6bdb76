// Incremental analysis (a cache per document, chunks reused after an edit) must give exactly what
// an analysis from scratch gives, whatever the edit does to the structure: open a fence, start a
// comment, join two paragraphs, insert front matter. Documents are built large enough to span
// many chunks (a chunk is at least 2 KB).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze, createAnalysisCache } from '../../server/src/core/analyze';
import { documentArb, kindArb } from './generators';

const FILLER =
  'The Supplier shall provide the Services in a professional manner and in accordance with the Order Form. ' +
  'Each party shall keep the other party\'s Confidential Information confidential. ';

const bigDocument = fc
  .array(documentArb, { minLength: 8, maxLength: 14 })
  .map((parts) => parts.map((p, i) => `${p}\n\n${FILLER.repeat(1 + (i % 4))}`).join('\n\n'));

const insertion = fc.constantFrom('x', '\n', '\n\n', '```\n', '~~~', '<!-- ', ' -->', '---\n', '    ', '- ', '# ', 'We can agree to that. ', '|', '\r\n', '😀', '`');

const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.integer({ min: 0, max: 6 }), insert: insertion });

let cases = 0;

test('incremental re-analysis after random edits equals analysis from scratch', () => {
  fc.assert(
    fc.property(bigDocument, kindArb, fc.array(edit, { minLength: 1, maxLength: 6 }), (initial, kind, edits) => {
      cases++;
      const cache = createAnalysisCache();
      let text = initial;
      assert.deepEqual(analyze(text, kind, {}, cache), analyze(text, kind));
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
        assert.deepEqual(analyze(text, kind, {}, cache), analyze(text, kind), `after inserting ${JSON.stringify(e.insert)} at ${at}`);
      }
    }),
    { seed: 20261126, numRuns: 120 },
  );
  console.log(`incremental: ${cases} generated documents with up to 6 edits each`);
});

test('a change of options drops the cache instead of mixing results', () => {
  const cache = createAnalysisCache();
  const text = `${FILLER.repeat(30)}\n\nWe can agree to that.\n\n${FILLER.repeat(30)}`;
  assert.equal(analyze(text, 'markdown', {}, cache).findings.length, 1);
  assert.equal(analyze(text, 'markdown', { rules: { 'unconditional-concession': 'off' } }, cache).findings.length, 0);
  assert.equal(analyze(text, 'markdown', {}, cache).findings.length, 1);
});
