import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNotes } from '../../../server/src/core/notes/checks';
import type { Field, NotesModel, Span } from '../../../server/src/core/notes/model';
import { parseNotes } from '../../../server/src/core/notes/parse';
import { applyEdits, yaml } from './helpers';

const SKETCH = yaml(
  'negotiation: Acme master services agreement',
  'we: Supplier            # the party we act for',
  'they: Customer',
  'draft: acme-msa.md',
  'batna: Extend the Gamma pilot on current terms   # our best alternative',
  'private:                # never to appear in outgoing text',
  '  walk_away: 95000',
  '  budget_ceiling: "120,000"',
  '  deadline: 2026-12-15',
  '  other: [board pressure]',
  'their_interests: [speed, certainty, confidentiality]',
  'plan: [term, fees]',
  'issues:',
  '  - id: fees',
  '    title: Annual fee',
  '    category: economic',
  '    priority: must-have',
  '    resistance: high',
  '    position: Annual fee of 120,000',
  '    benchmark: Median of comparable 3-year SaaS deals, 2025 survey',
  '    status: open',
  '    note: Harbor’s CFO signs off',
  '  - id: term',
  '    category: legal',
  '    priority: tradeable',
  'concessions:',
  '  - give: Accept a 12-month minimum term',
  '    get: Net-15 payment terms',
  '    issue: term',
  'moves:',
  '  - by: us',
  '    on: fees',
  '    offer: 120,000',
  '    date: 2026-11-02',
  '  - by: them',
  '    on: fees',
  '    offer: 90000',
  '  - by: us',
  '    on: fees',
  '    ask: Which part of the proposal is difficult for you?',
);

const slice = (text: string, s: Span) => text.slice(s.start, s.end);

/** Every field of the model: its key text is its name, its value text reads back as its value. */
function assertFieldsLocated(text: string, model: NotesModel): number {
  let n = 0;
  const check = (name: string, f: Field | undefined) => {
    if (!f) return;
    n++;
    assert.equal(slice(text, f.key), name);
    const source = slice(text, f.range);
    assert.ok(source === f.value || JSON.parse(source.replace(/^'(.*)'$/, '"$1"')) === f.value, `${name}: ${source} vs ${f.value}`);
  };
  for (const k of ['negotiation', 'we', 'they', 'draft', 'batna'] as const) check(k, model[k]);
  for (const k of ['walk_away', 'budget_ceiling', 'deadline', 'batna'] as const) check(k, model.private?.[k]);
  for (const i of model.issues) for (const k of ['id', 'title', 'category', 'priority', 'resistance', 'position', 'benchmark', 'status', 'note'] as const) check(k, i[k]);
  for (const c of model.concessions) for (const k of ['give', 'get', 'issue', 'note'] as const) check(k, c[k]);
  for (const m of model.moves) for (const k of ['by', 'on', 'offer', 'ask', 'date', 'note'] as const) check(k, m[k]);
  for (const list of [model.their_interests, model.plan, model.private?.other]) for (const item of list?.items ?? []) assert.equal(slice(text, item.range), item.value);
  return n;
}

test('the sketch parses into the typed model, every value located', () => {
  const { model, findings } = parseNotes(SKETCH);
  assert.deepEqual(findings, []);
  assert.equal(model.negotiation?.value, 'Acme master services agreement');
  assert.equal(model.we?.value, 'Supplier');
  assert.equal(model.private?.walk_away?.value, '95000');
  assert.equal(model.private?.walk_away?.number, 95000);
  assert.equal(model.private?.budget_ceiling?.value, '120,000');
  assert.equal(model.private?.budget_ceiling?.number, undefined);
  assert.equal(model.private?.deadline?.value, '2026-12-15');
  assert.deepEqual(model.private?.other?.items.map((i) => i.value), ['board pressure']);
  assert.deepEqual(model.their_interests?.items.map((i) => i.value), ['speed', 'certainty', 'confidentiality']);
  assert.deepEqual(model.plan?.items.map((i) => i.value), ['term', 'fees']);
  assert.deepEqual(
    model.issues.map((i) => [i.index, i.id?.value, i.category?.value, i.priority?.value, i.resistance?.value, i.status?.value]),
    [
      [0, 'fees', 'economic', 'must-have', 'high', 'open'],
      [1, 'term', 'legal', 'tradeable', undefined, undefined],
    ],
  );
  assert.deepEqual(model.concessions.map((c) => [c.give?.value, c.get?.value, c.issue?.value]), [['Accept a 12-month minimum term', 'Net-15 payment terms', 'term']]);
  assert.deepEqual(
    model.moves.map((m) => [m.by?.value, m.on?.value, m.offer?.value, m.ask?.value]),
    [
      ['us', 'fees', '120,000', undefined],
      ['them', 'fees', '90000', undefined],
      ['us', 'fees', undefined, 'Which part of the proposal is difficult for you?'],
    ],
  );
  assert.equal(assertFieldsLocated(SKETCH, model), 33);
  // Entries span their first key to their last value, and sections know their dashes.
  assert.equal(slice(SKETCH, model.issues[1]!.range), 'id: term\n    category: legal\n    priority: tradeable');
  assert.deepEqual(model.sections.moves?.dashes.map((d) => SKETCH.slice(d, d + 6)), ['- by: ', '- by: ', '- by: ']);
  assert.equal(model.sections.issues?.style, 'block');
  assert.deepEqual(Object.keys(model.keys), ['negotiation', 'we', 'they', 'draft', 'batna', 'private', 'their_interests', 'plan', 'issues', 'concessions', 'moves']);
  // The sketch is clean for every rule but the ones it is meant to show.
  assert.deepEqual(checkNotes(SKETCH).findings.map((f) => f.rule), ['narrow-issue-framing']);
});

