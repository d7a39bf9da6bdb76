// Bad input gets a clear answer: a document over the size limit is analysed up to a paragraph
// break before the limit, with one information diagnostic at its start saying so (in the server
// and in the CLI, with the same findings); negotiation notes over the limit and binary text are
// not analysed, with a notice; `leverage.enable: false` silences the notices too.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { BINARY_SNIFF_CHARS, boundInput, cutPoint, MAX_ANALYSED_CHARS } from '../../server/src/lsp/limits';
import { positionAt, PULL_CLIENT, PUSH_CLIENT, TestClient } from './harness';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

const FILLER = [
  'The weather was mild and the team met in the small room by the river.',
  'Everyone read the notes from the last meeting before lunch.',
  'The letter was written in plain words and signed by both managers.',
  'A short walk after the meeting helped the group think.',
  'The office on the third floor has a view of the old bridge.',
];
const PRICE_ONLY = 'Our offer is 90,000 and we cannot go higher on price.';
const CONCESSION = 'We can agree to that.';
const OTHER_ISSUE = 'We would also like to discuss the delivery timeline and the warranty period.';

/** Paragraphs of neutral prose up to `size` characters, with `inserts` placed at given offsets. */
function document(size: number, inserts: { at: number; text: string }[]): string {
  const parts: string[] = [];
  let length = 0;
  let i = 0;
  const pending = [...inserts].sort((a, b) => a.at - b.at);
  while (length < size) {
    let paragraph = FILLER.slice(i % 5).concat(FILLER.slice(0, i % 5)).join(' ');
    while (pending.length > 0 && pending[0]!.at <= length) paragraph = `${pending.shift()!.text} ${paragraph}`;
    parts.push(paragraph, '\n\n');
    length += paragraph.length + 2;
    i++;
  }
  return parts.join('');
}

const MB = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

describe('cutPoint and boundInput', () => {
  test('cut after the last blank line before the limit, else the last line break, else at the limit', () => {
    assert.equal(cutPoint('aaaa\n\nbbbb\ncccc', 13), 6);
    assert.equal(cutPoint('aaaa\r\n\r\nbbbb\ncccc', 15), 8);
    assert.equal(cutPoint('aaaa\n  \t\nbbbb cccc', 15), 9, 'a line of blanks is a blank line');
    assert.equal(cutPoint('aaaa\nbbbb cccc', 12), 5);
    assert.equal(cutPoint('aaaa bbbb cccc', 7), 7);
    assert.equal(cutPoint('short', 10), 5);
    // Never between \r and \n, nor between the halves of a surrogate pair.
    assert.equal(cutPoint('aaaaaaa\r\nbbb', 8), 7);
    assert.equal(cutPoint('abc😀def', 4), 3);
  });

  test('a binary text (NUL early on) is not analysed; a NUL after the sniffed part is just a character', () => {
    const binary = boundInput(`\u0000\u0001PNG ${CONCESSION}`, 'plaintext', 'editor');
    assert.equal(binary.text, undefined);
    assert.equal(binary.notice?.code, 'binary');
    const late = `${'x'.repeat(BINARY_SNIFF_CHARS)}\u0000 ${CONCESSION}`;
    assert.deepEqual(boundInput(late, 'plaintext', 'editor'), { text: late, partial: false });
    const last = `${'x'.repeat(BINARY_SNIFF_CHARS - 1)}\u0000 ${CONCESSION}`;
    assert.equal(boundInput(last, 'plaintext', 'editor').notice?.code, 'binary', 'the last sniffed character counts');
  });

  test('the limit is 2,000,000 characters', () => {
    assert.equal(MAX_ANALYSED_CHARS, 2_000_000);
  });
});

