// A client without pull support (as Neovim 0.7): diagnostics are pushed with the document version,
// never for an outdated version, and quick fixes come as plain `changes` edits.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applyEdits, editsFor, PUSH_CLIENT, rangeOf, TestClient } from './harness';

describe('push diagnostics', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PUSH_CLIENT });
  });
  after(() => client?.dispose());

  test('does not advertise pull diagnostics', () => {
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
  });

  test('open and change publish diagnostics carrying the document version', async () => {
    const uri = 'file:///drafts/push.md';
    const text = 'We can agree to that.\n';
    client.open(uri, 'markdown', text, 1);
    const first = await client.waitForPublish(uri);
    assert.equal(first.version, 1);
    const d = first.diagnostics.find((x) => x.code === 'unconditional-concession');
    assert.ok(d);
    assert.equal(d.source, 'leverage');
    assert.deepEqual(d.range, rangeOf(text, 'We can agree to'));
    assert.equal((d.data as { version: number }).version, 1);

    // A plain `changes` edit for a client without `documentChanges`.
    const actions = (await client.codeActions(uri, d.range, [d], ['quickfix'])) ?? [];
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred?.edit?.changes, 'changes, not documentChanges');
    assert.equal(preferred.edit.documentChanges, undefined);
    const fixed = applyEdits(text, editsFor(preferred.edit, uri));

    const since = client.published.length;
    client.change(uri, 2, [{ text: fixed }]);
    const second = await client.waitForPublish(uri, () => true, since);
    assert.equal(second.version, 2);
    assert.equal(second.diagnostics.filter((x) => x.code === 'unconditional-concession').length, 0);
  });

  test('a burst of changes ends with diagnostics for the last version, none for outdated ones after it', async () => {
    const uri = 'file:///drafts/burst.md';
    const since = client.published.length;
    client.open(uri, 'markdown', 'Hello.\n', 1);
    let text = 'Hello.\n';
    for (let version = 2; version <= 6; version++) {
      text += version === 6 ? 'We can agree to that.\n' : `Line ${version}.\n`;
      client.change(uri, version, [{ text }]);
    }
    const last = await client.waitForPublish(uri, (p) => p.version === 6, since);
    assert.ok(last.diagnostics.some((x) => x.code === 'unconditional-concession'));
    // Ask for something else and wait for its answer, so any late push would have arrived.
    await client.codeActions(uri, last.diagnostics[0]!.range, []);
    const versions = client.published.slice(since).filter((p) => p.uri === uri).map((p) => p.version ?? -1);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, `versions in order: ${versions.join(',')}`);
    assert.equal(versions[versions.length - 1], 6);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = 'file:///drafts/close.md';
    client.open(uri, 'markdown', 'We can agree to that.\n', 1);
    await client.waitForPublish(uri, (p) => p.diagnostics.length > 0);
    const since = client.published.length;
    client.close(uri);
    const cleared = await client.waitForPublish(uri, () => true, since);
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('a YAML file that is not negotiation notes gets nothing; notes are recognised by file name', async () => {
    const plain = 'file:///project/config.yaml';
    const notes = 'file:///project/acme-msa.negotiation.yaml';
    client.open(plain, 'yaml', 'give: We can agree to that.\n', 1);
    client.open(notes, 'yaml', 'negotiation: Acme\nwe: Supplier\n', 1);
    // Notes are analysed (what the core finds in them is its business) and published.
    const published = await client.waitForPublish(notes);
    assert.equal(published.version, 1);
    assert.equal(client.published.filter((p) => p.uri === plain).length, 0);
    assert.deepEqual(await client.request('leverage/analyze', { uri: plain }), []);
  });
});
