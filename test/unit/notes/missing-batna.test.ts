import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNotesFixture, fixed } from './helpers';

const rules = ['missing-batna'];

test('flags notes with no batna, at the line the stub goes after', () => {
  checkNotesFixture(
    `
negotiation: Acme MSA
we: Supplier
they: Customer   # as the draft names them
^^^^^^^^^^^^^^ missing-batna
issues:
  - id: fees
`,
    rules,
  );
});

test('flags an empty batna, written or null', () => {
  checkNotesFixture(
    `
negotiation: Acme MSA
batna:   # fill in
^^^^^^ missing-batna
`,
    rules,
  );
  checkNotesFixture(
    `
batna: ~
^^^^^^^^ missing-batna
we: Supplier
`,
    rules,
  );
  checkNotesFixture(
    `
{negotiation: Acme MSA, batna: ''}
                        ^^^^^^^^^ missing-batna
`,
    rules,
  );
});

test('falls back to we:, negotiation:, then the first key', () => {
  checkNotesFixture(
    `
negotiation: Acme MSA
we: Supplier
^^^^^^^^^^^^ missing-batna
draft: acme.md
`,
    rules,
  );
  checkNotesFixture(
    `
# notes for the 2026 renewal
draft: acme.md
^^^^^^^^^^^^^^ missing-batna
issues: []
`,
    rules,
  );
  checkNotesFixture(
    `
{draft: acme.md, they: Customer}
                 ^^^^^^^^^^^^^^ missing-batna
`,
    rules,
  );
});

test('a batna, top-level or private, keeps it quiet; so does an empty file', () => {
  checkNotesFixture(
    `
they: Customer
batna: Extend the Gamma pilot on current terms
`,
    rules,
  );
  checkNotesFixture(
    `
they: Customer
private:
  batna: Extend the Gamma pilot
`,
    rules,
  );
  checkNotesFixture('\n# nothing yet\n', rules);
});

test('the stub goes on its own line after they:, at its indentation', () => {
  assert.equal(
    fixed('negotiation: Acme\nthey: Customer # c\nissues: []\n', 'missing-batna'),
    'negotiation: Acme\nthey: Customer # c\nbatna: "TODO: our best alternative if this deal fails"\nissues: []\n',
  );
  assert.equal(fixed('batna:\n', 'missing-batna'), 'batna: "TODO: our best alternative if this deal fails"\n');
  assert.equal(
    fixed('draft: a.md\r\nissues: []\r\n', 'missing-batna'),
    'batna: "TODO: our best alternative if this deal fails"\r\ndraft: a.md\r\nissues: []\r\n',
  );
});
