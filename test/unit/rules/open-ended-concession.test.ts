import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFixture, preferredFixResult } from '../fixture';

const rules = ['open-ended-concession', 'unconditional-concession'];

test('flags concessions without limit, and only once per sentence', () => {
  checkFixture(
    `
To get this over the line, we are flexible on everything.
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ open-ended-concession
Just tell us whatever you need.
             ^^^^^^^^^^^^^^^^^ open-ended-concession
We will agree to anything at this point.
^^^^^^^^^^^^^^^^^^^^^^^^^ open-ended-concession
`,
    { rules },
  );
});

test('a limit or a tie to final agreement closes it', () => {
  checkFixture(
    `
We are flexible on everything, conditional on final agreement on all remaining terms.
We will accept anything within the approved budget range of the Order Form.
`,
    { rules },
  );
});

test('the preferred fix ties it to final agreement', () => {
  assert.equal(
    preferredFixResult('We are flexible on everything.', 'open-ended-concession'),
    'We are flexible on everything, conditional on final agreement on all remaining terms and no further material changes.',
  );
});
