// Settings are pulled per document (`workspace/configuration`, section `leverage`, scopeUri = the
// document), cached, and dropped on `didChangeConfiguration`, after which a pulling client is asked
// to refresh and a pushed-to client gets new pushes. Also: requests superseded while the server
// waits for settings.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { cancellable, deferred, PULL_CLIENT, PUSH_CLIENT, TestClient } from './harness';

const CONCESSION = 'We can agree to that.\n';
const codes = (items: Diagnostic[]) => items.map((d) => d.code);

describe('settings with a pulling client', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => client?.dispose());

  test('the server registers for configuration changes (VS Code sends them only then)', async () => {
    await client.waitFor('client/registerCapability', () => client.registrations.find((r) => r.method === 'workspace/didChangeConfiguration'));
  });

  test('are requested per document and cached', async () => {
    const uri = 'file:///drafts/settings-a.md';
    client.open(uri, 'markdown', CONCESSION, 1);
    assert.ok(codes(await client.pullItems(uri)).includes('unconditional-concession'));
    const requests = client.configurationRequests.filter((r) => r.items.some((i) => i.scopeUri === uri));
    assert.deepEqual(requests.map((r) => r.items), [[{ scopeUri: uri, section: 'leverage' }]]);

    // Pull, code action and hover again: the cached settings (and analysis) serve them all.
    client.change(uri, 2, [{ text: CONCESSION + '\n' }]);
    const [d] = await client.pullItems(uri);
    await client.codeActions(uri, d!.range, [d!]);
    await client.hover(uri, d!.range.start);
    assert.equal(client.configurationRequests.filter((r) => r.items.some((i) => i.scopeUri === uri)).length, 1);
  });

  test('a rule turned off takes effect after didChangeConfiguration and a refresh request', async () => {
    const uri = 'file:///drafts/settings-b.md';
    client.open(uri, 'markdown', CONCESSION, 1);
    assert.ok(codes(await client.pullItems(uri)).includes('unconditional-concession'));

    client.settings = { rules: { 'unconditional-concession': 'off' } };
    const refreshes = client.refreshRequests;
    client.configurationChanged(null);
    await client.waitFor('workspace/diagnostic/refresh', () => client.refreshRequests > refreshes);
    assert.ok(!codes(await client.pullItems(uri)).includes('unconditional-concession'));
  });

  test('severities are configurable, and leverage.enable = false silences everything', async () => {
    const uri = 'file:///drafts/settings-c.md';
    client.open(uri, 'markdown', CONCESSION, 1);

    client.settings = { rules: { 'unconditional-concession': 'error' } };
    client.configurationChanged(null);
    const [d] = (await client.pullItems(uri)).filter((x) => x.code === 'unconditional-concession');
    assert.equal(d?.severity, 1);

    client.settings = { enable: false };
    client.configurationChanged(null);
    assert.deepEqual(await client.pullItems(uri), []);
    assert.equal(await client.hover(uri, d!.range.start), null);
    assert.deepEqual(await client.codeActions(uri, d!.range, [], ['source.fixAll']), []);
  });

  test('tradeables become the counter-asks offered by the concession fix', async () => {
    const uri = 'file:///drafts/settings-d.md';
    client.settings = { tradeables: ['Net-15 payment terms'] };
    client.configurationChanged(null);
    client.open(uri, 'markdown', CONCESSION, 1);
    const [d] = (await client.pullItems(uri)).filter((x) => x.code === 'unconditional-concession');
    assert.ok(d);
    const titles = ((await client.codeActions(uri, d.range, [d], ['quickfix'])) ?? []).map((a) => a.title);
    assert.ok(titles.some((t) => t.includes('Net-15 payment terms')), titles.join(' | '));
  });

  test('invalid values are ignored with a one-line warning that quotes no document text', async () => {
    const uri = 'file:///drafts/settings-e.md';
    const secret = 'Our walk-away is 95,000 and we can agree to that.';
    client.settings = { enable: 'yes', rules: { 'unconditional-concession': 'loud', 'no-such-rule': 'off', 'hostile-tone': 'error' }, tradeables: 'x', benchmarks: [1, 'a survey'] };
    const logged = client.logs.length;
    client.configurationChanged(null);
    client.open(uri, 'markdown', `${secret}\n\nThis is ridiculous.\n`, 1);
    const items = await client.pullItems(uri);
    assert.ok(codes(items).includes('unconditional-concession'), 'the invalid severity falls back to the default');
    assert.equal(items.find((d) => d.code === 'hostile-tone')?.severity, 1, 'the valid part applies');

    const warnings = client.logs.slice(logged).filter((l) => l.type === 2).map((l) => l.message);
    for (const key of ['leverage.enable', 'leverage.rules.unconditional-concession', 'no-such-rule', 'leverage.tradeables', 'leverage.benchmarks']) {
      assert.ok(warnings.some((w) => w.includes(key)), `a warning about ${key} in ${JSON.stringify(warnings)}`);
    }
    for (const w of warnings) assert.ok(!w.includes('\n'), 'one line');
    for (const l of client.logs) assert.ok(!l.message.includes('walk-away') && !l.message.includes('agree to'), 'no document text in logs');
    client.settings = {};
    client.configurationChanged(null);
  });

  test('a pull cancelled while waiting for settings is answered as cancelled, and the server carries on', async () => {
    const uri = 'file:///drafts/cancel.md';
    client.open(uri, 'markdown', CONCESSION, 1);
    const gate = deferred();
    client.configurationGate = gate.promise;
    const seen = client.configurationRequests.length;
    const source = cancellable();
    const pending = client.pull(uri, source.token);
    await client.waitFor('the configuration request', () => client.configurationRequests.length > seen);
    source.cancel();
    // Let the cancel notification overtake the settings answer.
    await client.request('leverage/analyze', { uri: 'file:///nothing-open.md' });
    client.configurationGate = undefined;
    gate.resolve();
    await assert.rejects(pending, (err: { code?: number }) => err.code === -32800);
    assert.ok(codes(await client.pullItems(uri)).includes('unconditional-concession'));
  });

  test('a pull whose document changes while it waits asks to be retriggered', async () => {
    const uri = 'file:///drafts/retrigger.md';
    client.open(uri, 'markdown', CONCESSION, 1);
    const gate = deferred();
    client.configurationGate = gate.promise;
    const seen = client.configurationRequests.length;
    const pending = client.pull(uri);
    await client.waitFor('the configuration request', () => client.configurationRequests.length > seen);
    client.change(uri, 2, [{ text: 'Nothing to see.\n' }]);
    await client.request('leverage/analyze', { uri: 'file:///nothing-open.md' });
    client.configurationGate = undefined;
    gate.resolve();
    await assert.rejects(pending, (err: { code?: number; data?: { retriggerRequest?: boolean } }) => err.code === -32802 && err.data?.retriggerRequest === true);
    assert.deepEqual(codes(await client.pullItems(uri)).filter((c) => c === 'unconditional-concession'), []);
  });
});

