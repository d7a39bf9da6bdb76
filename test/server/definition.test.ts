// Go to definition over real JSON-RPC: from a use of a defined term to its definition, with
// positions in UTF-16 code units (emoji, curly quotes, §, CRLF). And a redlined draft's findings
// say whether they are in our change, in the message and in `data.change`.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Location } from 'vscode-languageserver-protocol';
import { PULL_CLIENT, positionAt, rangeOf, TestClient } from './harness';

const TEXT =
  '§ 1 😀 Acme Ltd (the “Supplier”) and Beta LLC ("Customer") agree.\r\n' +
  '“Confidential Information” means data marked confidential.\r\n' +
  'The Supplier protects the Customer’s Confidential Information.\r\n';

describe('textDocument/definition', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => client?.dispose());

  test('the server advertises definitions', () => {
    assert.equal(client.initializeResult.capabilities.definitionProvider, true);
  });

  test('a use jumps to its definition; elsewhere there is none', async () => {
    const uri = 'file:///drafts/terms.md';
    client.open(uri, 'markdown', TEXT, 1);
    const lastLine = TEXT.indexOf('The Supplier');
    const definition = (offset: number) => client.request<Location[] | null>('textDocument/definition', { textDocument: { uri }, position: positionAt(TEXT, offset) });

    // Inside "Supplier" on the last line.
    const supplier = await definition(TEXT.indexOf('Supplier', lastLine) + 3);
    assert.deepEqual(supplier, [{ uri, range: rangeOf(TEXT, 'Supplier') }]);
    // "Supplier" in the definition starts after 22 code units on line 0.
    assert.deepEqual(supplier?.[0]?.range, { start: { line: 0, character: 22 }, end: { line: 0, character: 30 } });

    const confidential = await definition(TEXT.indexOf('Confidential Information', lastLine));
    assert.deepEqual(confidential, [{ uri, range: { start: { line: 1, character: 1 }, end: { line: 1, character: 25 } } }]);

    assert.equal(await definition(TEXT.indexOf('protects')), null);
    // On the only definition itself: nowhere else to go.
    assert.equal(await definition(TEXT.indexOf('Customer') + 1), null);
  });

  test('a term defined twice offers both definitions', async () => {
    const uri = 'file:///drafts/twice.contract';
    const text = 'Beta (the "Customer") and Acme ("Supplier").\n"Customer" means Beta and its affiliates.\nThe Customer pays.\n';
    client.open(uri, 'contract', text, 1);
    const found = await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri }, position: positionAt(text, text.lastIndexOf('Customer')) });
    assert.deepEqual(found, [
      { uri, range: rangeOf(text, 'Customer') },
      { uri, range: rangeOf(text, 'Customer', text.indexOf('\n')) },
    ]);
    const items = await client.pullItems(uri);
    const twice = items.filter((d) => d.code === 'defined-term');
    assert.deepEqual(twice.map((d) => d.range), [rangeOf(text, 'Customer', text.indexOf('\n'))]);
    assert.equal(twice[0]!.severity, 3, 'information');
  });
});

describe('redlines over the protocol', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => client?.dispose());

  test('findings are labelled in the message and in data.change; deleted text is not flagged', async () => {
    const uri = 'file:///drafts/redline.md';
    const text = '“Fees” 😀 § 2. This is ridiculous.\r\n{++We can agree to that.++} {--Take it or leave it.--}\r\n';
    client.open(uri, 'markdown', text, 1);
    const items = await client.pullItems(uri);
    const shown = items.map((d) => [d.code, d.range, (d.data as { change?: string }).change, /\[in (our change|the existing text)\]$/.exec(String(d.message))?.[1]]);
    assert.deepEqual(shown, [
      ['hostile-tone', rangeOf(text, 'ridiculous'), 'existing', 'the existing text'],
      ['unconditional-concession', rangeOf(text, 'We can agree to'), 'ours', 'our change'],
    ]);
  });
});
