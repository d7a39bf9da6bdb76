// Start-up, robustness against documents the server does not know, the `leverage/analyze`
// request, and a clean shutdown: `shutdown` then `exit` ends the process with code 0.

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { PULL_CLIENT, TestClient } from './harness';

describe('lifecycle', () => {
  const clients: TestClient[] = [];
  const start = async (args?: string[]) => {
    const client = await TestClient.start({ capabilities: PULL_CLIENT, ...(args ? { args } : {}) });
    clients.push(client);
    return client;
  };
  after(() => {
    for (const c of clients) c.dispose();
  });

  test('initialize reports the server and the shutdown/exit sequence ends with code 0', async () => {
    const client = await start();
    assert.equal(client.initializeResult.serverInfo?.name, 'leverage-language-server');
    assert.match(client.initializeResult.serverInfo?.version ?? '', /^\d+\.\d+\.\d+/);
    assert.equal(await client.shutdown(), 0);
  });

  test('without a transport flag the server speaks over stdio', async () => {
    const client = await start([]);
    assert.ok(client.initializeResult.capabilities.diagnosticProvider);
    assert.equal(await client.shutdown(), 0);
  });

  test('requests about unknown documents get empty answers, not errors', async () => {
    const client = await start();
    const uri = 'file:///never/opened.md';
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
    assert.deepEqual(await client.pull(uri), { kind: 'full', items: [] });
    assert.deepEqual(await client.codeActions(uri, range, []), []);
    assert.equal(await client.hover(uri, range.start), null);
    assert.deepEqual(await client.request('leverage/analyze', { uri }), []);
    // Notifications about it are ignored, and the server is still there.
    client.change(uri, 2, [{ text: 'x' }]);
    client.close(uri);
    await assert.rejects(client.request('leverage/analyze', { path: 'nope' }), (err: { code?: number }) => err.code === -32602);

    // A document in a language that is not ours is open but silent.
    const other = 'file:///src/main.rs';
    client.open(other, 'rust', '// We can agree to that.\n', 1);
    const report = await client.pull(other);
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.kind === 'full' ? report.items : undefined, []);
    assert.equal(await client.shutdown(), 0);
  });

  test('the contract language and negotiation-notes language id are analysed', async () => {
    const client = await start();
    const contract = 'file:///drafts/msa.contract';
    client.open(contract, 'contract', 'Supplier can agree to that.\n\nWe can agree to that.\n', 1);
    const items = await client.request<Diagnostic[]>('leverage/analyze', { uri: contract });
    assert.ok(items.some((d) => d.code === 'unconditional-concession'), JSON.stringify(items.map((d) => d.code)));

    // An untitled buffer has no file name: the language id decides.
    const notes = 'untitled:Untitled-1';
    client.open(notes, 'negotiation-notes', 'negotiation: Acme\n', 1);
    const report = await client.pull(notes);
    assert.equal(report.kind, 'full');
    assert.equal(await client.shutdown(), 0);
  });
});
