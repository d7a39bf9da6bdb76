import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNotes } from '../../../server/src/core/notes/checks';
import { checkNotesFixture, fixed, yaml } from './helpers';

const rules = ['notes-schema'];
const messages = (text: string) => checkNotes(text).findings.filter((f) => f.rule === 'notes-schema').map((f) => f.message);

test('invalid YAML is reported at the parser’s position, and alone', () => {
  checkNotesFixture(
    `
issues:
  - id: fees
    category: economic
   resistance: high
   ^^^^^^^^^^^^^^^^ notes-schema
`,
    rules,
  );
  const text = 'batna: x\nbatna: y\nbenchmak: z\n';
  const { findings } = checkNotes(text);
  assert.equal(findings.length, 1);
  assert.equal(text.slice(findings[0]!.start, findings[0]!.end), 'batna');
  assert.equal(findings[0]!.start, 9);
  assert.equal(findings[0]!.message, 'Invalid YAML: Map keys must be unique (nothing else in the notes is checked until this is fixed).');
  // A warning (an unknown tag) is reported without stopping the other checks.
  const tagged = messages('batna: !secret Keep the pilot\nbenchmak: x\n');
  assert.equal(tagged.length, 2);
  assert.match(tagged[0]!, /^Questionable YAML: .*tag/i);
  assert.match(messages('a: 1\n---\nb: 2\n')[0]!, /multiple documents/);
  checkNotesFixture(
    `
their_interests: [speed, certainty
                                 ^ notes-schema
`,
    rules,
  );
});

test('unknown keys name the key, list the allowed ones, and fix close spellings', () => {
  checkNotesFixture(
    `
negotiaton: Acme
^^^^^^^^^^ notes-schema
Batna: Keep the pilot
^^^^^ notes-schema
private:
  walk-away: 95000
  ^^^^^^^^^ notes-schema
  floor: 90000
  ^^^^^ notes-schema
issues:
  - id: fees
    benchmak: 2025 survey
    ^^^^^^^^ notes-schema
    position: 120,000
  - {id: cap, 🙂: x, prority: want}
              ^^ notes-schema
                     ^^^^^^^ notes-schema
moves:
  - by: us
    on: fees
    ofer: 120,000
    ^^^^ notes-schema
`,
    rules,
  );
  const m = messages('issues:\n  - id: fees\n    benchmak: x\n');
  assert.deepEqual(m, [
    'Unknown key `benchmak` in an issue (did you mean `benchmark`?); allowed: id, title, category, priority, resistance, position, benchmark, status, note.',
  ]);
  assert.equal(fixed('issues:\n  - id: fees\n    benchmak: x\n', 'notes-schema'), 'issues:\n  - id: fees\n    benchmark: x\n');
  // No rename that would duplicate a key already there.
  const both = checkNotes('issues:\n  - id: fees\n    benchmark: x\n    benchmak: y\n').findings.find((f) => f.rule === 'notes-schema')!;
  assert.deepEqual(both.fixes, []);
});

test('unknown enum values are fixed when one allowed value is within two edits', () => {
  checkNotesFixture(
    `
issues:
  - id: fees
    priority: must have
              ^^^^^^^^^ notes-schema
    resistance: "hgh"
                ^^^^^ notes-schema
    category: Economic
              ^^^^^^^^ notes-schema
    status: closed
            ^^^^^^ notes-schema
moves:
  - by: they
        ^^^^ notes-schema
    on: fees
  - by:
    ^^^ notes-schema
    on: fees
`,
    rules,
  );
  assert.equal(fixed('issues:\n- id: a\n  priority: must have\n', 'notes-schema'), 'issues:\n- id: a\n  priority: must-have\n');
  assert.equal(fixed('issues:\n- id: a\n  resistance: "hgh"\n', 'notes-schema'), 'issues:\n- id: a\n  resistance: high\n');
  const closed = checkNotes('issues:\n- id: a\n  status: closed\n').findings.find((f) => f.rule === 'notes-schema')!;
  assert.equal(closed.message, 'Unknown status `closed`; allowed: open, agreed, conceded, dropped.');
  assert.deepEqual(closed.fixes, []);
});

test('wrong types say what was expected and found; a single value becomes a list', () => {
  checkNotesFixture(
    `
their_interests: speed, certainty
                 ^^^^^^^^^^^^^^^^ notes-schema
batna: true
       ^^^^ notes-schema
private: [95000]
         ^^^^^^^ notes-schema
plan:
  - fees
    ^^^^ notes-schema
  - {id: cap}
    ^^^^^^^^^ notes-schema
  -
  ^ notes-schema
issues:
  - fees
    ^^^^ notes-schema
  - id: 12
        ^^ notes-schema
    position: [120000, 110000]
              ^^^^^^^^^^^^^^^^ notes-schema
  - id: cap
concessions: give nothing
             ^^^^^^^^^^^^ notes-schema
`,
    rules,
  );
  assert.equal(fixed('their_interests: speed, certainty\n', 'notes-schema'), 'their_interests: ["speed, certainty"]\n');
  assert.equal(fixed("their_interests: 'speed'\n", 'notes-schema'), "their_interests: ['speed']\n");
  assert.equal(fixed('issues:\n- id: 12\n', 'notes-schema'), 'issues:\n- id: "12"\n');
  assert.deepEqual(messages('their_interests: speed\n'), ['`their_interests` should be a list, found text.']);
  assert.deepEqual(messages('- a\n- b\n'), [
    'The notes should be a mapping of keys (negotiation, we, they, draft, batna, private, their_interests, plan, issues, concessions, moves), found a list.',
  ]);
});

test('required keys: an issue needs an id, a move by and on, a concession a give', () => {
  checkNotesFixture(
    `
issues:
  - category: legal
    ^^^^^^^^^^^^^^^ notes-schema
concessions:
  - get: Net-15
    ^^^^^^^^^^^ notes-schema
moves:
  - {offer: 1}
    ^^^^^^^^^^ notes-schema
    ^^^^^^^^^^ notes-schema
`,
    rules,
  );
});

test('duplicate issue ids and references to unknown issues', () => {
  checkNotesFixture(
    `
plan: [fees, tiimng, support]
             ^^^^^^ notes-schema
                     ^^^^^^^ notes-schema
issues:
  - id: fees
  - id: timing
  - id: fees
        ^^^^ notes-schema
concessions:
  - give: Net-45
    get: Net-15
    issue: fee
           ^^^ notes-schema
moves:
  - by: us
    on: "Fees"
        ^^^^^^ notes-schema
`,
    rules,
  );
  const m = messages(yaml('issues:', '  - id: fees', '  - id: fees', 'moves:', '  - {by: us, on: price}'));
  assert.deepEqual(m, [
    'Issue id `fees` is already used on line 2; moves, concessions and the plan could not tell the two apart.',
    'The move refers to issue `price`, which is not in `issues`; the issues are fees.',
  ]);
  assert.equal(fixed('issues:\n- id: a\n- id: a\n', 'notes-schema'), 'issues:\n- id: a\n- id: a-2\n');
});
