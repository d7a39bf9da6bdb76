import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNotesFixture, fixed, yaml } from './helpers';

const rules = ['request-sequencing'];

test('flags a hard must-have listed before an easy issue', () => {
  checkNotesFixture(
    `
issues:
  - id: fees
        ^^^^ request-sequencing
    priority: must-have
    resistance: high
  - id: cap
    resistance: medium
  - id: timing
    resistance: low
`,
    rules,
  );
});

test('closed issues and easy-first orders stay quiet', () => {
  checkNotesFixture(
    `
issues:
  - id: timing
    resistance: low
  - id: fees
    priority: must-have
    resistance: high
  - id: support
    resistance: medium
  - id: old
    resistance: low
    status: agreed
`,
    rules,
  );
});

test('the fix rewrites the issues easiest first, each item with its comments', () => {
  const text = yaml(
    'issues:',
    '  - id: fees   # the big one',
    '    priority: must-have',
    '    resistance: high',
    '',
    '  # easy',
    '  - id: timing',
    '    resistance: low',
    '  - {id: cap}',
    '  - id: support',
    '    resistance: low',
    'moves: []',
  );
  assert.equal(
    fixed(text, 'request-sequencing'),
    yaml(
      'issues:',
      '  # easy',
      '  - id: timing',
      '    resistance: low',
      '  - id: support',
      '    resistance: low',
      '  - {id: cap}',
      '  - id: fees   # the big one',
      '    priority: must-have',
      '    resistance: high',
      'moves: []',
    ),
  );
});

test('a plan list sets the order, block or flow', () => {
  const issues = yaml('issues:', '  - {id: fees, priority: must-have, resistance: high}', '  - {id: timing, resistance: low}', '  - {id: cap}');
  checkNotesFixture(
    `
plan:
  - cap
  - fees
    ^^^^ request-sequencing
  - timing
${issues}`,
    rules,
  );
  checkNotesFixture(
    `
plan: [fees, cap, timing]
       ^^^^ request-sequencing
${issues}`,
    rules,
  );
  assert.equal(fixed(`plan: [fees, cap, timing]\n${issues}`, 'request-sequencing'), `plan: [timing, fees, cap]\n${issues}`.replace('[timing, fees, cap]', '[timing, cap, fees]'));
  checkNotesFixture(
    `
plan: [timing, fees]
${issues}`,
    rules,
  );
});
