import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFixture, preferredFixResult } from '../fixture';

const rules = ['narrow-issue-framing'];

test('flags a message that negotiates price alone, once, at the first mention', () => {
  checkFixture(
    `
Dear Ms Lee,

Thank you for your offer. The price is too high for us.
                              ^^^^^ narrow-issue-framing
We propose a fee of 90,000 instead.
`,
    { rules },
  );
});

test('a message with other tradeable terms stays quiet, and so does a contract', () => {
  checkFixture(
    `
Thank you for your offer. The price is too high for us, but we could discuss the payment schedule.
`,
    { rules },
  );
  checkFixture(
    `
Thank you for your offer. The price is too high for us.
`,
    { rules: ['narrow-issue-framing'], kind: 'contract' },
  );
});

test('the fix puts other issues on the table', () => {
  assert.equal(
    preferredFixResult('Thank you for your offer. The price is too high for us.', 'narrow-issue-framing'),
    'Thank you for your offer. The price is too high for us. We would also like to discuss the payment schedule, the delivery timeline and the scope of services.',
  );
});

test('does not depend on what was analysed before (no shared regex state)', () => {
  const { analyze } = require('../../../server/src/core/analyze') as typeof import('../../../server/src/core/analyze');
  const long = `${'Thank you for the offer. '.repeat(40)}We discussed the payment schedule.`;
  analyze(long, 'markdown');
  const short = 'Our offer: the price is too high.';
  assert.equal(analyze(short, 'markdown').findings.filter((f) => f.rule === 'narrow-issue-framing').length, 1);
});
