import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { configuredPhrases, phraseProblem } from '../../server/src/core/phrases';
import { applyEdits, checkFixture } from './fixture';

test('configured phrases join their family, with `*` for one or more words', () => {
  checkFixture(
    `
We will eat the shipping cost.
        ^^^^^^^^^^^^^^^^^^^^^ unconditional-concession
We will eat the shipping cost if the order is confirmed today.
The board wants it done yesterday.
          ^^^^^^^^^^^^^^^^^^^^^^^ over-disclosure
Your draft is tone-deaf.
              ^^^^^^^^^ hostile-tone
We expect a goodwill gesture.
   ^^^^^^^^^^^^^^^^^^^^^^^^^ unbenchmarked-demand
`,
    {
      rules: ['unconditional-concession', 'over-disclosure', 'hostile-tone', 'unbenchmarked-demand'],
      options: {
        phrases: {
          concession: ['eat the * cost'],
          disclosure: ['wants it done yesterday'],
          hostile: ['tone-deaf'],
          demand: ['expect a goodwill gesture'],
        },
      },
    },
  );
});

test('phrases never to flag silence what they cover', () => {
  const options = { phrases: { ignore: ['agree to the kickoff agenda'] } };
  assert.deepEqual(analyze('We can agree to the kickoff agenda.', 'markdown', options).findings, []);
  const other = analyze('We can agree to the timeline.', 'markdown', options).findings;
  assert.deepEqual(other.map((f) => f.rule), ['unconditional-concession']);
});

test('configured phrases are literal: regular-expression syntax matches itself and cannot break the pattern', () => {
  const re = configuredPhrases(['(a+)+$ [x]', 'waive .* fees'])!;
  assert.ok(re.test('we said (a+)+$ [x] here'));
  re.lastIndex = 0;
  assert.ok(!re.test('waive all fees'));
  // Plain text: in Markdown the asterisk is emphasis markup and is not read as prose.
  const { findings } = analyze('We must (really) waive .* fees.', 'plaintext', { phrases: { concession: ['waive .* fees'] } });
  assert.equal(findings[0]?.rule, 'unconditional-concession');
});

test('unusable phrases are refused with a reason and skipped', () => {
  assert.equal(phraseProblem('eat the * cost'), undefined);
  assert.match(phraseProblem('* *')!, /at least one word/);
  assert.match(phraseProblem('')!, /empty/);
  assert.match(phraseProblem(42)!, /string/);
  assert.match(phraseProblem('a * b * c * d * e')!, /at most 3/);
  assert.match(phraseProblem('x'.repeat(200))!, /at most 120/);
  assert.equal(configuredPhrases(['* *', 42 as unknown as string]), null);
});

test('playbook templates offer the firm wording, with the counter-ask filled in', () => {
  const text = 'On the indemnity, we will accept your wording.';
  const { findings } = analyze(text, 'markdown', {
    templates: { concession: ['We can consider that if {ask}.'] },
    tradeables: ['Net-15 payment terms'],
  });
  const fix = findings.find((f) => f.rule === 'unconditional-concession')!.fixes.find((f) => f.title.startsWith("Use the playbook's wording"))!;
  assert.equal(applyEdits(text, fix.edits), 'We can consider that if Net-15 payment terms.');
});
