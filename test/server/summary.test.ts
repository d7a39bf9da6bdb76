// `leverage/summary` and `leverage/scaffoldNotes` over real JSON-RPC: a draft or its notes, open
// or only on disk, unsaved edits winning over the disk, and proposed notes for a draft.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc/node';
import { analyze } from '../../server/src/core/analyze';
import { checkNotes } from '../../server/src/core/notes/checks';
import { definedTerms } from '../../server/src/core/summary/scaffold';
import { summarize } from '../../server/src/core/summary/summarize';
import type { NegotiationSummary, ScaffoldedNotes } from '../../server/src/core/summary/types';
import { PULL_CLIENT, PUSH_CLIENT, TestClient } from './harness';

const NOTES = (status: string) =>
  [
    'negotiation: Acme 😀 MSA',
    'we: Supplier',
    'they: Customer',
    'draft: acme-msa.md',
    'batna: Extend the Gamma pilot',
    'private:',
    '  walk_away: 95000',
    'issues:',
    '  - id: scope',
    '    status: agreed',
    '  - id: liability-cap',
    '    title: Cap under § 9 of the “Agreement”',
    '    category: legal',
    `    status: ${status}`,
    '  - id: fees',
    '    position: Annual fee of 120,000',
    'concessions:',
    '  - give: Accept a 12-month minimum term',
    '    issue: scope',
    '',
  ].join('\r\n');
const DRAFT = '# Master Services Agreement\r\n\r\nBetween Acme Ltd. ("Supplier") and Beta LLC ("Customer").\r\n\r\n## Fees\r\n\r\nSupplier hereby waives the set-up fee 😀.\r\n';

