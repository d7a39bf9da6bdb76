// A client that pulls diagnostics (as VS Code does): diagnostics, quick fixes, fix-all and hover,
// end to end over JSON-RPC against the built server.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { ruleById } from '../../server/src/core/rules/index';
import { applyEdits, editsFor, offsetAt, positionAt, PULL_CLIENT, rangeOf, TestClient } from './harness';

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

  test('a concession is reported with code, docs link, range and small data; its quick fix removes it', async () => {
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
    // The data names the rule and the version; the fixes are looked up when asked for, so a
    // keystroke's answer does not carry every fix's edits.
    assert.deepEqual(d.data, { rule: 'unconditional-concession', version: 1 });
    // No push in pull mode: validating twice would be wasted work and could flicker.
    assert.equal(client.published.length, 0);

    const actions = (await client.codeActions(uri, d.range, [d], ['quickfix'])) ?? [];
    assert.ok(actions.length >= 2, 'a trade and a suppression at least');
    assert.equal(new Set(actions.map((a) => a.title)).size, actions.length, 'distinct titles');
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

  test('a quick fix for a diagnostic whose text has moved is refused; one an edit left alone is computed on the current text', async () => {
    const uri = 'file:///drafts/stale.md';
    const text = 'We can agree to that.\n';
    client.open(uri, 'markdown', text, 1);
    const [d] = (await client.pullItems(uri)).filter((x) => x.code === 'unconditional-concession');
    assert.ok(d);
    const fresh = await client.codeActions(uri, d.range, [d], ['quickfix']);
    assert.ok(fresh && fresh.length > 0);

    // An edit after the finding: the diagnostic still shows the current text, and its fixes are
    // built on (and versioned for) version 2.
    client.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'Regards.\n' }]);
    const kept = (await client.codeActions(uri, d.range, [d], ['quickfix'])) ?? [];
    assert.deepEqual(kept.map((a) => a.title), fresh.map((a) => a.title));
    editsFor(kept[0]!.edit, uri, 2);

    // An edit before it on the same line moves the finding: the old diagnostic's range shows
    // other text now, and a fix from it would corrupt the document.
    client.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Fine. ' }]);
    const stale = await client.codeActions(uri, d.range, [d], ['quickfix']);
    assert.deepEqual(stale, []);

    // Diagnostics of the new version work again, and their edits carry the new version.
    const [d2] = (await client.pullItems(uri)).filter((x) => x.code === 'unconditional-concession');
    assert.ok(d2);
    const actions = (await client.codeActions(uri, d2.range, [d2], ['quickfix'])) ?? [];
    assert.ok(actions.length > 0);
    editsFor(actions[0]!.edit, uri, 3);
  });

  test('a new version with the same diagnostics is answered `unchanged` to a client that holds them', async () => {
    const uri = 'file:///drafts/unchanged.md';
    const text = 'We can agree to that.\n\nThe rest of the letter.\n';
    client.open(uri, 'markdown', text, 1);
    const pull = (previousResultId?: string) =>
      client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
    const first = await pull();
    assert.equal(first.kind, 'full');
    assert.ok(first.resultId);
    const items = first.kind === 'full' ? first.items : [];
    assert.ok(items.some((d) => d.code === 'unconditional-concession'));

    // A keystroke on the third line leaves every diagnostic as it was.
    client.change(uri, 2, [{ range: { start: { line: 2, character: 8 }, end: { line: 2, character: 8 } }, text: 'x' }]);
    const same = await pull(first.resultId);
    assert.deepEqual(same, { kind: 'unchanged', resultId: first.resultId });
    // Its quick fixes are those of the current text.
    const d = items.find((x) => x.code === 'unconditional-concession')!;
    const actions = (await client.codeActions(uri, d.range, [d], ['quickfix'])) ?? [];
    assert.ok(actions.length > 0);
    editsFor(actions[0]!.edit, uri, 2);

    // A client without the previous result, or an edit that moves a finding: a full report.
    assert.equal((await pull()).kind, 'full');
    const latest = await pull();
    client.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Fine. ' }]);
    const moved = await pull(latest.resultId);
    assert.equal(moved.kind, 'full');
    assert.notEqual(moved.resultId, latest.resultId);
    const movedItems = moved.kind === 'full' ? moved.items : [];
    assert.equal(movedItems.find((x) => x.code === 'unconditional-concession')?.range.start.character, 6);
  });

  test('diagnostics that are not ours, or carry no data, get no actions', async () => {
    const uri = 'file:///drafts/foreign.md';
    client.open(uri, 'markdown', 'We can agree to that.\n', 1);
    const [d] = (await client.pullItems(uri)).filter((x) => x.code === 'unconditional-concession');
    assert.ok(d);
    const foreign: Diagnostic = { ...d, source: 'cspell' };
    const noData: Diagnostic = { ...d, data: undefined };
    const broken: Diagnostic = { ...d, data: { rule: d.code } };
    const otherRule: Diagnostic = { ...d, data: { rule: 'hostile-tone', version: 1 } };
    const pastLineEnd: Diagnostic = { ...d, range: { start: d.range.start, end: { line: 0, character: 500 } } };
    assert.deepEqual(await client.codeActions(uri, d.range, [foreign, noData, broken, otherRule, pastLineEnd], ['quickfix']), []);
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
    const preferredEdits: TextEdit[] = [];
    for (const d of items) {
      const preferred = ((await client.codeActions(uri, d.range, [d], ['quickfix'])) ?? []).filter((a) => a.isPreferred);
      preferredEdits.push(...preferred.flatMap((a) => editsFor(a.edit, uri, 1)));
    }
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

describe('a keystroke in a long draft', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => client?.dispose());

  test('diagnostics outside the edited chunk are the ones made before unless lines moved, and all match a fresh analysis', async () => {
    // Over 128 KB, so the document is read in 8 KB chunks, with a finding in many of them.
    const paragraph = 'The Supplier shall deliver the Services in accordance with this Agreement. We can agree to that. 😀 § 4.2 “quoted”\r\n\r\n';
    let text = paragraph.repeat(1400);
    assert.ok(text.length > 131072);
    const uri = 'file:///drafts/long-reply.md';
    client.open(uri, 'markdown', text, 1);
    const opened = await client.pullItems(uri);
    assert.equal(opened.length, 1400);
    const version = (d: Diagnostic) => (d.data as { version: number }).version;

    // The same text analysed from scratch by another server: the same diagnostics but for the version.
    const matchesFresh = async (items: Diagnostic[]) => {
      const fresh = await TestClient.start({ capabilities: PULL_CLIENT });
      try {
        fresh.open(uri, 'markdown', text, 7);
        const expected = await fresh.pullItems(uri);
        const strip = (d: Diagnostic) => ({ ...d, data: { ...(d.data as object), version: 0 } });
        assert.deepEqual(items.map(strip), expected.map(strip));
      } finally {
        fresh.dispose();
      }
    };

    // One character typed in the second half, then the pull an editor makes.
    let at = text.lastIndexOf('Services', Math.floor(text.length * 0.6));
    let position = positionAt(text, at);
    client.change(uri, 2, [{ range: { start: position, end: position }, text: 'x' }]);
    text = text.slice(0, at) + 'x' + text.slice(at);
    let items = await client.pullItems(uri);
    const beforeEdit = items.filter((d) => offsetAt(text, d.range.end) <= at);
    const afterEdit = items.filter((d) => offsetAt(text, d.range.start) > at);
    assert.ok(beforeEdit.length > 700 && afterEdit.length > 400, `${beforeEdit.length} before, ${afterEdit.length} after`);
    // Only the edited chunk is read again (8 KB: about 70 paragraphs); every other diagnostic is
    // the one made for version 1, on both sides of the edit: no line moved.
    const remade = items.filter((d) => version(d) === 2);
    assert.ok(remade.length > 0 && remade.length < 300, `${remade.length} made again`);
    const lineOfEdit = position.line;
    assert.ok(remade.every((d) => Math.abs(d.range.start.line - lineOfEdit) < 400), 'only diagnostics near the edit are made again');
    assert.ok(afterEdit.filter((d) => version(d) === 1).length > 300, 'diagnostics after the edit are kept');
    await matchesFresh(items);

    // A line break typed: the lines after it move, so their diagnostics are made again.
    at = text.lastIndexOf('Services', Math.floor(text.length * 0.3));
    position = positionAt(text, at);
    client.change(uri, 3, [{ range: { start: position, end: position }, text: '\n' }]);
    text = text.slice(0, at) + '\n' + text.slice(at);
    items = await client.pullItems(uri);
    const after = items.filter((d) => offsetAt(text, d.range.start) > at);
    assert.ok(after.length > 900 && after.every((d) => version(d) === 3), 'the diagnostics after a new line are made for version 3');
    assert.ok(items.filter((d) => version(d) !== 3).length > 250, 'those before it are kept');
    await matchesFresh(items);
  });
});

