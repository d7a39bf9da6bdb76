import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNotesFixture, fixed } from './helpers';

const rules = ['unbenchmarked-demand'];

test('flags an open issue with a position and no benchmark', () => {
  checkNotesFixture(
    `
issues:
  - id: fees
    position: Annual fee of 120,000 — “firm” 💶
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unbenchmarked-demand
    status: open
  - id: cap
    position: 24 months of fees
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^ unbenchmarked-demand
    benchmark:
  - id: term
    position: 36 months
    benchmark: Comparable 2025 deals
  - id: old
    position: Net-60
    status: agreed
  - id: empty
    position:
  - {id: flow, position: 10 days}
               ^^^^^^^^^^^^^^^^^ unbenchmarked-demand
`,
    rules,
  );
});

test('the fix adds a benchmark line under the position; configured benchmarks come first', () => {
  const text = 'issues:\n- id: fees\n  position: "120,000"   # list price\n  status: open\n';
  assert.equal(
    fixed(text, 'unbenchmarked-demand'),
    'issues:\n- id: fees\n  position: "120,000"   # list price\n  benchmark: "TODO: objective standard (market data, comparable deals, law or policy)"\n  status: open\n',
  );
  assert.equal(
    fixed(text, 'unbenchmarked-demand', { benchmarks: ['2025 SaaS pricing survey'] }),
    'issues:\n- id: fees\n  position: "120,000"   # list price\n  benchmark: "2025 SaaS pricing survey"\n  status: open\n',
  );
  checkNotesFixture(
    `
issues:
  - id: fees
    position: |
    ^^^^^^^^^^^ unbenchmarked-demand
      Annual fee of 120,000,
      payable quarterly
    status: open
`,
    rules,
    { benchmarks: ['2025 SaaS pricing survey', 'Harbor’s 2024 renewal'] },
  );
});
