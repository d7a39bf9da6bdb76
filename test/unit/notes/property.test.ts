// Property-based tests of the notes checks over generated notes files: every key of the schema,
// valid and misspelt enum values, block and flow styles, odd indentation, comments, astral
// characters, quoting, LF and CRLF. Properties: the check never throws; findings and edits are
// well-formed; every fix of a valid file keeps it valid YAML, adds no schema finding and removes
// its own finding; LF and CRLF give the same findings. A fixed seed keeps CI reproducible.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkNotes } from '../../../server/src/core/notes/checks';
import { assertWellFormed, checkFixes, yamlErrors } from './helpers';

const SEED = process.env['PROPERTY_SEED'] ? Number(process.env['PROPERTY_SEED']) : 0x0b47a;
const SCALE = process.env['PROPERTY_RUNS_SCALE'] ? Number(process.env['PROPERTY_RUNS_SCALE']) : 1;

function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, runs = 300): void {
  const details = fc.check(property, { seed: SEED, numRuns: Math.max(1, Math.round(runs * SCALE)), includeErrorInReport: true });
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'property failed');
}

const ids = ['fees', 'term', 'cap', 'timing', 'fee', 'support', '💶fees'];
const text = fc.constantFrom('Annual fee of 120,000', '120000', 'Net-15', '"Acme: phase 2"', "'quoted'", 'émoji 😀 ok', '𝔉ees', '', '~', 'true', '[a, b]');
const enumValue = (values: string[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 4 }, { arbitrary: fc.constantFrom('must have', 'hgh', 'Economic', 'closed', 'they', ''), weight: 1 });
const anyIssue = fc.record(
  {
    id: fc.constantFrom(...ids),
    category: enumValue(['economic', 'legal', 'operational', 'relationship']),
    priority: enumValue(['must-have', 'want', 'tradeable', 'cannot-accept']),
    resistance: enumValue(['low', 'medium', 'high']),
    position: text,
    benchmark: text,
    status: enumValue(['open', 'agreed', 'conceded', 'dropped']),
    benchmak: text,
  },
  { requiredKeys: [] },
);
// Hard must-haves and easy issues, so that sequencing has something to reorder.
const issueFields = fc.oneof(
  { arbitrary: anyIssue, weight: 3 },
  { arbitrary: fc.record({ id: fc.constantFrom(...ids), priority: fc.constant('must-have'), resistance: fc.constant('high') }), weight: 1 },
  { arbitrary: fc.record({ id: fc.constantFrom(...ids), resistance: fc.constant('low') }, { requiredKeys: ['resistance'] }), weight: 1 },
);
const concessionFields = fc.record({ give: text, get: text, issue: fc.constantFrom(...ids) }, { requiredKeys: [] });
const moveFields = fc.oneof(
  { arbitrary: fc.record({ by: enumValue(['us', 'them']), on: fc.constantFrom(...ids), offer: text, ask: text }, { requiredKeys: [] }), weight: 2 },
  // Offers on one issue, so that some come two in a row.
  { arbitrary: fc.record({ offer: fc.constantFrom('120,000', '😬 110,000', "'100000'"), by: fc.constant('us'), on: fc.constant('fees') }), weight: 2 },
  { arbitrary: fc.record({ by: fc.constant('them'), on: fc.constant('fees'), offer: fc.constant('90,000') }), weight: 1 },
);

type Fields = Record<string, string>;

