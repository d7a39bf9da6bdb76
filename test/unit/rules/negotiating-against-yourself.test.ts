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
