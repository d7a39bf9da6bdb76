import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFixture, preferredFixResult } from '../fixture';

const rules = ['over-disclosure'];

test('flags urgency, budget ceilings, no alternatives, pressure and what we value most', () => {
  checkFixture(
    `
Our budget is 100,000 for the whole project.
^^^^^^^^^^^^^ over-disclosure
We have no other supplier who can do this.
^^^^^^^^^^^^^^^^^^^^^^^^^ over-disclosure
We really need to sign this by Friday.
^^^^^^^^^^^^^^^^^^^^^^^^^^^ over-disclosure
My board is pushing hard for a signature.
^^^^^^^^^^^^^^^^^^^ over-disclosure
Water is very important to me.
      ^^^^^^^^^^^^^^^^^^^^^^^ over-disclosure
`,
    { rules },
  );
});

test('neutral process language stays quiet', () => {
  checkFixture(
    `
We are prepared to move quickly once the remaining issues are resolved.
We need to review that carefully.
The Customer's budget is set out in the Order Form.
`,
    { rules },
  );
});

test('the preferred fix replaces the sentence with a neutral line; the other removes it', () => {
  assert.equal(
    preferredFixResult('Thanks. We really need to sign this by Friday. Best, Ann', 'over-disclosure'),
    'Thanks. We are prepared to move quickly once the remaining issues are resolved. Best, Ann',
  );
});