describe('a 20 MB draft in the server', () => {
  const size = 20 * 1024 * 1024;
  const late = Math.floor(size / 2);
  // The prefix negotiates price only; the whole document does not (OTHER_ISSUE is past the cut).
  const text = document(size, [
    { at: 0, text: `${PRICE_ONLY} ${CONCESSION}` },
    { at: 400_000, text: CONCESSION },
    { at: late, text: `${CONCESSION} ${OTHER_ISSUE}` },
  ]);
  const cut = cutPoint(text, MAX_ANALYSED_CHARS);
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => client?.dispose());

  // A hang fails by the test's time limit; the times themselves are reported, never asserted.
  test('is analysed up to a paragraph break before the limit, with one notice saying so', { timeout: 180_000 }, async (t) => {
    assert.ok(text.length >= size);
    assert.ok(cut <= MAX_ANALYSED_CHARS && cut > MAX_ANALYSED_CHARS - 1000 && text.slice(cut - 2, cut) === '\n\n', 'a paragraph break just before the limit');
    const uri = 'file:///drafts/huge.md';
    const rssBefore = client.rssKb();
    let started = Date.now();
    client.open(uri, 'markdown', text, 1);
    const items = await client.pullItems(uri);
    const openAndPullMs = Date.now() - started;

    const [notice, ...findings] = items;
    assert.equal(notice?.code, 'too-large');
    assert.equal(notice.severity, 3, 'information');
    assert.equal(notice.source, 'leverage');
    assert.deepEqual(notice.range.start, { line: 0, character: 0 });
    assert.equal(notice.range.end.line, 0);
    assert.equal(notice.data, undefined, 'no fix data: nothing to fix');
    assert.equal(
      notice.message,
      `Leverage analysed the first ${cut.toLocaleString('en-US')} characters only (the document has ${text.length.toLocaleString('en-US')} characters; the limit keeps typing responsive). Whole-document checks were skipped.`,
    );

    const concessions = findings.filter((d) => d.code === 'unconditional-concession');
    assert.deepEqual(
      concessions.map((d) => d.range.start),
      [positionAt(text, text.indexOf(CONCESSION)), positionAt(text, text.indexOf(CONCESSION, 400_000))],
      'the concessions before the cut, not the one after it',
    );
    const cutLine = positionAt(text, cut).line;
    for (const d of findings) assert.ok(d.range.end.line < cutLine, `${String(d.code)} at line ${d.range.end.line} is past the cut`);
    assert.ok(!findings.some((d) => d.code === 'narrow-issue-framing'), 'no whole-document finding judged on the prefix');

    // The same text, small enough, does get the whole-document finding: its absence above is the limit's doing.
    const small = text.slice(0, cut);
    client.open('file:///drafts/prefix.md', 'markdown', small, 1);
    assert.ok((await client.pullItems('file:///drafts/prefix.md')).some((d) => d.code === 'narrow-issue-framing'));

    // Edits keep working: past the cut nothing changes, before it the findings move.
    started = Date.now();
    const end = positionAt(text, text.length);
    client.change(uri, 2, [{ range: { start: end, end }, text: `\n\n${CONCESSION}\n` }]);
    const afterEdit = await client.pullItems(uri);
    const editAndPullMs = Date.now() - started;
    assert.deepEqual(
      afterEdit.map((d) => [d.code, d.range]),
      items.map((d) => [d.code, d.range]),
    );
    client.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `${CONCESSION}\n\n` }]);
    const moved = await client.pullItems(uri);
    assert.equal(moved.filter((d) => d.code === 'unconditional-concession').length, 3);

    // The notice has no quick fix; the findings' fixes and hovers still work.
    assert.deepEqual(await client.codeActions(uri, notice.range, [notice], ['quickfix']), []);
    const [first] = moved.filter((d) => d.code === 'unconditional-concession');
    assert.ok(((await client.codeActions(uri, first!.range, [first!], ['quickfix'])) ?? []).length > 0);
    assert.ok(await client.hover(uri, first!.range.start));

    const rss = client.rssKb();
    t.diagnostic(
      `20 MB draft: open + pull ${openAndPullMs} ms, edit + pull ${editAndPullMs} ms, analysed ${cut} of ${text.length} characters, server RSS ${rssBefore} kB before, ${rss} kB after`,
    );
    client.close(uri);
  });

  test('negotiation notes over the limit are not analysed at all', async () => {
    const uri = 'file:///deals/huge.negotiation.yaml';
    const notes = `negotiation: Acme\nissues:\n${'  - name: filler issue with a long name\n'.repeat(Math.ceil((MAX_ANALYSED_CHARS + 1) / 40))}`;
    client.open(uri, 'yaml', notes, 1);
    const items = await client.pullItems(uri);
    assert.equal(items.length, 1);
    assert.equal(items[0]!.code, 'too-large');
    assert.match(String(items[0]!.message), /^Leverage did not check these notes \(the document has [\d,]+ characters; notes over 2,000,000 characters are not checked/);
    client.close(uri);
  });
});

