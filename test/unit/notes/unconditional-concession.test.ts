import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNotes } from '../../../server/src/core/notes/checks';
import { checkNotesFixture, fixed, yaml } from './helpers';

const rules = ['unconditional-concession'];

test('flags a give with no get, or an empty get', () => {
  checkNotesFixture(
    `
batna: Keep the pilot
concessions:
  - give: Accept a 12-month minimum term
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unconditional-concession
    issue: term
  - give: Waive the set-up fee 🎁
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unconditional-concession
    get:
  - give: Net-45 payment
    get: A 36-month initial term
  - {give: Free training days, issue: support}
     ^^^^^^^^^^^^^^^^^^^^^^^^ unconditional-concession
  - get: Something for nothing
`,
    rules,
  );
});

test('the preferred fix asks for the first open tradeable issue, under the give, same indentation', () => {
  const text = yaml(
    'issues:',
    '  - id: term',
    '    priority: tradeable',
    '    position: A 36-month initial term',
    '  - id: payment',
    '    priority: tradeable',
    '    status: agreed',
    '    position: Net-15',
    '  - id: support',
    '    priority: tradeable',
    'concessions:',
    '  -   give: Waive the set-up fee',
    '      issue: fees',
  );
  assert.equal(
    fixed(text, 'unconditional-concession'),
    text.replace('      issue: fees', '      get: A 36-month initial term\n      issue: fees'),
  );
  // One fix per open tradeable issue (position, else id), then the TODO stub.
  const f = checkNotes(text).findings.find((x) => x.rule === 'unconditional-concession')!;
  assert.deepEqual(
    f.fixes.map((x) => x.edits[0]!.newText.trim()),
    ['get: A 36-month initial term', 'get: support', 'get: "TODO: what we ask in return"'],
  );
});

test('without tradeable issues, the configured tradeables, else a TODO', () => {
  const text = 'concessions:\n  - give: Net-45\n';
  assert.equal(fixed(text, 'unconditional-concession'), 'concessions:\n  - give: Net-45\n    get: "TODO: what we ask in return"\n');
  assert.equal(
    fixed(text, 'unconditional-concession', { tradeables: ['Net-15 payment terms'] }),
    'concessions:\n  - give: Net-45\n    get: Net-15 payment terms\n',
  );
  checkNotesFixture(
    `
concessions:
  - give: Net-45
    ^^^^^^^^^^^^ unconditional-concession
`,
    rules,
    { tradeables: ['Net-15 payment terms', 'a 12-month warranty'] },
  );
});

test('an empty get is filled in place; a flow entry gets ", get: ..."', () => {
  assert.equal(
    fixed('concessions:\n  - give: X\n    get:   # later\n', 'unconditional-concession'),
    'concessions:\n  - give: X\n    get: "TODO: what we ask in return"   # later\n',
  );
  assert.equal(
    fixed('concessions: [{give: X, issue: fees}]\n', 'unconditional-concession'),
    'concessions: [{give: X, get: "TODO: what we ask in return", issue: fees}]\n',
  );
});
