// The negotiation summary (core/summary/): the payload from fixture notes, the progress paragraph
// (its English, and that it never gives a private fact away), and notes scaffolded from drafts.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { checkNotes } from '../../server/src/core/notes/checks';
import { inSentence, readableId } from '../../server/src/core/summary/labels';
import { joinList, leaksPrivateFact, progressParagraph } from '../../server/src/core/summary/progress';
import { definedTerms, findParties, scaffoldNotes } from '../../server/src/core/summary/scaffold';
import { summarize } from '../../server/src/core/summary/summarize';
import { SUMMARY_VERSION } from '../../server/src/core/summary/types';

const ROOT = join(__dirname, '..', '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'northwind-msa');
const CORPUS = join(ROOT, 'test', 'fixtures', 'summary-corpus');

/** Notes with CRLF line endings, an emoji, curly quotes and `§`, so lines and labels are tested
 *  where they are easiest to get wrong. */
const NOTES = [
  'negotiation: Acme 😀 “Cloud” MSA',
  'we: Supplier',
  'they: Customer',
  'draft: acme-msa.md',
  'private:',
  '  walk_away: 95000',
  '  deadline: 2026-12-15',
  '  batna: Extend the Gamma pilot on current terms',
  'plan: [support, fees, liability-cap]',
  'issues:',
  '  - id: scope',
  '    category: operational',
  '    status: agreed',
  '  - id: timeline',
  '    category: operational',
  '    status: agreed',
  '  - id: payment-process',
  '    category: economic',
  '    status: conceded',
  '  - id: fees',
  '    category: economic',
  '    priority: must-have',
  '    resistance: high',
  '    position: Annual fee of 120,000',
  '    benchmark: Median of comparable 3-year SaaS deals, 2025 survey',
  '  - id: liability-cap',
  '    title: Liability cap under § 9',
  '    category: legal',
  '    position: 12 months of fees',
  '    status: open',
  '  - id: support',
  '    resistance: low',
  '    position: Business-hours support',
  '    benchmark: Our standard terms',
  '  - id: exclusivity',
  '    category: relationship',
  '    status: dropped',
  'concessions:',
  '  - give: Accept a 12-month minimum term',
  '    get: Net-15 payment terms',
  '    issue: payment-process',
  '  - give: “Waive” the set-up fee',
  '    issue: fees',
  '',
].join('\r\n');

describe('summarize', () => {
  const summary = summarize({
    notesText: NOTES,
    notes: 'deals/acme-msa.negotiation.yaml',
    draft: 'deals/acme-msa.md',
    draftFindings: [
      { rule: 'unconditional-concession', severity: 'warning' },
      { rule: 'leaked-position', severity: 'error' },
      { rule: 'unconditional-concession', severity: 'warning' },
    ],
    notesFindings: [
      { rule: 'unbenchmarked-demand', severity: 'warning' },
      { rule: 'request-sequencing', severity: 'information' },
      { rule: 'unconditional-concession', severity: 'warning' },
    ],
  });

  test('names, parties, files and the BATNA (from private: when it is only there)', () => {
    assert.equal(summary.version, SUMMARY_VERSION);
    assert.equal(summary.title, 'Acme 😀 “Cloud” MSA');
    assert.deepEqual(summary.parties, { we: 'Supplier', they: 'Customer' });
    assert.equal(summary.notes, 'deals/acme-msa.negotiation.yaml');
    assert.equal(summary.draft, 'deals/acme-msa.md');
    assert.equal(summary.batna, 'Extend the Gamma pilot on current terms');
  });

  test('issues with their labels, statuses, ledger counts and 0-based lines', () => {
    assert.deepEqual(
      summary.issues.map((i) => [i.id, i.label, i.status, i.given, i.received, i.line]),
      [
        ['scope', 'scope', 'agreed', 0, 0, 10],
        ['timeline', 'timeline', 'agreed', 0, 0, 13],
        ['payment-process', 'payment process', 'conceded', 1, 1, 16],
        ['fees', 'fees', 'open', 1, 0, 19],
        ['liability-cap', 'Liability cap under § 9', 'open', 0, 0, 25],
        ['support', 'support', 'open', 0, 0, 30],
        ['exclusivity', 'exclusivity', 'dropped', 0, 0, 34],
      ],
    );
    const fees = summary.issues.find((i) => i.id === 'fees')!;
    assert.equal(fees.position, 'Annual fee of 120,000');
    assert.equal(fees.priority, 'must-have');
    assert.equal(fees.resistance, 'high');
    assert.equal(summary.issues.find((i) => i.id === 'support')!.category, undefined);
  });

  test('issues by category and status, uncategorised last', () => {
    assert.deepEqual(summary.byCategory, [
      { category: 'economic', counts: { open: 1, agreed: 0, conceded: 1, dropped: 0 } },
      { category: 'legal', counts: { open: 1, agreed: 0, conceded: 0, dropped: 0 } },
      { category: 'operational', counts: { open: 0, agreed: 2, conceded: 0, dropped: 0 } },
      { category: 'relationship', counts: { open: 0, agreed: 0, conceded: 0, dropped: 1 } },
      { category: 'uncategorised', counts: { open: 1, agreed: 0, conceded: 0, dropped: 0 } },
    ]);
  });

  test('the ledger: given, received, and the gives still to be traded', () => {
    assert.deepEqual(summary.ledger, {
      given: 2,
      received: 1,
      unreciprocated: 1,
      entries: [
        { give: 'Accept a 12-month minimum term', get: 'Net-15 payment terms', issue: 'payment-process', line: 38 },
        { give: '“Waive” the set-up fee', issue: 'fees', line: 41 },
      ],
    });
  });

  test('benchmark coverage of our positions', () => {
    assert.deepEqual(summary.benchmarks, { positions: 3, benchmarked: 2, missing: ['liability-cap'] });
  });

  test('the plan as written, with each issue’s resistance and status', () => {
    assert.deepEqual(summary.plan, [
      { order: 1, issue: 'support', label: 'support', resistance: 'low', status: 'open' },
      { order: 2, issue: 'fees', label: 'fees', resistance: 'high', priority: 'must-have', status: 'open' },
      { order: 3, issue: 'liability-cap', label: 'Liability cap under § 9', status: 'open' },
    ]);
  });

  test('findings counted by rule and severity, most severe first', () => {
    assert.deepEqual(summary.findings, [
      { rule: 'leaked-position', severity: 'error', count: 1 },
      { rule: 'unconditional-concession', severity: 'warning', count: 3 },
      { rule: 'unbenchmarked-demand', severity: 'warning', count: 1 },
      { rule: 'request-sequencing', severity: 'information', count: 1 },
    ]);
  });

  test('the progress paragraph: settled issues, then open ones in the planned order; dropped ones left out', () => {
    assert.equal(
      summary.progress,
      'We have already aligned on the scope, the timeline and the payment process. The remaining points are the support, the fees and the liability cap under § 9.',
    );
  });

  test('the plan defaults to the issues as listed; the title to the file name; JSON-safe', () => {
    const s = summarize({ notesText: 'issues:\n  - id: fees\n  - id: term\n    status: agreed\n', notes: 'file:///d/acme%20deal.negotiation.yaml' });
    assert.equal(s.title, 'acme deal.negotiation.yaml');
    assert.deepEqual(s.plan.map((p) => p.issue), ['fees', 'term']);
    assert.equal(s.batna, undefined);
    assert.deepEqual(s.findings, []);
    assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
  });

  test('notes that are not valid YAML still give a summary (of what could be read)', () => {
    const s = summarize({ notesText: 'issues: [\n' });
    assert.equal(s.issues.length, 0);
    assert.equal(s.progress, '');
    assert.equal(s.title, 'Negotiation');
  });
});

describe('progress paragraph', () => {
  const notes = (issues: string[], extra: string[] = []) => checkNotes([...extra, 'issues:', ...issues, ''].join('\n')).model;
  const issue = (id: string, status?: string, title?: string) =>
    [`  - id: ${id}`, ...(title ? [`    title: ${JSON.stringify(title)}`] : []), ...(status ? [`    status: ${status}`] : [])].join('\n');

  test('lists in good English', () => {
    assert.equal(joinList([]), '');
    assert.equal(joinList(['A']), 'A');
    assert.equal(joinList(['A', 'B']), 'A and B');
    assert.equal(joinList(['A', 'B', 'C']), 'A, B and C');
  });

  test('the form of the issue: the paragraph’s example', () => {
    const model = notes([issue('scope', 'agreed'), issue('timeline', 'agreed'), issue('payment-process', 'agreed'), issue('liability-cap', 'open'), issue('term')]);
    assert.equal(progressParagraph(model), 'We have already aligned on the scope, the timeline and the payment process. The remaining points are the liability cap and the term.');
  });

  test('one of each', () => {
    assert.equal(progressParagraph(notes([issue('scope', 'agreed'), issue('fees')])), 'We have already aligned on the scope. The remaining point is the fees.');
  });

  test('nothing agreed yet', () => {
    assert.equal(progressParagraph(notes([issue('fees'), issue('term', 'open')])), 'The points still to settle are the fees and the term.');
    assert.equal(progressParagraph(notes([issue('fees')])), 'The one point still to settle is the fees.');
  });

  test('nothing remains', () => {
    assert.equal(progressParagraph(notes([issue('fees', 'agreed'), issue('term', 'conceded'), issue('exclusivity', 'dropped')])), 'We have aligned on the fees and the term. No points remain open.');
  });

  test('no issues, or only dropped ones: no paragraph', () => {
    assert.equal(progressParagraph(notes([])), '');
    assert.equal(progressParagraph(notes([issue('fees', 'dropped')])), '');
  });

  test('labels are lower-cased in running text, except proper nouns, defined terms and acronyms', () => {
    const proper = new Set(['Customer', 'Harbor']);
    assert.equal(inSentence('Cap for data protection claims', proper), 'the cap for data protection claims');
    assert.equal(inSentence('Customer data retention', proper), 'the Customer data retention');
    assert.equal(inSentence('SLA credits', proper), 'the SLA credits');
    assert.equal(inSentence('SaaS fees', proper), 'the SaaS fees');
    assert.equal(inSentence("Harbor's reference", proper), "Harbor's reference");
    assert.equal(inSentence('Our warranty', proper), 'our warranty');
    assert.equal(inSentence('Acceptance under the Order Form', proper), 'the acceptance under the Order Form');
    assert.equal(readableId('liability-cap'), 'liability cap');
    assert.equal(readableId('go-live'), 'go-live');
    assert.equal(readableId('non-compete'), 'non-compete');
    assert.equal(readableId('data_protection'), 'data protection');
    assert.equal(readableId('12-month-term'), '12-month term');
  });

  test('the notes’ own capitalised words and the parties are kept as proper nouns', () => {
    const model = notes([issue('reference', 'agreed', 'Reference by Harbor'), issue('data', undefined, 'Customer data retention')], ['we: Supplier', 'they: Customer']);
    assert.equal(progressParagraph(model), 'We have already aligned on the reference by Harbor. The remaining point is the Customer data retention.');
  });

  describe('never a private fact', () => {
    const PRIVATE = ['private:', '  walk_away: 212000', '  deadline: 2026-12-15', '  other:', '    - Gamma migration', 'batna: Renew the Crestline Freight contract'];
    const leakedIn = (paragraph: string, notesText: string) =>
      analyze(paragraph, 'plaintext', {}, undefined, { notes: notesText }).findings.filter((f) => f.rule === 'leaked-position');

    const cases: [string, string[], string][] = [
      ['a title with the walk-away amount falls back to the id', [issue('fees', 'open', 'Fee floor of 212,000'), issue('scope', 'agreed')], 'We have already aligned on the scope. The remaining point is the fees.'],
      ['an amount within 5% of it, in words or with k', [issue('fees', 'open', 'Fee of 210k'), issue('price', 'open', 'Two hundred and twelve thousand')], 'The points still to settle are the fees and the price.'],
      ['the deadline written another way', [issue('signing', 'agreed', 'Signature by 15 December'), issue('fees')], 'We have already aligned on the signing. The remaining point is the fees.'],
      ['the BATNA or a private note in a title', [issue('alt', 'agreed', 'Renew the Crestline Freight contract'), issue('migration', 'open', 'Gamma migration plan')], 'We have already aligned on the alt. The remaining point is the migration.'],
      ['an id that leaks too is counted, not named', [issue('fees'), issue('floor-212000', 'open', 'Floor 212,000'), issue('scope', 'agreed')], 'We have already aligned on the scope. The remaining points are the fees and one other point.'],
      ['all settled issues unnamed', [issue('fee-212000', 'agreed'), issue('date-2026-12-15', 'agreed'), issue('fees')], 'We have already aligned on two points. The remaining point is the fees.'],
      ['all open issues unnamed', [issue('scope', 'agreed'), issue('fee-212000'), issue('floor-211000')], 'We have already aligned on the scope. Two points remain open.'],
    ];
    for (const [name, issues, expected] of cases) {
      test(name, () => {
        const text = [...PRIVATE, 'issues:', ...issues, ''].join('\n');
        const model = checkNotes(text).model;
        const paragraph = progressParagraph(model);
        assert.equal(paragraph, expected);
        assert.equal(leaksPrivateFact(paragraph, model), false);
        assert.deepEqual(leakedIn(paragraph, text), [], 'the draft analysis finds no leak in it either');
      });
    }

    test('the test itself catches what the labels would have leaked', () => {
      const model = checkNotes([...PRIVATE, 'issues: []', ''].join('\n')).model;
      assert.equal(leaksPrivateFact('The remaining point is the fee floor of 212,000.', model), true);
      assert.equal(leaksPrivateFact('The remaining point is the signature by the 15th of December.', model), true);
      assert.equal(leaksPrivateFact('The remaining point is the gamma migration plan.', model), true);
      assert.equal(leaksPrivateFact('The remaining point is the fees.', model), false);
    });

    test('positions, benchmarks, notes and the ledger never appear', () => {
      const text = [
        ...PRIVATE,
        'issues:',
        '  - {id: fees, position: Annual fee of 240000, benchmark: 2025 survey, note: They will blink first, status: open}',
        '  - {id: term, position: 36 months, status: agreed}',
        'concessions:',
        '  - {give: Accept net-45, issue: term}',
        '',
      ].join('\n');
      const paragraph = progressParagraph(checkNotes(text).model);
      assert.equal(paragraph, 'We have already aligned on the term. The remaining point is the fees.');
      for (const secret of ['240000', 'survey', 'blink', '36 months', 'net-45']) assert.ok(!paragraph.includes(secret), secret);
    });
  });
});

describe('notes scaffolded from a draft', () => {
  const schemaErrors = (yaml: string) => checkNotes(yaml).findings.filter((f) => f.rule === 'notes-schema');

  test('the Northwind draft: its parties, its topics, the draft link and empty entries to fill in', () => {
    const draft = readFileSync(join(EXAMPLE, 'master-services-agreement.md'), 'utf8');
    const yaml = scaffoldNotes(draft, 'markdown', 'master-services-agreement.md');
    assert.deepEqual(schemaErrors(yaml), []);
    const { model, findings } = checkNotes(yaml);
    assert.equal(model.negotiation?.value, 'Master Services Agreement');
    assert.equal(model.we?.value, 'Supplier');
    assert.equal(model.they?.value, 'Customer');
    assert.match(yaml, /# Parties found in the draft: Supplier, Customer\. Which one do we act for\?/);
    assert.equal(model.draft?.value, 'master-services-agreement.md');
    assert.equal(model.batna?.value, '');
    assert.equal(model.private?.walk_away?.value, '');
    assert.deepEqual(
      model.issues.map((i) => [i.id?.value, i.category?.value, i.benchmark?.value, i.status?.value]),
      [
        ['scope', 'operational', '', 'open'],
        ['fees', 'economic', '', 'open'],
        ['liability-cap', 'legal', '', 'open'],
        ['term', 'legal', '', 'open'],
        ['confidentiality', 'legal', '', 'open'],
      ],
    );
    // The empty BATNA is the one thing the rules ask for at once.
    assert.deepEqual([...new Set(findings.map((f) => f.rule))], ['missing-batna']);
  });

  test('CRLF drafts give CRLF notes; odd file names are quoted', () => {
    const draft = '# Supply Agreement\r\n\r\nBetween Acme Ltd. ("Seller") and Beta GmbH ("Buyer").\r\n\r\n## Price\r\n\r\nThe price is set out below.\r\n\r\n## Warranties\r\n\r\nNone.\r\n';
    const yaml = scaffoldNotes(draft, 'markdown', '#1 draft: “v2” 😀.md');
    assert.ok(!/[^\r]\n/.test(yaml), 'every line ends with CRLF');
    assert.deepEqual(schemaErrors(yaml), []);
    const model = checkNotes(yaml).model;
    assert.equal(model.draft?.value, '#1 draft: “v2” 😀.md');
    assert.deepEqual([model.we?.value, model.they?.value], ['Seller', 'Buyer']);
    assert.deepEqual(model.issues.map((i) => i.id?.value), ['fees', 'warranties']);
  });

  test('a draft with no parties and no topics still gives valid notes', () => {
    const yaml = scaffoldNotes('Hello.\n', 'plaintext', 'note.txt');
    assert.deepEqual(schemaErrors(yaml), []);
    const model = checkNotes(yaml).model;
    assert.equal(model.we?.value, '');
    assert.equal(model.issues.length, 0);
    assert.match(yaml, /No parties found in the draft/);
  });

  test('parties: defined roles, names after "between", quoted names; not other defined terms', () => {
    assert.deepEqual(findParties('This Agreement (the "Agreement") is made on 1 May (the "Effective Date") between **Acme Ltd.** ("Acme") and Beta LLC (“Beta”).'), ['Acme', 'Beta']);
    assert.deepEqual(findParties('This Supply Agreement is made between "DAN" and "PETER". The "Products" (the "Products") are umbrellas.'), ['DAN', 'PETER']);
    assert.deepEqual(findParties('The Provider will provide a trial (“Pilot Period”) to the Customer identified below.'), ['Provider', 'Customer']);
    assert.deepEqual(definedTerms('A (the "Agreement"), B (“Services”), C ("Agreement").'), ['Agreement', 'Services']);
  });

  test('real contracts: notes without a schema error, with the parties and topics they define', () => {
    const expected: Record<string, { parties: [string, string] | []; issues: string[] }> = {
      'bonterms-professional-services-agreement.md': { parties: ['Customer', 'Provider'], issues: ['scope', 'governing-law'] },
      'common-paper-letter-of-intent.md': { parties: ['Provider', 'Customer'], issues: ['liability-cap', 'confidentiality', 'fees'] },
      'common-paper-mutual-nda-standard-terms.md': { parties: ['Disclosing Party', 'Receiving Party'], issues: ['term', 'governing-law', 'confidentiality', 'warranties'] },
      'common-paper-one-way-nda.md': { parties: ['Recipient', 'Discloser'], issues: ['confidentiality', 'term', 'governing-law', 'warranties'] },
      'supplyagreement.md': {
        parties: ['DAN', 'PETER'],
        issues: ['scope', 'acceptance', 'timeline', 'fees', 'term', 'warranties', 'confidentiality', 'liability-cap', 'assignment', 'governing-law'],
      },
    };
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.md') && f !== 'NOTICE.md');
    assert.deepEqual(files.sort(), Object.keys(expected).sort());
    for (const file of files) {
      const yaml = scaffoldNotes(readFileSync(join(CORPUS, file), 'utf8'), 'markdown', file);
      assert.deepEqual(schemaErrors(yaml), [], file);
      const model = checkNotes(yaml).model;
      const parties = [model.we?.value, model.they?.value].filter(Boolean);
      assert.deepEqual(parties, expected[file]!.parties, file);
      assert.deepEqual(model.issues.map((i) => i.id?.value), expected[file]!.issues, file);
      assert.equal(model.draft?.value, file);
    }
  });

  test('the Northwind example notes give a sensible summary and paragraph', () => {
    const notesText = readFileSync(join(EXAMPLE, 'master-services-agreement.negotiation.yaml'), 'utf8');
    const draftText = readFileSync(join(EXAMPLE, 'master-services-agreement.md'), 'utf8');
    const s = summarize({
      notesText,
      notesFindings: analyze(notesText, 'notes').findings,
      draftFindings: analyze(draftText, 'markdown', {}, undefined, { notes: notesText }).findings,
      definedTerms: definedTerms(draftText),
    });
    assert.equal(
      s.progress,
      'We have already aligned on the payment terms. The remaining points are the go-live, the reference, the service credits, the initial term, the cap for data protection claims and the fees.',
    );
    assert.deepEqual(s.ledger.unreciprocated, 1);
    assert.deepEqual(s.benchmarks.missing, ['liability-cap']);
    assert.deepEqual(s.plan.map((p) => p.issue), ['go-live', 'reference', 'service-credits', 'initial-term', 'liability-cap', 'fees']);
    assert.ok(s.findings.some((f) => f.rule === 'negotiating-against-yourself'));
    for (const secret of ['212', '2026-12-15', '15 December', 'Crestline', 'board', '225,000']) assert.ok(!s.progress.includes(secret), secret);
  });
});
