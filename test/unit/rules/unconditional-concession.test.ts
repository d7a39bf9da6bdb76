import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import { checkFixture, preferredFixResult } from '../fixture';

const rules = ['unconditional-concession'];

test('flags concessions given for nothing', () => {
  checkFixture(
    `
Thank you for the revised draft. We can agree to that.
                                 ^^^^^^^^^^^^^^^ unconditional-concession
On the indemnity, we’ll accept your wording.
                  ^^^^^^^^^^^^ unconditional-concession
I am happy to waive the late fee this time.
^^^^^^^^^^^^^^^^^^^ unconditional-concession
That works for us.
^^^^^^^^^^^^^^^^^ unconditional-concession
We agree to waive the late-payment interest.
^^^^^^^^^^^^^^^^^ unconditional-concession
`,
    { rules },
  );
});

test('a condition in the sentence, or an exchange right after it, makes it a trade', () => {
  checkFixture(
    `
We can agree to that if the payment terms are adjusted.
We can accept the cap, provided that the term is 24 months.
We will waive the fee in exchange for a 12-month commitment.
We can agree to the new timeline. In return, we need Net-15 payment terms.
I can give you 2 firewood for 3 water.
I can give you 3 food but I'd need the additional firewood.
We need the cap at twice the annual fees. We can agree to your termination wording.
`,
    { rules },
  );
});

test('contract boilerplate in the third person stays quiet', () => {
  checkFixture(
    `
1. Each party shall keep the other's Confidential Information confidential.
2. The Customer agrees that all fees are non-refundable.
3. Supplier waives any claim arising from late delivery notices.
`,
    { rules, kind: 'contract' },
  );
});

test('positions survive emoji, curly quotes, § and CRLF', () => {
  checkFixture(
    `
😀 Re § 4.2 (“Fees”): we can agree to that.
                      ^^^^^^^^^^^^^^^ unconditional-concession
`,
    { rules },
  );
});

test('the preferred fix rewrites into a conditional trade, keeping punctuation', () => {
  assert.equal(preferredFixResult('We can agree to that.', 'unconditional-concession'), 'We can consider that if the payment terms are adjusted.');
  assert.equal(preferredFixResult('“We accept the cap.”', 'unconditional-concession'), '“We could accept the cap if the payment terms are adjusted.”');
});

test('offers one fix per tradeable from configuration', () => {
  const { findings } = analyze('We can agree to that.', 'markdown', { tradeables: ['Net-15 payment terms', 'a 12-month warranty'] });
  const titles = findings[0]!.fixes.map((f) => f.title);
  assert.ok(titles.some((t) => t.includes('in exchange for Net-15 payment terms')), titles.join('\n'));
  assert.ok(titles.some((t) => t.includes('in exchange for a 12-month warranty')), titles.join('\n'));
  assert.ok(findings[0]!.fixes[0]!.title.includes('if we also agree on Net-15 payment terms'));
});

test('code, front matter, comments and link targets are not prose', () => {
  checkFixture(
    `
---
note: We can agree to that.
---
\`We can agree to that.\` <!-- We can agree to that. -->

    We can agree to that.

[see](https://example.com/we-can-agree-to-that)
\`\`\`
We can agree to that.
\`\`\`
`,
    { rules },
  );
});
