// Negotiation notes in the editor: outline symbols, a code lens per issue with its ledger counts,
// and a hover on an issue id with its ledger and moves.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeLens, DocumentSymbol, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { PULL_CLIENT, positionAt, TestClient } from './harness';

const NOTES = [
  'negotiation: Acme 😀 MSA',
  'batna: Extend the pilot',
  'issues:',
  '  - id: fees',
  '    category: economic',
  '    position: Annual fee of 120,000',
  '    benchmark: 2025 survey',
  '  - id: term',
  '    category: legal',
  '    position: 12 months',
  '    benchmark: Our standard terms',
  'concessions:',
  '  - give: Accept a 12-month minimum term',
  '    issue: term',
  'moves:',
  '  - {by: us, on: fees, offer: 120000}',
  '',
].join('\r\n');

describe('negotiation notes in the editor', () => {
  let client: TestClient;
  const uri = 'file:///deals/acme.negotiation.yaml';
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT });
    client.open(uri, 'yaml', NOTES, 1);
  });
  after(() => client?.dispose());

  test('the outline lists the issues, the ledger and the moves', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]),
      [
        ['issues', ['fees', 'term']],
        ['concessions', ['give: Accept a 12-month minimum term']],
        ['moves', ['us on fees']],
      ],
    );
    const fees = symbols[0]!.children![0]!;
    assert.deepEqual(fees.selectionRange, { start: { line: 3, character: 8 }, end: { line: 3, character: 12 } });
  });

  test('a code lens on each issue counts the concessions given and received', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [
        [3, '0 given · 0 received'],
        [7, '1 given · 0 received — ask for something back'],
      ],
    );
  });

  test('hovering an issue id shows its ledger and moves', async () => {
    const at = NOTES.indexOf('issue: term') + 'issue: '.length + 1;
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(NOTES, at) });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /Issue `term`/);
    assert.match(value, /gave: Accept a 12-month minimum term → got: nothing yet/);
  });
});
