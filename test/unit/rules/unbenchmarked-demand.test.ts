import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import { checkFixture, preferredFixResult } from '../fixture';

const rules = ['unbenchmarked-demand'];

test('flags demands on a term with no standard behind them', () => {
  checkFixture(
    `
We need a liability cap of twelve months of fees.
^^^^^^^^^ unbenchmarked-demand
You must reduce the price by 15%.
^^^^^^^^^^^^^^^ unbenchmarked-demand
Our position is that the deposit is refundable.
^^^^^^^^^^^^^^^ unbenchmarked-demand
`,
    { rules },
  );
});

test('a cited standard makes the demand benchmarked', () => {
  checkFixture(
    `
We need a liability cap of twelve months of fees, which is market practice for comparable deals.
You must reduce the price by 15%, in line with the 2025 industry survey.
We require a 30-day notice period, as the statute requires.
`,
    { rules },
  );
});

test('requests with no term in them, and third-party obligations, stay quiet', () => {
  checkFixture(
    `
We need to review that carefully.
The Supplier must provide the Services in a professional manner.
`,
    { rules },
  );
});

test('the fix appends a standard, and configured benchmarks come first', () => {
  assert.equal(
    preferredFixResult('We need a cap of 12 months of fees.', 'unbenchmarked-demand'),
    'We need a cap of 12 months of fees, consistent with market practice for comparable transactions.',
  );
  const { findings } = analyze('We need a cap of 12 months of fees.', 'markdown', { benchmarks: ['the 2025 SaaS contracts survey'] });
  const preferred = findings[0]!.fixes.find((f) => f.preferred)!;
  assert.equal(preferred.edits[0]!.newText, ', in line with the 2025 SaaS contracts survey');
});
