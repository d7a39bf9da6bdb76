// Positions are UTF-16 code units: an emoji (outside the BMP) counts two, curly quotes and `§`
// one each, and CRLF ends a line. Wrong positions make fixes corrupt the text, so every edit here
// is applied and the result compared in full.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, editsFor, PULL_CLIENT, PUSH_CLIENT, rangeOf, TestClient } from './harness';

const TEXT = 'Fine 😀 — “We can agree to that.”\r\n§ 4.2 We insist on a 30-day cure period.\r\n';
// The expected texts are built by hand around the fixes' own wording (the core may reword them).
const fixedLine0 = (ask: string) => `Fine 😀 — “We can consider that${ask}.”`;
const fixedLine1 = (standard: string) => `§ 4.2 We insist on a 30-day cure period${standard}.`;

/** The text the preferred quick fix of `d` appends (its last edit, an insertion before the full stop). */
async function appended(client: TestClient, uri: string, d: Diagnostic): Promise<string> {
  const fix = ((await client.codeActions(uri, d.range, [d], ['quickfix'])) ?? []).find((a) => a.isPreferred);
  assert.ok(fix, `a preferred fix for ${String(d.code)}`);
  const edits = editsFor(fix.edit, uri, 1);
  return edits[edits.length - 1]!.newText;
}

function byRule(items: Diagnostic[], rule: string): Diagnostic {
  const d = items.find((x) => x.code === rule);
  assert.ok(d, `${rule} in ${JSON.stringify(items.map((x) => x.code))}`);
  return d;
}

describe('UTF-16 positions with emoji, curly quotes, § and CRLF', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => client?.dispose());

  test('ranges count UTF-16 code units and CRLF line breaks', async () => {
    const uri = 'file:///drafts/unicode.md';
    client.open(uri, 'markdown', TEXT, 1);
    const items = await client.pullItems(uri);

    const concession = byRule(items, 'unconditional-concession');
    // "Fine " (5) + 😀 (2) + " — “" (4) = 11.
    assert.deepEqual(concession.range, { start: { line: 0, character: 11 }, end: { line: 0, character: 26 } });
    assert.deepEqual(concession.range, rangeOf(TEXT, 'We can agree to'));

    const demand = byRule(items, 'unbenchmarked-demand');
    // After a CRLF, "§ 4.2 " is 6 units.
    assert.equal(demand.range.start.line, 1);
    assert.equal(demand.range.start.character, 6);
    assert.deepEqual(demand.range.start, rangeOf(TEXT, 'We insist').start);
  });

  test('each quick fix edits exactly the intended characters', async () => {
    const uri = 'file:///drafts/unicode-quickfix.md';
    client.open(uri, 'markdown', TEXT, 1);
    const items = await client.pullItems(uri);
    const concession = byRule(items, 'unconditional-concession');
    const [fix] = ((await client.codeActions(uri, concession.range, [concession], ['quickfix'])) ?? []).filter((a) => a.isPreferred);
    assert.ok(fix);
    const text = applyEdits(TEXT, editsFor(fix.edit, uri, 1));
    assert.equal(text, `${fixedLine0(await appended(client, uri, concession))}\r\n${TEXT.split('\r\n')[1]}\r\n`);

    client.change(uri, 2, [{ text }]);
    const again = await client.pullItems(uri);
    assert.equal(again.filter((d) => d.code === 'unconditional-concession').length, 0);
    // The second line's finding did not move.
    assert.deepEqual(byRule(again, 'unbenchmarked-demand').range, byRule(items, 'unbenchmarked-demand').range);
  });

  test('fix-all keeps the emoji, the quotes, the section sign and the CRLFs intact', async () => {
    const uri = 'file:///drafts/unicode-fixall.md';
    client.open(uri, 'markdown', TEXT, 1);
    const items = await client.pullItems(uri);
    const expected = `${fixedLine0(await appended(client, uri, byRule(items, 'unconditional-concession')))}\r\n${fixedLine1(await appended(client, uri, byRule(items, 'unbenchmarked-demand')))}\r\n`;
    const actions = (await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, [], ['source.fixAll.leverage'])) ?? [];
    assert.equal(actions.length, 1);
    assert.equal(applyEdits(TEXT, editsFor(actions[0]!.edit, uri, 1)), expected);
  });

  test('an incremental change after the emoji lands where the client meant it', async () => {
    const uri = 'file:///drafts/unicode-incremental.md';
    client.open(uri, 'markdown', TEXT, 1);
    // Insert a second emoji right after the first (character 7) and one on the second line.
    const edits = [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '🙂 ' },
      { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, newText: ' 🙂' },
    ];
    const text = applyEdits(TEXT, edits);
    client.change(
      uri,
      2,
      edits.map((e) => ({ range: e.range, text: e.newText })),
    );
    const items = await client.request<Diagnostic[]>('leverage/analyze', { uri });
    assert.deepEqual(byRule(items, 'unconditional-concession').range, { start: { line: 0, character: 14 }, end: { line: 0, character: 29 } });
    assert.deepEqual(byRule(items, 'unconditional-concession').range, rangeOf(text, 'We can agree to'));
    assert.deepEqual(byRule(items, 'unbenchmarked-demand').range.start, { line: 1, character: 9 });
  });
});

describe('UTF-16 positions in pushed diagnostics', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PUSH_CLIENT });
  });
  after(() => client?.dispose());

  test('a plain-text document with CRLF gets the same ranges', async () => {
    const uri = 'file:///drafts/unicode.txt';
    client.open(uri, 'plaintext', TEXT, 7);
    const published = await client.waitForPublish(uri);
    assert.equal(published.version, 7);
    assert.deepEqual(byRule(published.diagnostics, 'unconditional-concession').range, rangeOf(TEXT, 'We can agree to'));
  });
});
