// A draft is analysed with its negotiation notes, whether the notes are open in the editor or only
// on disk; a change to the notes re-analyses the draft (a pulling client is asked to refresh).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { PULL_CLIENT, TestClient } from './harness';

const NOTES = (deadline: string) =>
  ['negotiation: Acme MSA', 'we: Supplier', 'they: Customer', 'draft: acme-msa.md', 'batna: Extend the Gamma pilot', 'private:', `  deadline: ${deadline}`, ''].join('\n');
const DRAFT = 'Dear Ms Lee,\n\nWe would like to close by 15 December. Supplier hereby waives any claim for late payment.\n';

describe('drafts paired with negotiation notes', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-pairing-'));
    fs.writeFileSync(path.join(dir, 'acme-msa.md'), DRAFT);
    fs.writeFileSync(path.join(dir, 'acme-msa.negotiation.yaml'), NOTES('2026-12-15'));
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => {
    client?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('notes on disk: a private fact is a leaked-position error linked to the notes, and our party is known', async () => {
    const uri = pathToFileURL(path.join(dir, 'acme-msa.md')).href;
    client.open(uri, 'markdown', DRAFT, 1);
    const items = await client.pullItems(uri);
    const leak = items.find((d) => d.code === 'leaked-position');
    assert.ok(leak, JSON.stringify(items.map((d) => d.code)));
    assert.equal(leak.severity, 1);
    assert.deepEqual(leak.range, { start: { line: 2, character: 26 }, end: { line: 2, character: 37 } });
    const related = leak.relatedInformation?.[0];
    assert.ok(related, 'related information points at the notes');
    assert.equal(related.location.uri, pathToFileURL(path.join(dir, 'acme-msa.negotiation.yaml')).href);
    assert.deepEqual(related.location.range.start, { line: 6, character: 12 });
    assert.ok(items.some((d) => d.code === 'unconditional-concession'), 'Supplier (we) waiving is a concession');
  });

  test('editing the notes in the editor re-analyses the draft', async () => {
    const uri = pathToFileURL(path.join(dir, 'acme-msa.md')).href;
    const notesUri = pathToFileURL(path.join(dir, 'acme-msa.negotiation.yaml')).href;
    const refreshes = client.refreshRequests;
    client.open(notesUri, 'yaml', NOTES('2027-01-31'), 1);
    await client.waitFor('workspace/diagnostic/refresh', () => client.refreshRequests > refreshes);
    const items = await client.pullItems(uri);
    assert.ok(!items.some((d) => d.code === 'leaked-position'), 'the new deadline is not in the draft');
  });
});
