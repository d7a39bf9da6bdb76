import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from './fixture';

const NOTES = [
  'negotiation: Acme MSA',
  'we: Supplier',
  'they: Customer',
  'batna: Extend the Gamma pilot on current terms',
  'private:',
  '  walk_away: 95000',
  '  deadline: 2026-12-15',
  'issues:',
  '  - id: fees',
  '    category: economic',
  '    priority: must-have',
  '    position: Annual fee of 120,000',
  '    benchmark: Median of comparable 3-year SaaS deals, 2025 survey',
  '  - id: payment',
  '    category: economic',
  '    priority: tradeable',
  '    position: Net-15 payment terms',
  '  - id: warranty',
  '    category: legal',
  '    priority: tradeable',
  '    position: a 12-month warranty',
  '',
].join('\n');

test('negotiation notes are analysed as notes, with their own rules', () => {
  const notes = NOTES.replace('batna: Extend the Gamma pilot on current terms\n', '').replace('must-have', 'must hav');
  const rules = analyze(notes, 'notes').findings.map((f) => f.rule);
  assert.ok(rules.includes('missing-batna'), rules.join());
  assert.ok(rules.includes('notes-schema'), rules.join());
});

test('a private fact in the paired draft is a leaked-position error, linked to the notes', () => {
  const draft = 'Thanks for the markup. We must sign by 15 December. Our ceiling is about 96,500 in any case. We expect 120,000.';
  const { findings } = analyze(draft, 'markdown', {}, undefined, { notes: NOTES });
  const leaks = findings.filter((f) => f.rule === 'leaked-position');
  assert.deepEqual(
    leaks.map((f) => draft.slice(f.start, f.end)),
    ['15 December', '96,500'],
  );
  assert.equal(leaks[0]!.severity, 'error');
  const related = leaks[0]!.related![0]!;
  assert.equal(NOTES.slice(related.start, related.end), '2026-12-15');
  assert.equal(NOTES.slice(leaks[1]!.related![0]!.start, leaks[1]!.related![0]!.end), '95000');
  // The fix removes the sentence, and with it the finding.
  const fixed = applyEdits(draft, leaks[0]!.fixes[0]!.edits);
  assert.equal(fixed, 'Thanks for the markup. Our ceiling is about 96,500 in any case. We expect 120,000.');
  // Without the notes there is nothing private to leak.
  assert.equal(analyze(draft, 'markdown').findings.filter((f) => f.rule === 'leaked-position').length, 0);
});

test('a private amount written as 95,000, $95k or in words is found', () => {
  const draft = 'We could pay 95,000. Or $95k. Or ninety-five thousand dollars. Not 120,000.';
  const leaks = analyze(draft, 'plaintext', {}, undefined, { notes: NOTES }).findings.filter((f) => f.rule === 'leaked-position');
  assert.deepEqual(
    leaks.map((f) => draft.slice(f.start, f.end)),
    ['95,000', '$95k', 'ninety-five thousand'],
  );
});

test('other date formats and the BATNA verbatim are found; amounts beyond 5% are not', () => {
  const draft = 'Closing 12/15/2026 works. We could also extend the Gamma pilot on current terms. The fee is 120,000.';
  const leaks = analyze(draft, 'plaintext', {}, undefined, { notes: NOTES }).findings.filter((f) => f.rule === 'leaked-position');
  assert.deepEqual(
    leaks.map((f) => draft.slice(f.start, f.end)),
    ['12/15/2026', 'extend the Gamma pilot on current terms'],
  );
});

test('with the notes, our party giving ground in the third person is a concession; theirs is not', () => {
  const draft = '1. Supplier hereby waives any claim for late payment.\n2. Customer waives any claim for late delivery.\n';
  const findings = analyze(draft, 'contract', {}, undefined, { notes: NOTES }).findings.filter((f) => f.rule === 'unconditional-concession');
  assert.deepEqual(
    findings.map((f) => draft.slice(f.start, f.end)),
    ['Supplier hereby waives'],
  );
  assert.equal(analyze(draft, 'contract').findings.filter((f) => f.rule === 'unconditional-concession').length, 0);
  const conditional = '1. Supplier waives any claim for late payment, provided that Customer pays within 15 days.\n';
  assert.equal(analyze(conditional, 'contract', {}, undefined, { notes: NOTES }).findings.length, 0);
});

test("the notes' tradeable issues become the counter-asks, and their benchmarks the standards", () => {
  const { findings } = analyze('We can agree to that.\n\nWe need a cap of 12 months of fees.', 'markdown', {}, undefined, { notes: NOTES });
  const concession = findings.find((f) => f.rule === 'unconditional-concession')!;
  assert.ok(concession.fixes.some((f) => f.title.includes('in exchange for Net-15 payment terms')));
  assert.ok(concession.fixes.some((f) => f.title.includes('in exchange for a 12-month warranty')));
  const demand = findings.find((f) => f.rule === 'unbenchmarked-demand')!;
  assert.equal(demand.fixes.find((f) => f.preferred)!.edits[0]!.newText, ', in line with Median of comparable 3-year SaaS deals, 2025 survey');
});