test('offsets are UTF-16 code units: emoji and other astral characters before a value', () => {
  const text = yaml(
    'negotiation: 🤝 Harbor 😀 deal',
    'we: "Northwind 🚀"',
    'issues:',
    '  - {id: 💶fees, title: 𝔉ees, position: 120k 😬, status: opne}',
  );
  const { model, findings } = checkNotes(text);
  assert.equal(assertFieldsLocated(text, model), 5);
  assert.equal(model.negotiation!.range.start, 'negotiation: '.length);
  assert.equal(model.negotiation!.range.end, text.indexOf('\n'));
  assert.equal(model.we!.range.end - model.we!.range.start, '"Northwind 🚀"'.length);
  assert.equal('"Northwind 🚀"'.length, 14, 'the rocket is two code units');
  const status = findings.find((f) => f.rule === 'notes-schema')!;
  assert.equal(status.start, text.indexOf('opne'));
  assert.equal(slice(text, status), 'opne');
  assert.equal(applyEdits(text, status.fixes[0]!.edits), text.replace('opne', 'open'));
  const demand = findings.find((f) => f.rule === 'unbenchmarked-demand')!;
  assert.equal(slice(text, demand), 'position: 120k 😬');
  assert.equal(
    applyEdits(text, demand.fixes[0]!.edits),
    text.replace('120k 😬,', '120k 😬, benchmark: "TODO: objective standard (market data, comparable deals, law or policy)",'),
  );
});

test('CRLF: ranges, findings and inserted lines follow the file’s line endings', () => {
  const lf = SKETCH.replace('    get: Net-15 payment terms\n', '');
  const crlf = lf.replace(/\n/g, '\r\n');
  const a = checkNotes(lf);
  const b = checkNotes(crlf);
  assert.equal(assertFieldsLocated(crlf, b.model), 32);
  const lineOf = (text: string, offset: number) => text.slice(0, offset).split(/\r?\n/).length;
  assert.deepEqual(
    b.findings.map((f) => [f.rule, lineOf(crlf, f.start), slice(crlf, f)]),
    a.findings.map((f) => [f.rule, lineOf(lf, f.start), slice(lf, f)]),
  );
  const gift = b.findings.find((f) => f.rule === 'unconditional-concession')!;
  const fixedText = applyEdits(crlf, gift.fixes[0]!.edits);
  assert.ok(!/[^\r]\n/.test(fixedText));
  assert.ok(fixedText.includes('  - give: Accept a 12-month minimum term\r\n    get: "TODO: what we ask in return"\r\n    issue: term\r\n'));
});

test('an alias resolves to its anchor’s value, located at the alias', () => {
  const text = yaml('issues:', '  - id: fees', '    priority: &p tradeable', '  - id: term', '    priority: *p');
  const { model, findings } = parseNotes(text);
  assert.deepEqual(findings, []);
  assert.equal(model.issues[1]!.priority?.value, 'tradeable');
  assert.equal(slice(text, model.issues[1]!.priority!.range), '*p');
});

test('empty values are in the model as empty strings, located just after the colon', () => {
  const text = 'batna:\nissues:\n  - id: fees\n    benchmark:   # later\n';
  const { model, findings } = parseNotes(text);
  assert.deepEqual(findings, []);
  assert.equal(model.batna?.value, '');
  assert.deepEqual(model.batna?.range, { start: 6, end: 6 });
  assert.equal(model.issues[0]!.benchmark?.value, '');
  assert.equal(model.issues[0]!.benchmark!.range.start, text.indexOf('benchmark:') + 'benchmark:'.length);
  assert.equal(model.sections.issues?.style, 'block');
  const empty = parseNotes('issues:\n');
  assert.equal(empty.model.sections.issues?.style, 'empty');
  assert.deepEqual(parseNotes('').model, { issues: [], concessions: [], moves: [], sections: {}, keys: {} });
});
