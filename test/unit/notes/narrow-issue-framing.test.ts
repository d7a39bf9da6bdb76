import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNotes } from '../../../server/src/core/notes/checks';
import { checkNotesFixture, fixed, yaml } from './helpers';

const rules = ['narrow-issue-framing'];

test('flags fewer than three issues, at the issues key', () => {
  checkNotesFixture(
    `
negotiation: Price only 💸
issues:
^^^^^^ narrow-issue-framing
  - id: fees
    category: economic
    priority: must-have
`,
    rules,
  );
});

test('flags issues all of one category', () => {
  checkNotesFixture(
    `
issues:
^^^^^^ narrow-issue-framing
  - id: fees
    category: economic
  - id: discount
    category: economic
  - id: payment-structure
    category: economic
`,
    rules,
  );
});

test('three issues in two categories, or uncategorised issues, stay quiet', () => {
  checkNotesFixture(
    `
issues:
  - id: fees
    category: economic
  - id: cap
    category: legal
  - id: discount
    category: economic
`,
    rules,
  );
  checkNotesFixture(
    `
issues: [{id: a}, {id: b}, {id: c}]
`,
    rules,
  );
});

test('the fix appends candidates at the list indentation, skipping ids in use, to three categories', () => {
  const text = yaml('issues:', '  -   id: fees', '      category: economic', '  -   id: timing', '      category: economic', 'moves: []');
  assert.equal(
    fixed(text, 'narrow-issue-framing'),
    yaml(
      'issues:',
      '  -   id: fees',
      '      category: economic',
      '  -   id: timing',
      '      category: economic',
      '  -   id: scope',
      '      category: operational',
      '      priority: tradeable',
      '      status: open',
      '  -   id: warranties',
      '      category: legal',
      '      priority: tradeable',
      '      status: open',
      'moves: []',
    ),
  );
});

test('an absent, empty, null or flow issues list gets candidates too', () => {
  checkNotesFixture(
    `
negotiation: Acme
^^^^^^^^^^^^^^^^^ narrow-issue-framing
batna: Keep the pilot
`,
    rules,
  );
  assert.equal(
    fixed('negotiation: Acme\n', 'narrow-issue-framing'),
    yaml(
      'negotiation: Acme',
      'issues:',
      '  - id: timing',
      '    category: operational',
      '    priority: tradeable',
      '    status: open',
      '  - id: payment-structure',
      '    category: economic',
      '    priority: tradeable',
      '    status: open',
      '  - id: warranties',
      '    category: legal',
      '    priority: tradeable',
      '    status: open',
    ),
  );
  checkNotesFixture(
    `
issues:   # to do
^^^^^^ narrow-issue-framing
batna: x
`,
    rules,
  );
  checkNotesFixture(
    `
issues: ~
^^^^^^ narrow-issue-framing
`,
    rules,
  );
  checkNotesFixture(
    `
issues: []
^^^^^^ narrow-issue-framing
`,
    rules,
  );
  checkNotesFixture(
    `
issues: [{id: fees, category: economic}, ]
^^^^^^ narrow-issue-framing
`,
    rules,
  );
});

test('issues that are not a list are left to the schema', () => {
  const { findings } = checkNotes('batna: x\nissues: fees\n');
  assert.deepEqual(findings.map((f) => f.rule), ['notes-schema']);
});