describe('binary text in the server', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PUSH_CLIENT });
  });
  after(() => client?.dispose());

  test('gets one information diagnostic and no analysis; pushed like any other', async () => {
    const uri = 'file:///drafts/opened-by-mistake.txt';
    const text = `\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR ${CONCESSION}\n`;
    client.open(uri, 'plaintext', text, 1);
    const p = await client.waitForPublish(uri, (x) => x.version === 1);
    assert.equal(p.diagnostics.length, 1);
    const [d] = p.diagnostics as [Diagnostic];
    assert.equal(d.code, 'binary');
    assert.equal(d.severity, 3);
    assert.match(String(d.message), /NUL characters/);
    assert.deepEqual(await client.codeActions(uri, d.range, [d]), []);
    assert.equal(await client.hover(uri, { line: 1, character: 12 }), null);

    // A NUL far into a text document is only a character: the document is checked.
    const late = 'file:///drafts/late-nul.txt';
    client.open(late, 'plaintext', `${'Plain words. '.repeat(1000)}\u0000\n\n${CONCESSION}\n`, 1);
    const q = await client.waitForPublish(late, (x) => x.version === 1);
    assert.deepEqual(
      q.diagnostics.map((x) => x.code),
      ['unconditional-concession'],
    );
  });

  test('leverage.enable = false silences the notices as well', async () => {
    client.settings = { enable: false };
    client.configurationChanged(null);
    const uri = 'file:///drafts/opened-by-mistake.txt';
    const p = await client.waitForPublish(uri, () => true);
    assert.deepEqual(p.diagnostics, []);
    client.settings = {};
  });
});

describe('a 20 MB draft in the CLI', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-limits-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('gets the same findings and notice as in the editor, a warning on stderr, and no failing status', { timeout: 180_000 }, async (t) => {
    const text = document(20 * 1024 * 1024, [
      { at: 0, text: `${PRICE_ONLY} ${CONCESSION}` },
      { at: 300_000, text: CONCESSION },
      { at: 5_000_000, text: `${CONCESSION} ${OTHER_ISSUE}` },
    ]);
    fs.writeFileSync(path.join(tmp, 'huge.md'), text);
    fs.writeFileSync(path.join(tmp, 'small.md'), `${CONCESSION}\n`);
    const started = Date.now();
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '.'], { cwd: tmp, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    const ms = Date.now() - started;
    t.diagnostic(`leverage check on a 20 MB draft: ${ms} ms, status ${r.status}`);
    assert.equal(r.status, 0, r.stderr);
    const cut = cutPoint(text, MAX_ANALYSED_CHARS);
    assert.equal(
      r.stderr,
      `leverage: huge.md: warning: Leverage analysed the first ${cut.toLocaleString('en-US')} characters only (the document has ${text.length.toLocaleString('en-US')} characters; the limit keeps checking fast). Whole-document checks were skipped.\n`,
    );
    const out = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { rule: string; severity: string; range: unknown }[] }[] };
    const huge = out.files.find((f) => f.path === 'huge.md')!;
    assert.equal(huge.diagnostics[0]!.rule, 'too-large');
    assert.equal(huge.diagnostics[0]!.severity, 'information');
    assert.equal(out.files.find((f) => f.path === 'small.md')!.diagnostics.length, 1);

    // The editor reports the same problems at the same places.
    const client = await TestClient.start({ capabilities: PULL_CLIENT });
    try {
      client.open('file:///huge.md', 'markdown', text, 1);
      const items = await client.pullItems('file:///huge.md');
      assert.deepEqual(
        items.map((d) => [d.code, d.range]),
        huge.diagnostics.map((d) => [d.rule, d.range]),
      );
    } finally {
      client.dispose();
    }
    t.diagnostic(`(${MB(text.length)} of text)`);
  });
});

