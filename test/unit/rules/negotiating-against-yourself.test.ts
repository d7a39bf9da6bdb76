import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFixture, preferredFixResult } from '../fixture';

const rules = ['negotiating-against-yourself'];

test('flags a second, better offer in the same message', () => {
  checkFixture(
    `
We propose an annual fee of 120,000, or we could go to 110,000.
                                     ^^^^^^^^^^^^^^^^^ negotiating-against-yourself
If that does not work, we could offer a 10% discount.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ negotiating-against-yourself
`,
    { rules },
  );
});

test('a single offer stays quiet', () => {
  checkFixture(
    `
We propose an annual fee of 120,000. Which part of the proposal is difficult for you?
The Supplier could go to arbitration under Section 12.
`,
    { rules },
  );
});

test('the preferred fix replaces the improvement with a question', () => {
  assert.equal(
    preferredFixResult('We propose an annual fee of 120,000, or we could go to 110,000.', 'negotiating-against-yourself'),
    'We propose an annual fee of 120,000. Which part of the proposal is difficult for you?',
  );
});

test('with a benchmark appended first, the question still lands and keeps the benchmark', () => {
  const { analyze } = require('../../../server/src/core/analyze') as typeof import('../../../server/src/core/analyze');
  const { applyEdits } = require('../fixture') as typeof import('../fixture');
  const text = 'We propose an annual fee of 225,000, or we could go to 210,000.';
  const findings = analyze(text, 'markdown').findings;
  const edits = ['unbenchmarked-demand', 'negotiating-against-yourself'].flatMap((rule) => findings.find((f) => f.rule === rule)!.fixes.find((f) => f.preferred)!.edits);
  assert.equal(
    applyEdits(text, edits),
    'We propose an annual fee of 225,000, consistent with market practice for comparable transactions. Which part of the proposal is difficult for you?',
  );
});
