import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkNotes } from '../../../server/src/core/notes/checks';
import { assertWellFormed, checkFixes } from './helpers';

const FILE = join(__dirname, '..', '..', '..', '..', 'examples', 'northwind-msa', 'master-services-agreement.negotiation.yaml');

test('the Northwind example shows the notes rules it was written to show, with working fixes', () => {
  const text = readFileSync(FILE, 'utf8');
  const { model, findings } = checkNotes(text);
  assertWellFormed(text, findings);
  assert.deepEqual(
    findings.map((f) => [f.rule, text.slice(f.start, f.end)]),
    [
      ['unbenchmarked-demand', 'position: Data protection claims capped at 24 months of fees'],
      ['unconditional-concession', "give: Accept Harbor's 45-day payment period (draft, clause 2.1)"],
      ['negotiating-against-yourself', 'offer: 210,000'],
    ],
  );
  assert.equal(model.we?.value, 'Supplier');
  assert.equal(model.they?.value, 'Customer');
  assert.equal(model.draft?.value, 'master-services-agreement.md');
  assert.equal(model.private?.walk_away?.number, 212000);
  assert.equal(model.private?.deadline?.value, '2026-12-15');
  assert.ok(model.batna?.value.startsWith('Renew the Crestline'));
  for (const rule of new Set(findings.map((f) => f.rule))) checkFixes(text, findings, rule);
  // The draft the notes name is beside them.
  readFileSync(join(FILE, '..', model.draft!.value), 'utf8');
});

test('without its plan, the example’s issue order would raise the fee first', () => {
  const text = readFileSync(FILE, 'utf8').replace(/^plan: .*\n/m, '');
  const f = checkNotes(text).findings.find((x) => x.rule === 'request-sequencing');
  assert.ok(f);
  assert.equal(text.slice(f.start, f.end), 'fees');
  checkFixes(text, checkNotes(text).findings, 'request-sequencing');
});
