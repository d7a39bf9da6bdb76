// Private facts written in prose in the notes ("95,000 EUR per year", "15 December 2026") are as
// private as bare ones: the draft's leaked-position rule finds them, and the progress paragraph
// for outgoing text never names an issue that would give one away.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { checkNotes } from '../../server/src/core/notes/checks';
import { isoDate } from '../../server/src/core/rules/leaked-position';
import { progressParagraph } from '../../server/src/core/summary/progress';

const NOTES = [
  'negotiation: Prose facts',
  'we: Supplier',
  'they: Customer',
  'private:',
  '  walk_away: 95,000 EUR per year',
  '  deadline: 15 December 2026',
  'batna: Renew with Crestline at its published 2026 rates',
  'issues:',
  '  - id: fees',
  '    title: Fee floor of 95,000',
  '    status: open',
  '  - id: timing',
  '    title: Signing before December 15',
  '    status: agreed',
  '  - id: scope',
  '    status: agreed',
  '',
].join('\n');

test('dates in the forms notes use are read as ISO dates; ambiguous ones are not', () => {
  assert.equal(isoDate('15 December 2026'), '2026-12-15');
  assert.equal(isoDate('December 15, 2026'), '2026-12-15');
  assert.equal(isoDate('Dec. 15 2026'), '2026-12-15');
  assert.equal(isoDate('15th of December 2026'), '2026-12-15');
  assert.equal(isoDate('15/12/2026'), '2026-12-15');
  assert.equal(isoDate('12/15/2026'), '2026-12-15');
  assert.equal(isoDate('05/06/2026'), undefined);
  assert.equal(isoDate('2026-13-01'), undefined);
  assert.equal(isoDate('31 February 2026'), undefined);
});

test('a draft leaks a prose walk-away (within 5%) and a prose deadline written another way; a year does not leak', () => {
  assert.equal(checkNotes(NOTES).findings.filter((f) => f.rule === 'notes-schema').length, 0);
  const draft = 'We could go to 96,000 per year.\n\nWe must sign by December 15.\n\nThe rates for 2026 are attached.\n';
  const leaks = analyze(draft, 'markdown', {}, undefined, { notes: NOTES }).findings.filter((f) => f.rule === 'leaked-position');
  assert.deepEqual(
    leaks.map((f) => draft.slice(f.start, f.end)),
    ['96,000', 'December 15'],
  );
});

test('the progress paragraph names no issue whose title gives a prose private fact away', () => {
  const { model } = checkNotes(NOTES);
  const paragraph = progressParagraph(model);
  assert.ok(paragraph.length > 0);
  assert.doesNotMatch(paragraph, /95,000|December|15/);
  // What remains is still said, by the issues' ids.
  assert.match(paragraph, /scope/);
});
