import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNotesFixture, fixed, yaml } from './helpers';

const rules = ['negotiating-against-yourself'];

test('flags our second offer on an issue before they answered', () => {
  checkNotesFixture(
    `
issues: [{id: fees}, {id: cap}]
moves:
  - by: us
    on: fees
    offer: 240,000
  - by: us
    on: cap
    offer: 12 months
  - by: us
    on: fees
    offer: 225,000 😬
    ^^^^^^^^^^^^^^^^^ negotiating-against-yourself
  - by: them
    on: fees
    offer: 195,000
  - by: us
    on: fees
    offer: 215,000
  - {by: us, on: fees, offer: 210000}
                       ^^^^^^^^^^^^^ negotiating-against-yourself
  - by: us
    on: cap
    ask: Which part is difficult?
`,
    rules,
  );
});

test('the fix turns the offer into a question and keeps the figure as a comment', () => {
  const text = yaml('moves:', '  - by: us', '    on: fees', '    offer: 120,000', '  - offer: 110,000 # fallback', '    by: us', '    on: fees');
  assert.equal(
    fixed(text, 'negotiating-against-yourself'),
    yaml(
      'moves:',
      '  - by: us',
      '    on: fees',
      '    offer: 120,000',
      '  - ask: "Which part of our proposal is difficult for you?"  # withheld offer: 110,000 # fallback',
      '    by: us',
      '    on: fees',
    ),
  );
});

test('when the move already asks, the offer becomes a comment', () => {
  checkNotesFixture(
    `
issues: [{id: fees}]
moves:
  - {by: us, on: fees, offer: 1}
  - offer: 2
    ^^^^^^^^ negotiating-against-yourself
    by: us
    on: fees
    ask:
  - by: us
    on: fees
    ask: Is the term the difficulty?
    offer: 3
    ^^^^^^^^ negotiating-against-yourself
`,
    rules,
  );
  assert.equal(
    fixed('moves:\n- {by: us, on: fees, offer: 1}\n- offer: 2\n  by: us\n  on: fees\n  ask: Why?\n', 'negotiating-against-yourself'),
    'moves:\n- {by: us, on: fees, offer: 1}\n- # withheld offer: 2\n  by: us\n  on: fees\n  ask: Why?\n',
  );
});
