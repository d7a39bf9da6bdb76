import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFixture, preferredFixResult } from '../fixture';

const rules = ['hostile-tone'];

test('flags contempt, insults and ultimatums', () => {
  checkFixture(
    `
Frankly, this markup is ridiculous.
                        ^^^^^^^^^^ hostile-tone
Take it or leave it.
^^^^^^^^^^^^^^^^^^^ hostile-tone
Sign by Monday or we will sue you.
                  ^^^^^^^^^^^^^^^ hostile-tone
`,
    { rules },
  );
});

test('firm but calm language stays quiet', () => {
  checkFixture(
    `
This does not work for us as drafted. What would make it workable?
The limitation of liability shall in no way limit either party's obligations.
`,
    { rules },
  );
});

test('the preferred fix keeps the sentence and calms the phrase', () => {
  assert.equal(preferredFixResult('Frankly, this markup is ridiculous.', 'hostile-tone'), 'Frankly, this markup is difficult for us.');
  assert.equal(preferredFixResult('Take it or leave it.', 'hostile-tone'), 'This is our proposal.');
});
