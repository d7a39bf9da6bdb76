// A client that pulls diagnostics (as VS Code does): diagnostics, quick fixes, fix-all and hover,
// end to end over JSON-RPC against the built server.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, MarkupContent } from 'vscode-languageserver-protocol';
import { ruleById } from '../../server/src/core/rules/index';
import { applyEdits, editsFor, PULL_CLIENT, rangeOf, TestClient } from './harness';

const DOCS = 'https://github.com/leverage-dev/leverage#';

describe('pull diagnostics', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => client?.dispose());

  test('advertises pull diagnostics, quick fixes and fix-all, incremental sync', () => {
    const caps = client.initializeResult.capabilities;
    assert.equal(typeof caps.textDocumentSync === 'object' && caps.textDocumentSync.change, 2);
    assert.ok(caps.diagnosticProvider, 'diagnosticProvider');
    assert.deepEqual(caps.codeActionProvider && typeof caps.codeActionProvider === 'object' && caps.codeActionProvider.codeActionKinds, [
      'quickfix',
      'source.fixAll.leverage',
    ]);
    assert.ok(caps.hoverProvider);
  });

  test('a concession is reported with code, docs link, range and fix data; its quick fix removes it', async () => {
    const uri = 'file:///drafts/reply.md';
    let text = '# Reply\n\nThank you for the draft. We can agree to that.\n';
    client.open(uri, 'markdown', text, 1);

    const items = await client.pullItems(uri);
    const d = only(items, 'unconditional-concession');
    assert.equal(d.source, 'leverage');
    assert.deepEqual(d.codeDescription, { href: `${DOCS}unconditional-concession` });
    assert.equal(d.severity, 2);
    assert.deepEqual(d.range, rangeOf(text, 'We can agree to'));
    assert.ok(typeof d.message === 'string' && d.message.length > 0);
    const data = d.data as { rule: string; version: number; fixes: { title: string; preferred: boolean; edits: unknown[] }[] };
    assert.equal(data.rule, 'unconditional-concession');
    assert.equal(data.version, 1);
    assert.ok(data.fixes.length >= 1);
    assert.equal(data.fixes.filter((f) => f.preferred).length, 1);
    // No push in pull mode: validating twice would be wasted work and could flicker.
    assert.equal(client.published.length, 0);

    const actions = (await client.codeActions(uri, d.range, [d], ['quickfix'])) ?? [];
    assert.equal(actions.length, data.fixes.length, 'one quick fix per fix');
    assert.deepEqual(
      actions.map((a) => a.title),
      data.fixes.map((f) => f.title),
    );
    for (const a of actions) {
      assert.equal(a.kind, 'quickfix');
      assert.deepEqual(a.diagnostics, [d]);
    }
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);

    const edits = editsFor(preferred[0]!.edit, uri, 1);
    // Send the fix the way an editor does: incremental changes, last edit first so ranges hold.
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    text = applyEdits(text, edits);
    client.change(
      uri,
      2,
      sorted.map((e) => ({ range: e.range, text: e.newText })),
    );
    assert.match(text, /^# Reply\n\nThank you for the draft\. We can consider that if .+\.\n$/);

    const after = await client.pullItems(uri);
    assert.equal(after.filter((x) => x.code === 'unconditional-concession').length, 0);
    // The server's text is the one we computed: a full-text round trip agrees.
    const viaAnalyze = await client.request<Diagnostic[]>('leverage/analyze', { uri });
    assert.deepEqual(viaAnalyze, after);
  });

  test('a quick fix for an outdated version is refused', async () => {
    const uri = 'file:///drafts/stale.md';
    const text = 'We can agree to that.\n';
    client.open(uri, 'markdown', text, 1);
    const [d] = (await client.pullItems(uri)).filter((x) => x.code === 'unconditional-concession');
    assert.ok(d);
    const fresh = await client.codeActions(uri, d.range, [d], ['quickfix']);
    assert.ok(fresh && fresh.length > 0);

    client.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'Regards.\n' }]);
    const stale = await client.codeActions(uri, d.range, [d], ['quickfix']);
    assert.deepEqual(stale, []);

    // Diagnostics of the new version work again, and their edits carry the new version.
    const [d2] = (await client.pullItems(uri)).filter((x) => x.code === 'unconditional-concession');
    assert.ok(d2);
    const actions = (await client.codeActions(uri, d2.range, [d2], ['quickfix'])) ?? [];
    assert.ok(actions.length > 0);
    editsFor(actions[0]!.edit, uri, 2);
  });

  test('diagnostics that are not ours, or carry no data, get no actions', async () => {
    const uri = 'file:///drafts/foreign.md';
    client.open(uri, 'markdown', 'We can agree to that.\n', 1);
    const [d] = (await client.pullItems(uri)).filter((x) => x.code === 'unconditional-concession');
    assert.ok(d);
    const foreign: Diagnostic = { ...d, source: 'cspell' };
    const noData: Diagnostic = { ...d, data: undefined };
    const broken: Diagnostic = { ...d, data: { rule: d.code, version: 1, fixes: [{ title: 'x', edits: [{}] }] } };
    assert.deepEqual(await client.codeActions(uri, d.range, [foreign, noData, broken], ['quickfix']), []);
  });

  test('fix-all applies every preferred fix in one versioned edit', async () => {
    const uri = 'file:///drafts/fix-all.md';
    let text = 'We can agree to that.\n\nWe insist on a 30-day cure period.\n';
    client.open(uri, 'markdown', text, 1);
    const items = await client.pullItems(uri);
    const rules = new Set(items.map((d) => d.code));
    assert.ok(rules.has('unconditional-concession') && rules.has('unbenchmarked-demand'), [...rules].join());

    // As "editor.codeActionsOnSave": { "source.fixAll": "explicit" } asks for it.
    const whole = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
    const actions = (await client.codeActions(uri, whole, [], ['source.fixAll'])) ?? [];
    assert.equal(actions.length, 1);
    const [fixAll] = actions as [CodeAction];
    assert.equal(fixAll.kind, 'source.fixAll.leverage');

    // The same edit as applying each preferred quick fix.
    const preferredEdits = items.flatMap((d) => (d.data as { fixes: { preferred: boolean; edits: [] }[] }).fixes.filter((f) => f.preferred).flatMap((f) => f.edits));
    text = applyEdits(text, editsFor(fixAll.edit, uri, 1));
    assert.equal(text, applyEdits('We can agree to that.\n\nWe insist on a 30-day cure period.\n', preferredEdits));
    client.change(uri, 2, [{ text }]);
    const left = await client.pullItems(uri);
    assert.deepEqual(
      left.filter((d) => d.code === 'unconditional-concession' || d.code === 'unbenchmarked-demand'),
      [],
    );

    // Quick fixes only: no fix-all. No `only` (the light bulb) on one of ours: both kinds.
    assert.deepEqual(await client.codeActions(uri, whole, [], ['quickfix']), []);
    client.change(uri, 3, [{ text: 'We can agree to that.\n' }]);
    const [d] = await client.pullItems(uri);
    assert.ok(d);
    assert.deepEqual(await client.codeActions(uri, whole, []), [], 'no fix-all in the light bulb away from our problems');
    const all = (await client.codeActions(uri, d.range, [d])) ?? [];
    assert.ok(all.some((a) => a.kind === 'quickfix'));
    assert.ok(all.some((a) => a.kind === 'source.fixAll.leverage'));
  });

  test('hover on a finding explains it with the principle, an example and the docs link', async () => {
    const uri = 'file:///drafts/hover.md';
    const text = 'Thanks.\n\nWe can agree to that.\n';
    client.open(uri, 'markdown', text, 1);
    const hover = await client.hover(uri, { line: 2, character: 4 });
    assert.ok(hover, 'a hover inside the finding');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    const plain = contents.value.replace(/\\(.)/g, '$1');
    const rule = ruleById('unconditional-concession')!;
    assert.ok(plain.includes(rule.principle), 'the principle');
    assert.ok(plain.includes(rule.example.before) && plain.includes(rule.example.after), 'the example');
    assert.ok(contents.value.includes(`(${DOCS}unconditional-concession)`), 'the docs link');
    assert.deepEqual(hover.range, rangeOf(text, 'We can agree to'));

    assert.equal(await client.hover(uri, { line: 0, character: 2 }), null);
  });
});

function only(items: Diagnostic[], rule: string): Diagnostic {
  const matching = items.filter((d) => d.code === rule);
  assert.equal(matching.length, 1, `one ${rule} in ${JSON.stringify(items.map((d) => d.code))}`);
  return matching[0]!;
}