describe('a repetitive draft over the limit', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => client?.dispose());

  // One 10,000-character paragraph repeated, with a paragraph break exactly at the limit: a letter
  // typed at the start pushes that break past the limit, so the analysed prefix loses its last
  // paragraph while the document keeps its number of lines. Compared with the last prefix, the new
  // one reads as if its first paragraph had become "A": every later paragraph is the same text one
  // paragraph earlier, and each is a chunk of its own, so the core hands the old chunks out again
  // one paragraph up. Their diagnostics must be placed by the new text, not kept.
  const paragraph = `${CONCESSION} ${'x'.repeat(9_998 - CONCESSION.length - 1)}\n\n`;

  test('a letter that moves the cut to another paragraph break places every diagnostic anew', { timeout: 120_000 }, async () => {
    assert.equal(paragraph.length, 10_000);
    const text = paragraph.repeat(MAX_ANALYSED_CHARS / paragraph.length + 5);
    assert.equal(cutPoint(text, MAX_ANALYSED_CHARS), MAX_ANALYSED_CHARS, 'a paragraph break exactly at the limit');
    const uri = 'file:///drafts/repeated.md';
    client.open(uri, 'markdown', text, 1);
    await client.pullItems(uri);
    client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'A' }]);
    const edited = `A${text}`;
    assert.equal(cutPoint(edited, MAX_ANALYSED_CHARS), MAX_ANALYSED_CHARS - paragraph.length + 1, 'the cut moved back a paragraph');
    const items = await client.pullItems(uri);

    await matchesFresh(uri, edited, items);
  });

  // The other way: ten letters over the limit, so a prefix was analysed; deleting them brings the
  // whole document under it. The core compares the whole document with the last prefix, whose
  // letters, again, make it read as the same paragraphs one paragraph apart.
  test('an edit that brings the document under the limit places every diagnostic anew', { timeout: 120_000 }, async () => {
    const text = `${'A'.repeat(10)}${paragraph.repeat(MAX_ANALYSED_CHARS / paragraph.length)}`;
    assert.ok(text.length > MAX_ANALYSED_CHARS);
    const uri = 'file:///drafts/repeated-shrink.md';
    client.open(uri, 'markdown', text, 1);
    assert.equal((await client.pullItems(uri))[0]?.code, 'too-large');
    client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } }, text: '' }]);
    const items = await client.pullItems(uri);
    assert.notEqual(items[0]?.code, 'too-large');
    await matchesFresh(uri, text.slice(10), items);
  });

  async function matchesFresh(uri: string, text: string, items: Diagnostic[]): Promise<void> {
    const fresh = await TestClient.start({ capabilities: PULL_CLIENT });
    try {
      fresh.open(uri, 'markdown', text, 7);
      const expected = await fresh.pullItems(uri);
      assert.ok(expected.length > 150);
      const place = (d: Diagnostic) => [d.code, d.range, d.message];
      assert.deepEqual(items.map(place), expected.map(place));
    } finally {
      fresh.dispose();
    }
  }
});