/** A list of mappings as YAML lines, block (at an indentation) or flow. */
function list(key: string, items: Fields[], style: { flow: boolean; dash: number; gap: number }): string[] {
  const flowValue = (v: string) => (v === '' ? '' : /^[\[{"']/.test(v) || !/[,\[\]{}]/.test(v) ? v : JSON.stringify(v));
  if (style.flow) return [`${key}: [${items.map((f) => `{${Object.entries(f).map(([k, v]) => `${k}: ${flowValue(v)}`).join(', ')}}`).join(', ')}]`];
  if (items.length === 0) return [`${key}:`];
  const lines = [`${key}:`];
  for (const f of items) {
    const entries = Object.entries(f);
    if (entries.length === 0) {
      lines.push(`${' '.repeat(style.dash)}- {}`);
      continue;
    }
    entries.forEach(([k, v], i) => {
      const pad = i === 0 ? `${' '.repeat(style.dash)}-${' '.repeat(style.gap)}` : ' '.repeat(style.dash + 1 + style.gap);
      lines.push(`${pad}${k}:${v === '' ? '' : ` ${v}`}`);
    });
  }
  return lines;
}

const styleArb = fc.record({ flow: fc.boolean(), dash: fc.constantFrom(0, 2, 4), gap: fc.constantFrom(1, 3) });

const notesArb = fc
  .record({
    head: fc.subarray(['negotiation: Acme 🤝 MSA', 'we: Supplier  # us', 'they: Customer', 'batna: Keep the pilot', 'batna:', 'private:\n  walk_away: 95000\n  deadline: 2026-12-15', 'their_interests: speed', 'plan: [timing, fees, cap]', '# a comment']),
    issues: fc.option(fc.tuple(fc.array(issueFields, { maxLength: 5 }), styleArb), { nil: undefined }),
    concessions: fc.option(fc.tuple(fc.array(concessionFields, { maxLength: 3 }), styleArb), { nil: undefined }),
    moves: fc.option(fc.tuple(fc.array(moveFields, { maxLength: 5 }), styleArb), { nil: undefined }),
    order: fc.constantFrom(0, 1, 2),
    trailing: fc.boolean(),
  })
  .map((n) => {
    const sections = [
      n.issues && list('issues', n.issues[0], n.issues[1]),
      n.concessions && list('concessions', n.concessions[0], n.concessions[1]),
      n.moves && list('moves', n.moves[0], n.moves[1]),
    ].filter((s): s is string[] => s !== undefined);
    const body = n.order === 0 ? [...n.head, ...sections.flat()] : [...sections.flat(), ...n.head];
    return body.join('\n') + (n.trailing ? '\n' : '');
  });

test('the notes check never throws and its findings and edits are well-formed', () => {
  check(
    fc.property(notesArb, fc.boolean(), (lf, crlf) => {
      const text = crlf ? lf.replace(/\n/g, '\r\n') : lf;
      const { findings } = checkNotes(text);
      assertWellFormed(text, findings);
    }),
  );
});

test('every fix of a valid notes file keeps it valid and removes its finding', () => {
  const tried = new Map<string, number>();
  check(
    fc.property(notesArb, fc.boolean(), (lf, crlf) => {
      const text = crlf ? lf.replace(/\n/g, '\r\n') : lf;
      if (yamlErrors(text).length > 0) return;
      const { findings } = checkNotes(text);
      for (const rule of new Set(findings.map((f) => f.rule))) tried.set(rule, (tried.get(rule) ?? 0) + checkFixes(text, findings, rule).length);
    }),
  );
  // The generator reaches every notes rule's fixes.
  for (const rule of ['notes-schema', 'missing-batna', 'unconditional-concession', 'unbenchmarked-demand', 'narrow-issue-framing', 'request-sequencing', 'negotiating-against-yourself']) {
    assert.ok((tried.get(rule) ?? 0) >= 5, `only ${tried.get(rule) ?? 0} fixes of ${rule} tried: ${JSON.stringify([...tried])}`);
  }
});

test('LF and CRLF files get the same findings', () => {
  check(
    fc.property(notesArb, (lf) => {
      const crlf = lf.replace(/\n/g, '\r\n');
      const describe = (t: string) =>
        checkNotes(t).findings.map((f) => `${f.rule} ${t.slice(0, f.start).split(/\r?\n/).length} ${JSON.stringify(t.slice(f.start, f.end).replace(/\r\n/g, '\n'))} ${f.message}`);
      assert.deepEqual(describe(crlf), describe(lf));
    }),
  );
});

test('mutations of the example file: never throws, fixes of valid results stay valid', () => {
  const example = readFileSync(join(__dirname, '..', '..', '..', '..', 'examples', 'northwind-msa', 'master-services-agreement.negotiation.yaml'), 'utf8');
  const mutation = fc.record({
    at: fc.nat({ max: example.length }),
    cut: fc.nat({ max: 12 }),
    insert: fc.constantFrom('', ':', ': ', '- ', '#', '\n', '\n  ', '"', "'", '[', ']', '{', '}', '😀', '\t', ' ', 'x', '\r\n', 'by: us\n', '~'),
  });
  check(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
      let text = example;
      for (const m of ms) {
        const at = Math.min(m.at, text.length);
        text = text.slice(0, at) + m.insert + text.slice(at + m.cut);
      }
      // Never split a surrogate pair by construction of the test itself.
      if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) return;
      const { findings } = checkNotes(text);
      assertWellFormed(text, findings);
      if (yamlErrors(text).length > 0) return;
      for (const rule of new Set(findings.map((f) => f.rule))) checkFixes(text, findings, rule);
    }),
    100,
  );
});