// The server keeps open documents in pieces and moves the findings of chunks after an edit in
// place: after many edits anywhere (line breaks typed and removed, an emoji, a CRLF draft), the
// diagnostics and the quick fixes are those of a fresh server given the final text.
describe('many edits to a long draft', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => client?.dispose());

  test('diagnostics and quick fixes match a fresh server after 63 edits', async () => {
    const paragraph = 'The Supplier shall deliver the Services. We can agree to that. 😀 § 4.2 “quoted”\r\n\r\n';
    let text = paragraph.repeat(1800);
    assert.ok(text.length > 131072);
    const uri = 'file:///drafts/many-edits.md';
    client.open(uri, 'markdown', text, 1);
    await client.pullItems(uri);
    // A fixed sequence: the same edits every run.
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const inserts = ['x', ' ', '\r\n', '\n', '😀', 'We can agree to that. '];
    for (let version = 2; version <= 61; version++) {
      let at = Math.floor(random() * text.length);
      // Never inside a surrogate pair or a CRLF: an editor does not put the cursor there.
      while (/[\uDC00-\uDFFF\n]/.test(text[at] ?? '')) at++;
      const remove = version % 3 === 0 ? Math.min(text.length - at, 1 + Math.floor(random() * 40)) : 0;
      let end = at + remove;
      while (/[\uDC00-\uDFFF\n]/.test(text[end] ?? '')) end++;
      const insert = inserts[Math.floor(random() * inserts.length)]!;
      client.change(uri, version, [{ range: { start: positionAt(text, at), end: positionAt(text, end) }, text: insert }]);
      text = text.slice(0, at) + insert + text.slice(end);
      // Pulled after some edits only, as an editor that debounces would.
      if (version % 4 === 0) await client.pullItems(uri);
    }
    // Then typing near the start, pulled after each character: every chunk after it moves.
    for (let version = 62; version <= 64; version++) {
      const at = text.indexOf('Services') + 3;
      client.change(uri, version, [{ range: { start: positionAt(text, at), end: positionAt(text, at) }, text: 'y' }]);
      text = text.slice(0, at) + 'y' + text.slice(at);
      await client.pullItems(uri);
    }
    const items = await client.pullItems(uri);
    const fresh = await TestClient.start({ capabilities: PULL_CLIENT });
    try {
      fresh.open(uri, 'markdown', text, 64);
      const expected = await fresh.pullItems(uri);
      const strip = (d: Diagnostic) => ({ ...d, data: { ...(d.data as object), version: 0 } });
      assert.deepEqual(items.map(strip), expected.map(strip));
      assert.ok(items.length > 1500, `${items.length} diagnostics`);
      // The quick fixes of diagnostics spread over the draft, as both servers compute them.
      for (const k of [0, 1, Math.floor(items.length / 2), items.length - 1]) {
        const ours = await client.codeActions(uri, items[k]!.range, [items[k]!]);
        const theirs = await fresh.codeActions(uri, expected[k]!.range, [expected[k]!]);
        const edits = (actions: CodeAction[] | null) => (actions ?? []).map((a) => ({ title: a.title, edits: editsFor(a.edit, uri) }));
        assert.ok((ours ?? []).length > 0);
        assert.deepEqual(edits(ours), edits(theirs));
      }
    } finally {
      fresh.dispose();
    }
  });
});

describe('a document opened again', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => client?.dispose());

  test('with the same version and other text, is read as the new text', async () => {
    const uri = 'file:///drafts/reopened.md';
    const first = 'Intro.\n\n'.repeat(5) + 'We can agree to that.\n';
    client.open(uri, 'markdown', first, 1);
    assert.deepEqual((await client.pullItems(uri)).map((d) => d.range), [rangeOf(first, 'We can agree to')]);
    // No close in between (a client may do this): the version repeats, the text does not.
    const second = 'Intro.\n\n'.repeat(9) + 'Thanks.\nWe can agree to that.\n';
    client.open(uri, 'markdown', second, 1);
    assert.deepEqual((await client.pullItems(uri)).map((d) => d.range), [rangeOf(second, 'We can agree to')]);
  });
});

function only(items: Diagnostic[], rule: string): Diagnostic {
  const matching = items.filter((d) => d.code === rule);
  assert.equal(matching.length, 1, `one ${rule} in ${JSON.stringify(items.map((d) => d.code))}`);
  return matching[0]!;
}
