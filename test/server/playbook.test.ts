// The team playbook `.leverage.yaml` at a workspace folder's root: its keys apply to the folder's
// documents, the settings override it, a bad entry is a diagnostic on the playbook while the rest
// still applies, and editing it re-checks the documents.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { PULL_CLIENT, TestClient } from './harness';

const DRAFT = 'We will eat the shipping cost.\n\nTake it or leave it.\n';
const PLAYBOOK = ['rules:', '  hostile-tone: off', '  over-disclosure: sometimes', 'phrases:', '  concession: ["eat the * cost"]', ''].join('\n');

describe('the team playbook', () => {
  let client: TestClient;
  let dir: string;
  const draftUri = () => pathToFileURL(path.join(dir, 'letter.md')).href;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-playbook-'));
    fs.writeFileSync(path.join(dir, '.leverage.yaml'), PLAYBOOK);
    client = await TestClient.start({ capabilities: PULL_CLIENT, workspaceFolders: [pathToFileURL(dir).href] });
  });
  after(() => {
    client?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('applies to the folder: a custom phrase flags, a rule is off, and a bad entry does not stop the rest', async () => {
    client.open(draftUri(), 'markdown', DRAFT, 1);
    const codes = (await client.pullItems(draftUri())).map((d) => d.code);
    assert.deepEqual(codes, ['unconditional-concession']);
  });

  test('a bad entry is a diagnostic on the playbook, where it is written', async () => {
    const uri = pathToFileURL(path.join(dir, '.leverage.yaml')).href;
    client.open(uri, 'yaml', PLAYBOOK, 1);
    const items = await client.pullItems(uri);
    assert.equal(items.length, 1, JSON.stringify(items));
    assert.equal(items[0]!.code, 'playbook');
    assert.equal(items[0]!.severity, 1);
    assert.deepEqual(items[0]!.range.start, { line: 2, character: 19 });
  });

  test('editing the playbook re-checks the documents', async () => {
    const uri = pathToFileURL(path.join(dir, '.leverage.yaml')).href;
    const refreshes = client.refreshRequests;
    client.change(uri, 2, [{ text: 'rules:\n  unconditional-concession: off\n  hostile-tone: hint\n' }]);
    await client.waitFor('workspace/diagnostic/refresh', () => client.refreshRequests > refreshes);
    const items = await client.pullItems(draftUri());
    assert.deepEqual(items.map((d) => [d.code, d.severity]), [['hostile-tone', 4]]);
  });

  test('the settings override the playbook', async () => {
    client.settings = { rules: { 'hostile-tone': 'error' } };
    const refreshes = client.refreshRequests;
    client.configurationChanged();
    await client.waitFor('workspace/diagnostic/refresh', () => client.refreshRequests > refreshes);
    const items = await client.pullItems(draftUri());
    assert.deepEqual(items.map((d) => [d.code, d.severity]), [['hostile-tone', 1]]);
  });
});