describe('leverage/summary and leverage/scaffoldNotes', () => {
  let client: TestClient;
  let dir: string;
  let draftUri: string;
  let notesUri: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-summary-'));
    dir = path.join(dir, 'deal §1');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'acme-msa.md'), DRAFT);
    fs.writeFileSync(path.join(dir, 'acme-msa.negotiation.yaml'), NOTES('open'));
    fs.writeFileSync(path.join(dir, 'beta.md'), 'Beta agreement between Gamma Ltd. ("Licensor") and Delta Inc. ("Licensee").\n\n## Payment\n\nLicensee pays within 30 days.\n\n## Warranties\n\nNone.\n');
    draftUri = pathToFileURL(path.join(dir, 'acme-msa.md')).href;
    notesUri = pathToFileURL(path.join(dir, 'acme-msa.negotiation.yaml')).href;
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => {
    client?.dispose();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  const summary = (uri: string) => client.request<NegotiationSummary | null>('leverage/summary', { uri });

  test('an open draft: the summary of its notes on disk, with the findings of both, as the core computes it', async () => {
    client.open(draftUri, 'markdown', DRAFT, 1);
    const s = await summary(draftUri);
    assert.ok(s);
    const notesText = NOTES('open');
    const expected = summarize({
      notesText,
      notesFindings: analyze(notesText, 'notes').findings,
      draftFindings: analyze(DRAFT, 'markdown', {}, undefined, { notes: notesText }).findings,
      notes: notesUri,
      draft: draftUri,
      definedTerms: definedTerms(DRAFT),
    });
    assert.deepEqual(s, expected);
    assert.equal(s.progress, 'We have already aligned on the scope. The remaining points are the cap under § 9 of the “Agreement” and the fees.');
    assert.ok(s.findings.some((f) => f.rule === 'unconditional-concession'), 'the draft’s waiver is counted');
    assert.ok(s.findings.some((f) => f.rule === 'unbenchmarked-demand'), 'the notes’ unbenchmarked position is counted');
    assert.equal(s.batna, 'Extend the Gamma pilot');
  });

  test('unsaved notes win over the disk; asking with the notes’ URI gives the same summary', async () => {
    client.open(notesUri, 'yaml', NOTES('agreed'), 1);
    const fromDraft = await summary(draftUri);
    assert.equal(fromDraft?.progress, 'We have already aligned on the scope and the cap under § 9 of the “Agreement”. The remaining point is the fees.');
    const fromNotes = await summary(notesUri);
    assert.deepEqual(fromNotes, fromDraft);
    client.change(notesUri, 2, [{ text: NOTES('dropped') }]);
    const after = await summary(notesUri);
    assert.equal(after?.progress, 'We have already aligned on the scope. The remaining point is the fees.');
    assert.deepEqual(after?.byCategory.find((c) => c.category === 'legal')?.counts, { open: 0, agreed: 0, conceded: 0, dropped: 1 });
    client.close(notesUri);
  });

  test('files only on disk: a closed draft, and closed notes whose draft is found by their draft: field', async () => {
    client.close(draftUri);
    const fromDraft = await summary(draftUri);
    const fromNotes = await summary(notesUri);
    assert.ok(fromDraft && fromNotes);
    assert.deepEqual(fromNotes, fromDraft);
    assert.equal(fromNotes.draft, draftUri);
    assert.ok(fromNotes.findings.some((f) => f.rule === 'unconditional-concession'), 'the closed draft is analysed with its notes');
  });

  test('null for a draft without notes and for documents that are not ours; bad params are an error', async () => {
    const lonely = pathToFileURL(path.join(os.tmpdir(), 'leverage-no-such-folder', 'x.md')).href;
    client.open(lonely, 'markdown', 'We can agree to that.', 1);
    assert.equal(await summary(lonely), null);
    client.open('file:///deals/config.yaml', 'yaml', 'a: 1\n', 1);
    assert.equal(await summary('file:///deals/config.yaml'), null);
    assert.equal(await summary(pathToFileURL(path.join(dir, 'missing.md')).href), null);
    await assert.rejects(client.request('leverage/summary', { uri: 42 }), (e: unknown) => e instanceof ResponseError && e.code === -32602);
  });

  test('untitled notes: a summary without a draft', async () => {
    const uri = 'untitled:Untitled-1';
    client.open(uri, 'negotiation-notes', 'issues:\n  - id: fees\n    status: agreed\n', 1);
    const s = await summary(uri);
    assert.equal(s?.draft, undefined);
    assert.equal(s?.notes, uri);
    assert.equal(s?.progress, 'We have aligned on the fees. No points remain open.');
  });

  test('scaffoldNotes: proposed notes beside a draft, valid, with its parties and topics', async () => {
    const uri = pathToFileURL(path.join(dir, 'beta.md')).href;
    const r = await client.request<ScaffoldedNotes | null>('leverage/scaffoldNotes', { uri });
    assert.ok(r);
    assert.equal(r.uri, pathToFileURL(path.join(dir, 'beta.negotiation.yaml')).href);
    assert.equal(r.exists, false);
    // The folder's one set of notes applies to any draft in it until the draft has its own.
    assert.equal(r.paired, notesUri);
    const { model, findings } = checkNotes(r.text);
    assert.deepEqual(findings.filter((f) => f.rule === 'notes-schema'), []);
    assert.deepEqual([model.we?.value, model.they?.value, model.draft?.value], ['Licensor', 'Licensee', 'beta.md']);
    assert.deepEqual(model.issues.map((i) => i.id?.value), ['fees', 'warranties']);
  });

  test('scaffoldNotes: an open draft whose notes exist says so; notes themselves get null', async () => {
    client.open(draftUri, 'markdown', DRAFT, 1);
    const r = await client.request<ScaffoldedNotes | null>('leverage/scaffoldNotes', { uri: draftUri });
    assert.ok(r);
    assert.equal(r.uri, notesUri);
    assert.equal(r.exists, true);
    assert.equal(r.paired, notesUri);
    assert.match(r.text, /\r\n/, 'CRLF like the draft');
    assert.equal(await client.request('leverage/scaffoldNotes', { uri: notesUri }), null);
    await assert.rejects(client.request('leverage/scaffoldNotes', {}), (e: unknown) => e instanceof ResponseError && e.code === -32602);
  });
});

describe('leverage/summary for a pushing client with Leverage disabled', () => {
  test('the summary is still given, without findings', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-summary-off-'));
    const client = await TestClient.start({ capabilities: PUSH_CLIENT, settings: { enable: false } });
    try {
      fs.writeFileSync(path.join(dir, 'a.md'), DRAFT);
      fs.writeFileSync(path.join(dir, 'a.negotiation.yaml'), NOTES('open').replace('draft: acme-msa.md', 'draft: a.md'));
      const uri = pathToFileURL(path.join(dir, 'a.md')).href;
      const closed = await client.request<NegotiationSummary | null>('leverage/summary', { uri });
      assert.deepEqual(closed?.findings, []);
      client.open(uri, 'markdown', DRAFT, 1);
      const open = await client.request<NegotiationSummary | null>('leverage/summary', { uri });
      assert.deepEqual(open?.findings, []);
      assert.equal(open?.issues.length, 3);
    } finally {
      client.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