describe('settings with a pushed-to client', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PUSH_CLIENT });
  });
  after(() => client?.dispose());

  test('didChangeConfiguration re-pushes every open document with the new settings', async () => {
    const a = 'file:///drafts/push-settings-a.md';
    const b = 'file:///drafts/push-settings-b.txt';
    client.open(a, 'markdown', CONCESSION, 1);
    client.open(b, 'plaintext', CONCESSION, 3);
    await client.waitForPublish(a, (p) => codes(p.diagnostics).includes('unconditional-concession'));
    await client.waitForPublish(b, (p) => codes(p.diagnostics).includes('unconditional-concession'));

    const since = client.published.length;
    client.settings = { rules: { 'unconditional-concession': 'off' } };
    client.configurationChanged(null);
    const pa = await client.waitForPublish(a, () => true, since);
    const pb = await client.waitForPublish(b, () => true, since);
    assert.ok(!codes(pa.diagnostics).includes('unconditional-concession'));
    assert.ok(!codes(pb.diagnostics).includes('unconditional-concession'));
    assert.equal(pa.version, 1);
    assert.equal(pb.version, 3);
  });
});

describe('settings with a client that cannot answer workspace/configuration', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: { ...PUSH_CLIENT, workspace: {} } });
  });
  after(() => client?.dispose());

  test('come from the didChangeConfiguration notification itself', async () => {
    const uri = 'file:///drafts/pushed-settings.md';
    client.open(uri, 'markdown', CONCESSION, 1);
    await client.waitForPublish(uri, (p) => codes(p.diagnostics).includes('unconditional-concession'));
    assert.equal(client.configurationRequests.length, 0);

    const since = client.published.length;
    client.configurationChanged({ leverage: { rules: { 'unconditional-concession': 'off' } } });
    const p = await client.waitForPublish(uri, () => true, since);
    assert.ok(!codes(p.diagnostics).includes('unconditional-concession'));
  });
});
