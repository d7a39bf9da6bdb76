import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../../server/src/core/analyze';
import { definedTerms } from '../../../server/src/core/terms';
import { checkFixture } from '../fixture';
import { assertIncrementalMatches, editArb, kindArb } from '../generators';

const rules = ['defined-term'];

test('a capitalised phrase used as a term but defined nowhere is reported once, at its first use', () => {
  checkFixture(
    `
This agreement is made between Acme Ltd ("Supplier") and Beta LLC (“Customer”) (the "Agreement").
"Confidential Information" means any information marked confidential.
**Services** means the services in Schedule 1.
The Supplier shall deliver the Licensed Software and keep the Licensed Software up to date.
                               ^^^^^^^^^^^^^^^^^ defined-term
`,
    { rules, kind: 'contract' },
  );
});

test('a term defined twice is reported at the second definition', () => {
  checkFixture(
    `
Beta LLC (the "Customer") and Acme Ltd (the "Supplier") agree as follows.
“Customer” means Beta LLC and its affiliates.
 ^^^^^^^^ defined-term
`,
    { rules },
  );
});

test('stays quiet where a term may be defined elsewhere, or is a name, a label or a one-off', () => {
  // Only one definition: this document does not define its terms.
  checkFixture(
    `
Beta LLC ("Customer") may use the Licensed Software. The Licensed Software is provided as is.
`,
    { rules },
  );
  // Definitions taken from another document.
  checkFixture(
    `
Acme ("Supplier") and Beta ("Customer") sign this Order Form. Capitalized terms have the meanings given in the Framework Terms.
The Supplier provides the Cloud Service. The Cloud Service is hosted.
`,
    { rules },
  );
  // A cover page defines a term by labelling its value; names and places are not terms; a
  // phrase used once, or built on a defined term, is too doubtful to report.
  checkFixture(
    `
Acme ("Supplier") and Beta ("Customer") agree.

Subscription Period: 12 months

Trade Date

1 May 2026

The Supplier renews the Subscription Period. The Subscription Period ends on the Trade Date or the Trade Date after it.
The law of the United States applies, and the United States courts decide.
The Supplier keeps the Customer Data safe. The Customer Data is encrypted.
The Supplier may name the Reference Customer once.
`,
    { rules },
  );
});

test('a redline that deletes a definition leaves its uses undefined; one that adds a second definition is caught', () => {
  // The uses are existing text (the label is about where a finding is, not what caused it).
  const deleted = 'Acme ("Supplier") and Beta ("Customer") agree.\nThe software in Schedule 1 {--(the "Licensed Software")--} is licensed. The Customer may copy the Licensed Software and install the Licensed Software.\n';
  const [f, ...rest] = analyze(deleted, 'markdown').findings.filter((x) => x.rule === 'defined-term');
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.deepEqual([f.start, f.end, f.change], [deleted.indexOf('Licensed Software', deleted.indexOf('--}')), deleted.indexOf('Licensed Software', deleted.indexOf('--}')) + 'Licensed Software'.length, 'existing']);
  // Without the deletion, the term is defined and the rule is quiet.
  assert.deepEqual(analyze(deleted.replace('{--', '').replace('--}', ''), 'markdown').findings.filter((x) => x.rule === 'defined-term'), []);

  const added = 'Acme ("Supplier") and Beta ("Customer") agree. {++"Supplier" means Acme and its affiliates.++}';
  const twice = analyze(added, 'plaintext').findings.filter((x) => x.rule === 'defined-term');
  assert.deepEqual(twice.map((x) => [x.start, x.end, x.change]), [[added.lastIndexOf('Supplier'), added.lastIndexOf('Supplier') + 8, 'ours']]);
});

test('definedTerms: definitions and uses at exact UTF-16 offsets (emoji, curly quotes, §, CRLF)', () => {
  const text = '§ 1 😀 Acme Ltd (the “Supplier”) and Beta (“Customer”).\r\n“Confidential Information” means data.\r\n**Fees** means the amounts in § 4.\r\nThe Supplier protects Customer’s Confidential Information\r\nand the Customers’ Fees.';
  const { definitions, uses } = definedTerms(text, 'markdown');
  const at = (needle: string, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
    return i;
  };
  assert.deepEqual(
    definitions.map((d) => [d.term, d.start, d.end]),
    [
      ['Supplier', 22, 30],
      ['Customer', 44, 52],
      ['Confidential Information', 58, 82],
      ['Fees', 99, 103],
    ],
  );
  // "§ 1 😀 Acme Ltd (the “" is 22 code units: the emoji counts two, § and the curly quote one each.
  assert.equal(text.slice(22, 30), 'Supplier');
  assert.equal(text.slice(99, 103), 'Fees');
  assert.deepEqual(
    uses.map((u) => [u.term, u.start, u.end]),
    [
      ['Supplier', at('Supplier', 1), at('Supplier', 1) + 8],
      ['Customer', at('Customer', 1), at('Customer', 1) + 8],
      ['Confidential Information', at('Confidential Information', 1), at('Confidential Information', 1) + 24],
      ['Customer', at('Customers'), at('Customers') + 9],
      ['Fees', at('Fees', 1), at('Fees', 1) + 4],
    ],
  );
  // Not a definition: a quotation, a lower-case phrase, a term in code.
  const quiet = definedTerms('He said "Thanks" to us.\n"the price" means little.\n`("Hidden")` is code.', 'markdown');
  assert.deepEqual(quiet.definitions, []);
});

test('a document-level rule across chunks: incremental re-analysis equals analysis from scratch', () => {
  const paragraph = fc.constantFrom(
    'Acme Ltd ("Supplier") and Beta LLC (the “Customer”) agree as follows.',
    '"Confidential Information" means any information marked confidential.',
    '**Services** means the services in Schedule 1.',
    'The Supplier shall deliver the Licensed Software and maintain the Licensed Software.',
    'The software listed in Schedule 1 (the "Licensed Software") is licensed to the Customer.',
    'Capitalized terms have the meanings given in the Framework Terms.',
    'Subscription Period: 12 months. The Subscription Period renews; the Subscription Period ends.',
  );
  const filler = 'Each party shall perform its obligations in a professional manner and in good faith. '.repeat(12);
  const doc = fc.array(paragraph, { minLength: 6, maxLength: 14 }).map((ps) => ps.map((p) => `${p} ${filler}`).join('\n\n'));
  const edit = editArb(['("Licensed Software")', 'the Licensed Software ', '"Fees" means ', '\n\n', '{--', '--}', '“', 'x'], 30);
  fc.assert(
    fc.property(doc, kindArb, fc.array(edit, { minLength: 1, maxLength: 6 }), (initial, kind, edits) => assertIncrementalMatches(initial, kind, edits)),
    { seed: 20261126, numRuns: 60 },
  );
});
