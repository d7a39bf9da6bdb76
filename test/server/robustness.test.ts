// Protocol robustness, over real JSON-RPC against the built server: out-of-order, duplicate and
// stale `didChange` notifications; malformed ones; requests about unknown documents and malformed
// requests; cancelled requests; a storm of 3,000 incremental edits whose final result must equal
// the core's analysis of the final text; settings of every wrong shape; and internal errors
// (injected with a preload), which are logged without document text while the server carries on.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, Position, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyze';
import { cancellable, PULL_CLIENT, PUSH_CLIENT, TestClient } from './harness';

const CONCESSION = 'We can agree to that.';
const codes = (items: Diagnostic[]) => items.map((d) => d.code);
const versionOf = (d: Diagnostic) => (d.data as { version?: number } | undefined)?.version;

// ---------------------------------------------------------------------------------------------
// An independent model of the client's document: offsets to LSP positions and back (UTF-16,
// \n, \r\n and \r line breaks), and the diagnostics the core gives for a text.

function positionAt(text: string, offset: number): Position {
  return new Lines(text).positionAt(offset);
}

/** Line starts of one text, for many positions in it. */
class Lines {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    const breaks = /\r\n|\r|\n/g;
    let m: RegExpExecArray | null;
    while ((m = breaks.exec(text)) !== null) this.starts.push(m.index + m[0].length);
  }
  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }
}

/** What the server should report for `text`: code, range, severity and message of each finding. */
function expected(text: string): unknown[] {
  const lines = new Lines(text);
  return analyze(text, 'markdown').findings.map((f) => ({
    code: f.rule,
    range: { start: lines.positionAt(f.start), end: lines.positionAt(f.end) },
    severity: { error: 1, warning: 2, information: 3, hint: 4 }[f.severity],
    message: f.message,
  }));
}

function reported(items: Diagnostic[]): unknown[] {
  return items.map((d) => ({ code: d.code, range: d.range, severity: d.severity, message: d.message }));
}

/** The bench's deterministic generator (mulberry32, scripts/bench/gen.mjs), so a failing storm can be replayed. */
let random: (seed: number) => () => number;
before(async () => {
  ({ prng: random } = (await import(path.join(__dirname, '../../../scripts/bench/gen.mjs'))) as { prng: typeof random });
});

const SENTENCES = [
  'The supplier delivers the goods to the warehouse within ten days.',
  'Thank you for the draft you sent last week.',
  'The parties meet every quarter to review the service levels.',
  'Either party may end this agreement with ninety days of notice.',
  'Payment is due within thirty days of the invoice date.',
  'We would like to discuss the timeline and the warranty period.',
  'The annex lists the sites, the contacts and the opening hours.',
  'Our team has read the proposal with care.',
  CONCESSION,
  'We insist on a 30-day cure period.',
  'Our deadline is Friday and we have no other supplier.',
  'This is ridiculous.',
  'We are flexible on everything.',
];

/** About `words` words of prose in paragraphs of three to six sentences, a fifth of them findings. */
function prose(words: number, rnd: () => number): string {
  const paragraphs: string[] = ['# Reply to the draft'];
  let count = 0;
  while (count < words) {
    const sentences: string[] = [];
    for (let n = 3 + Math.floor(rnd() * 4); n > 0; n--) {
      const s = rnd() < 0.2 ? SENTENCES[8 + Math.floor(rnd() * 5)]! : SENTENCES[Math.floor(rnd() * 8)]!;
      sentences.push(s);
      count += s.split(' ').length;
    }
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs.join('\n\n') + '\n';
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** An edit a person might make: mostly typing and deleting, sometimes pasting or cutting a sentence. */
function randomEdit(text: string, rnd: () => number): Edit {
  const at = (offset: number) => {
    let o = Math.max(0, Math.min(offset, text.length));
    if (text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) o--; // never inside a \r\n
    return o;
  };
  const start = at(Math.floor(rnd() * (text.length + 1)));
  const r = rnd();
  if (r < 0.4) return { start, end: start, text: 'abcdefgh ., '[Math.floor(rnd() * 12)]! };
  if (r < 0.45) return { start, end: start, text: rnd() < 0.5 ? '\n' : '\r\n' };
  if (r < 0.65) return { start, end: at(start + 1 + Math.floor(rnd() * 3)), text: '' };
  if (r < 0.8) return { start, end: start, text: ` ${SENTENCES[Math.floor(rnd() * SENTENCES.length)]} ` };
  if (r < 0.9) return { start, end: at(start + Math.floor(rnd() * 80)), text: '' };
  return { start, end: at(start + Math.floor(rnd() * 12)), text: rnd() < 0.5 ? 'agree to' : 'é😀' };
}

function apply(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

function change(text: string, e: Edit): TextDocumentContentChangeEvent {
  const lines = new Lines(text);
  return { range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) }, text: e.text };
}

const atStart = (text: string) => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text });

// ---------------------------------------------------------------------------------------------

describe('didChange that is duplicated, stale, out of order or malformed', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => client?.dispose());

  test('is ignored and logged; the document and its results stay those of the newest version', async () => {
    const uri = 'file:///drafts/versions.md';
    let text = 'Thanks.\n';
    client.open(uri, 'markdown', text, 1);
    assert.deepEqual(await client.pullItems(uri), []);
    const logged = client.logs.length;

    // Version 2 inserts the concession; the duplicate would insert it twice.
    client.change(uri, 2, [atStart(`${CONCESSION}\n`)]);
    client.change(uri, 2, [atStart(`${CONCESSION}\n`)]);
    text = `${CONCESSION}\n${text}`;
    // Stale: an incremental change and a full one, both older than the document.
    client.change(uri, 1, [atStart('Stale. ')]);
    client.change(uri, 1, [{ text: 'An old full text.\n' }]);
    let items = await client.pullItems(uri);
    assert.deepEqual(reported(items), expected(text));
    assert.deepEqual(items.map(versionOf), [2]);
    assert.deepEqual(await client.request('leverage/analyze', { uri }), items);

    // Out of order: 4 arrives before 3. 4 applies (versions may skip), 3 is then stale.
    client.change(uri, 4, [{ text: `${CONCESSION} ${CONCESSION}\n` }]);
    client.change(uri, 3, [{ text: 'Version three.\n' }]);
    text = `${CONCESSION} ${CONCESSION}\n`;
    items = await client.pullItems(uri);
    assert.deepEqual(reported(items), expected(text));
    assert.deepEqual(items.map(versionOf), [4, 4]);

    // Malformed: no version, no text, a range that is not one; an empty change list is a no-op.
    client.notify('textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'x' }] });
    client.change(uri, 5, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } as unknown as TextDocumentContentChangeEvent]);
    client.change(uri, 5, [{ range: { start: { line: 'a', character: 0 }, end: { line: 0, character: 0 } }, text: 'x' } as unknown as TextDocumentContentChangeEvent]);
    client.change(uri, 5, [{ text: 'x' }, 'x' as unknown as TextDocumentContentChangeEvent]);
    client.change(uri, 5, []);
    items = await client.pullItems(uri);
    assert.deepEqual(reported(items), expected(text));
    assert.deepEqual(items.map(versionOf), [4, 4]);

    // The next good change applies normally.
    client.change(uri, 6, [atStart('Thanks. ')]);
    text = `Thanks. ${text}`;
    items = await client.pullItems(uri);
    assert.deepEqual(reported(items), expected(text));
    assert.deepEqual(items.map(versionOf), [6, 6]);

    const warnings = client.logs.slice(logged).map((l) => l.message);
    assert.equal(warnings.filter((w) => w.startsWith(`Leverage: ignored a change to ${uri}: `)).length, 8, warnings.join('\n'));
    assert.ok(warnings.some((w) => w.includes('its version 2 is not newer than the document\'s 2 (duplicate or out of order)')));
    assert.ok(warnings.some((w) => w.includes('its version 3 is not newer than the document\'s 4')));
    assert.ok(warnings.some((w) => w.includes('it has no version number')));
    assert.ok(warnings.some((w) => w.includes('version 5 has malformed content changes')));
    for (const w of warnings) assert.ok(!/agree|Stale|old full|Version three/.test(w), `no document text in: ${w}`);
  });

  test('an open document opened again with other text and the same version is analysed afresh', async () => {
    const uri = 'file:///drafts/reopened.md';
    client.open(uri, 'markdown', 'Thanks.\n', 7);
    assert.deepEqual(await client.pullItems(uri), []);
    client.open(uri, 'markdown', `${CONCESSION}\n`, 7);
    assert.deepEqual(codes(await client.pullItems(uri)), ['unconditional-concession']);
  });

  test('with a pushed-to client, nothing is published for an outdated version', async () => {
    const push = await TestClient.start({ capabilities: PUSH_CLIENT });
    try {
      const uri = 'file:///drafts/push-versions.md';
      push.open(uri, 'markdown', 'Thanks.\n', 1);
      push.change(uri, 2, [atStart(`${CONCESSION}\n`)]);
      push.change(uri, 2, [atStart(`${CONCESSION}\n`)]);
      push.change(uri, 1, [{ text: 'Stale.\n' }]);
      const p = await push.waitForPublish(uri, (x) => x.version === 2);
      assert.deepEqual(reported(p.diagnostics), expected(`${CONCESSION}\nThanks.\n`));
      // A last request makes sure everything the server would push has arrived.
      await push.request('leverage/analyze', { uri });
      for (const q of push.published.filter((x) => x.uri === uri)) assert.ok(q.version === 1 || q.version === 2);
      assert.equal(push.published.filter((x) => x.uri === uri && x.version === 2).length, 1, 'one push per version');
    } finally {
      push.dispose();
    }
  });
});

describe('requests the server cannot answer from a document', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(() => client?.dispose());

  test('about unknown documents: empty answers; malformed ones: a proper error without text; then business as usual', async () => {
    const unknown = 'file:///never/opened.md';
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
    assert.deepEqual(await client.pull(unknown), { kind: 'full', items: [] });
    assert.deepEqual(await client.codeActions(unknown, range, []), []);
    assert.deepEqual(await client.codeActions(unknown, range, [], ['source.fixAll']), []);
    assert.equal(await client.hover(unknown, range.start), null);
    assert.deepEqual(await client.request('leverage/analyze', { uri: unknown }), []);
    client.change(unknown, 2, [{ text: 'x' }]);
    client.close(unknown);

    const uri = 'file:///drafts/known.md';
    client.open(uri, 'markdown', `${CONCESSION}\n`, 1);
    const logged = client.logs.length;
    const internal = (err: { code?: number; message?: string }) => err.code === -32603 && !/agree/.test(err.message ?? '');
    await assert.rejects(client.request('textDocument/hover', { textDocument: { uri } }), internal);
    await assert.rejects(client.request('textDocument/diagnostic', {}), internal);
    await assert.rejects(client.request('textDocument/codeAction', { textDocument: { uri } }), internal);
    await assert.rejects(client.request('leverage/analyze', { uri: 42 }), (err: { code?: number }) => err.code === -32602);
    await assert.rejects(client.request('leverage/noSuchRequest', {}), (err: { code?: number }) => err.code === -32601);

    // Each internal error is logged as its name and stack, with no document text.
    const errors = client.logs.slice(logged).filter((l) => l.type === 1).map((l) => l.message);
    assert.equal(errors.length, 3, errors.join('\n---\n'));
    for (const e of errors) {
      assert.match(e, /^Leverage: textDocument\/\w+ failed: TypeError\n\s+at /);
      assert.ok(!e.includes('agree'));
    }

    assert.deepEqual(codes(await client.pullItems(uri)), ['unconditional-concession']);
    assert.ok(client.alive);
  });
});

describe('cancelled requests', () => {
  // A hang fails by the test's time limit; the times themselves are reported, never asserted.
  test('a pull cancelled before the server got to it is answered at once with RequestCancelled, without being run', { timeout: 120_000 }, async (t) => {
    const client = await TestClient.start({ capabilities: PULL_CLIENT });
    try {
      // Two large documents of dense prose: each takes the server a noticeable time to analyse.
      const busy = 'file:///drafts/busy.md';
      const skipped = 'file:///drafts/skipped.md';
      const small = 'file:///drafts/small.md';
      client.open(busy, 'markdown', prose(70_000, random(1)), 1);
      client.open(skipped, 'markdown', prose(70_000, random(2)), 1);
      client.open(small, 'markdown', `${CONCESSION}\n`, 1);
      // Settings are fetched (once per document) before the timing starts; then both change, so
      // that a pull means an analysis again, with nothing to wait for.
      for (const uri of [busy, skipped, small]) await client.pullItems(uri);
      client.change(busy, 2, [atStart('Thanks. ')]);
      client.change(skipped, 2, [atStart('Thanks. ')]);

      // The pull of `skipped` and its cancellation arrive together, behind a pull of `busy` (queued
      // or being analysed, synchronously) and ahead of a pull of `small`.
      const started = Date.now();
      const settled = (p: Promise<unknown>) => p.then(() => Date.now() - started, () => Date.now() - started);
      const busyPull = client.pull(busy);
      const source = cancellable();
      const cancelled = client.pull(skipped, source.token);
      source.cancel();
      const smallPull = client.pullItems(small);
      await assert.rejects(cancelled, (err: { code?: number }) => err.code === -32800);
      const [busyMs, cancelledMs, smallMs] = await Promise.all([settled(busyPull), settled(cancelled), settled(smallPull)]);

      // How long `skipped` would have taken, had it been run.
      const ran = Date.now();
      await client.pullItems(skipped);
      const analysisMs = Date.now() - ran;
      t.diagnostic(`busy pull answered after ${busyMs} ms, the cancelled one after ${cancelledMs} ms, the next pull after ${smallMs} ms; analysing the cancelled document takes ${analysisMs} ms`);
      assert.ok(cancelledMs <= smallMs, 'answered before the request that followed it');
      assert.ok(cancelledMs - busyMs < analysisMs, 'answered without analysing its document');
    } finally {
      client.dispose();
    }
  });
});

describe('a storm of edits', () => {
  const EDITS = 3000;
  const PULL_EVERY = 250;

  test(`${EDITS} incremental changes on a 10,000-word document, pulls in between: every answer is for the text of its version`, { timeout: 120_000 }, async (t) => {
    const client = await TestClient.start({ capabilities: PULL_CLIENT });
    try {
      const rnd = random(42);
      const uri = 'file:///drafts/storm.md';
      const initial = prose(10_000, rnd);
      const words = initial.split(/\s+/).length;

      // The storm, made beforehand so that sending it is all the test does while it is timed. One
      // change in ten carries two edits, the second relative to the text after the first.
      const storm: { version: number; changes: TextDocumentContentChangeEvent[]; pullText?: string }[] = [];
      let text = initial;
      for (let version = 2; version <= EDITS + 1; version++) {
        const first = randomEdit(text, rnd);
        const changes = [change(text, first)];
        text = apply(text, first);
        if (rnd() < 0.1) {
          const second = randomEdit(text, rnd);
          changes.push(change(text, second));
          text = apply(text, second);
        }
        storm.push({ version, changes, ...((version - 1) % PULL_EVERY === 0 ? { pullText: text } : {}) });
      }
      const finalVersion = EDITS + 1;

      client.open(uri, 'markdown', initial, 1);
      await client.pullItems(uri); // Settings are fetched once, before the storm.
      let peakRss = client.rssKb() ?? 0;
      const baselineRss = peakRss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, client.rssKb() ?? 0)), 20);
      const pulls: { version: number; text: string; result: Promise<Diagnostic[] | 'retrigger'> }[] = [];
      const started = Date.now();
      for (const [i, step] of storm.entries()) {
        client.change(uri, step.version, step.changes);
        if (step.pullText !== undefined) {
          pulls.push({
            version: step.version,
            text: step.pullText,
            result: client.pullItems(uri).catch((err: { code?: number }) => {
              assert.equal(err.code, -32802, 'only ServerCancelled (retrigger) may replace an answer');
              return 'retrigger' as const;
            }),
          });
        }
        // Let the writer drain now and then, as an editor's event loop would.
        if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
      }
      const sentMs = Date.now() - started;
      const pullStarted = Date.now();
      const final = await client.pullItems(uri);
      const pullMs = Date.now() - pullStarted;
      const totalMs = Date.now() - started;
      clearInterval(sampler);
      peakRss = Math.max(peakRss, client.rssKb() ?? 0);

      assert.deepEqual(reported(final), expected(text), 'the final result is the core analysis of the final text');
      for (const d of final) assert.equal(versionOf(d), finalVersion);
      let answered = 0;
      for (const p of pulls) {
        const items = await p.result;
        if (items === 'retrigger') continue;
        answered++;
        assert.deepEqual(reported(items), expected(p.text), `the pull sent after version ${p.version}`);
        for (const d of items) assert.equal(versionOf(d), p.version);
      }

      t.diagnostic(
        `storm: ${words} words, ${text.length} characters, ${EDITS} didChange sent in ${sentMs} ms; the final pull answered ${pullMs} ms after it was sent, ` +
          `${totalMs} ms after the first change; ${answered} of ${pulls.length} pulls sent during the storm answered, the rest retriggered; ` +
          `${final.length} diagnostics; server RSS ${Math.round(baselineRss / 1024)} MB before, peak ${Math.round(peakRss / 1024)} MB`,
      );
      assert.ok(peakRss > 0 && peakRss < 200 * 1024, `peak RSS ${peakRss} kB`);
      assert.ok(final.length > 0);
    } finally {
      client.dispose();
    }
  });

  test(`${EDITS} changes with a pushed-to client: pushes are debounced, each is for the text of its version, the last for the final text`, async (t) => {
    const client = await TestClient.start({ capabilities: PUSH_CLIENT });
    try {
      const rnd = random(4242);
      const uri = 'file:///drafts/storm-push.md';
      const initial = prose(10_000, rnd);
      // Texts of every version, kept as the edits that made them, with a snapshot every 100.
      const snapshots = new Map<number, string>([[1, initial]]);
      const edits: Edit[] = [];
      const changes: TextDocumentContentChangeEvent[] = [];
      let text = initial;
      for (let version = 2; version <= EDITS + 1; version++) {
        const e = randomEdit(text, rnd);
        changes[version] = change(text, e);
        edits[version] = e;
        text = apply(text, e);
        if (version % 100 === 0) snapshots.set(version, text);
      }
      const textAt = (v: number): string => {
        const base = Math.max(1, v - (v % 100));
        let s = snapshots.get(base)!;
        for (let k = base + 1; k <= v; k++) s = apply(s, edits[k]!);
        return s;
      };

      client.open(uri, 'markdown', initial, 1);
      await client.waitForPublish(uri, (p) => p.version === 1);
      const since = client.published.length;
      const started = Date.now();
      for (let version = 2; version <= EDITS + 1; version++) {
        client.change(uri, version, [changes[version]!]);
        if (version % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      const last = await client.waitForPublish(uri, (p) => p.version === EDITS + 1, since);
      const ms = Date.now() - started;
      const pushes: PublishDiagnosticsParams[] = client.published.slice(since).filter((p) => p.uri === uri);
      t.diagnostic(`push storm: ${EDITS} changes, ${pushes.length} pushes, the last one ${ms} ms after the first change`);

      assert.deepEqual(reported(last.diagnostics), expected(text));
      let previous = 1;
      for (const p of pushes) {
        assert.ok(p.version !== undefined && p.version >= previous, `versions only go up (${p.version} after ${previous})`);
        previous = p.version!;
        assert.deepEqual(reported(p.diagnostics), expected(textAt(p.version!)), `the push for version ${p.version}`);
      }
      assert.ok(pushes.length < EDITS / 10, `debounced: ${pushes.length} pushes`);
    } finally {
      client.dispose();
    }
  });
});

describe('settings of the wrong shape', () => {
  test('are ignored with a warning, whatever their shape, and the server keeps serving', async () => {
    const client = await TestClient.start({ capabilities: PULL_CLIENT });
    try {
      const uri = 'file:///drafts/bad-settings.md';
      client.open(uri, 'markdown', `${CONCESSION}\n`, 1);
      const shapes: unknown[] = [
        'yes',
        42,
        [1, 2],
        { enable: null, rules: 'off' },
        { rules: { 'unconditional-concession': { level: 'error' } } },
        { rules: [], tradeables: { a: 1 }, benchmarks: 'survey' },
        { tradeables: new Array(10_000).fill(7) },
        { rules: { ['x'.repeat(10_000)]: 'off' } },
      ];
      for (const shape of shapes) {
        client.settings = shape;
        const logged = client.logs.length;
        client.configurationChanged(null);
        assert.deepEqual(codes(await client.pullItems(uri)), ['unconditional-concession'], JSON.stringify(shape).slice(0, 80));
        const warnings = client.logs.slice(logged).filter((l) => l.type === 2);
        assert.ok(warnings.length > 0, `a warning for ${JSON.stringify(shape).slice(0, 80)}`);
        for (const w of warnings) assert.ok(!w.message.includes('\n') && w.message.length < 300, `one short line: ${w.message.slice(0, 300)}`);
      }
    } finally {
      client.dispose();
    }

    // A client that pushes its settings can push anything too.
    const push = await TestClient.start({ capabilities: { ...PUSH_CLIENT, workspace: {} } });
    try {
      const uri = 'file:///drafts/bad-pushed-settings.md';
      push.open(uri, 'markdown', `${CONCESSION}\n`, 1);
      await push.waitForPublish(uri, (p) => p.version === 1);
      for (const settings of ['garbage', null, { leverage: 42 }, { leverage: { rules: 7 } }]) {
        const since = push.published.length;
        push.configurationChanged(settings);
        const p = await push.waitForPublish(uri, () => true, since);
        assert.deepEqual(codes(p.diagnostics), ['unconditional-concession']);
      }
      assert.ok(push.alive);
    } finally {
      push.dispose();
    }
  });
});

describe('internal errors', () => {
  // Injected by a preload that makes regular expressions misbehave on document text containing a
  // marker word: the core throws (with the text in the error's message), or an error escapes to
  // the process from a timer and a promise. The server must log their name and stack only.
  const FAULT = 'Faultquasar';
  const ESCAPE = 'Escapequasar';
  const STORM = 'Stormquasar';
  let tmp: string;
  let preload: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-faults-'));
    preload = path.join(tmp, 'faults.js');
    fs.writeFileSync(
      preload,
      `'use strict';
const exec = RegExp.prototype.exec;
let escaped = false;
let storming = false;
RegExp.prototype.exec = function (input) {
  if (typeof input === 'string') {
    if (input.includes(${JSON.stringify(FAULT)})) throw new TypeError('fault injected while reading: ' + input.slice(0, 120));
    if (input.includes(${JSON.stringify(ESCAPE)}) && !escaped) {
      escaped = true;
      setTimeout(() => { throw new RangeError('escaped while reading: ' + input.slice(0, 120)); }, 0);
      Promise.reject(new SyntaxError('rejected while reading: ' + input.slice(0, 120)));
    }
    // Errors that keep escaping, however few patterns the analysis runs over the text.
    if (input.includes(${JSON.stringify(STORM)}) && !storming) {
      storming = true;
      setInterval(() => { throw new Error('again: ' + input.slice(0, 120)); }, 5);
    }
  }
  return exec.call(this, input);
};
`,
    );
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('a failing analysis is logged as name and stack, the document gets a notice, other documents are served', async () => {
    const client = await TestClient.start({ capabilities: PULL_CLIENT, execArgv: ['--require', preload] });
    try {
      const bad = 'file:///drafts/faulty.md';
      const good = 'file:///drafts/fine.md';
      client.open(bad, 'markdown', `${CONCESSION} ${FAULT} is our walk-away.\n`, 1);
      client.open(good, 'markdown', `${CONCESSION}\n`, 1);
      const items = await client.pullItems(bad);
      assert.equal(items.length, 1);
      assert.equal(items[0]!.code, 'internal-error');
      assert.equal(items[0]!.severity, 3);
      assert.deepEqual(codes(await client.pullItems(good)), ['unconditional-concession']);
      // Asked again, the failure is not logged again (the failed analysis is cached for the version).
      await client.pullItems(bad);

      const errors = client.logs.filter((l) => l.type === 1).map((l) => l.message);
      assert.equal(errors.length, 1, errors.join('\n---\n'));
      assert.match(errors[0]!, new RegExp(`^Leverage: analysis of ${bad} failed: TypeError\\n\\s+at `));
      const log = client.logText();
      assert.ok(!log.includes(FAULT) && !log.includes('walk-away') && !log.includes('fault injected'), log);
    } finally {
      client.dispose();
    }
  });

  test('an error escaping to the process is logged without its message, and the server carries on', async () => {
    const client = await TestClient.start({ capabilities: PULL_CLIENT, execArgv: ['--require', preload] });
    try {
      const uri = 'file:///drafts/escape.md';
      client.open(uri, 'markdown', `${CONCESSION} ${ESCAPE} is our walk-away.\n`, 1);
      assert.ok(codes(await client.pullItems(uri)).includes('unconditional-concession'));
      await client.waitFor('both escaped errors logged', () => client.logs.filter((l) => l.type === 1).length >= 2 || undefined);
      const errors = client.logs.filter((l) => l.type === 1).map((l) => l.message);
      assert.ok(errors.some((e) => /^Leverage: uncaught exception: RangeError\n\s+at /.test(e)), errors.join('\n---\n'));
      assert.ok(errors.some((e) => /^Leverage: unhandled promise rejection: SyntaxError\n\s+at /.test(e)), errors.join('\n---\n'));
      const log = client.logText();
      assert.ok(!log.includes(ESCAPE) && !log.includes('walk-away') && !log.includes('while reading'), log);

      // Still serving.
      client.change(uri, 2, [{ text: 'Thanks.\n' }]);
      assert.deepEqual(await client.pullItems(uri), []);
      assert.ok(client.alive);
    } finally {
      client.dispose();
    }
  });

  test('errors that keep escaping make the server exit with status 1, for the editor to restart it', async () => {
    const client = await TestClient.start({ capabilities: PULL_CLIENT, execArgv: ['--require', preload] });
    try {
      client.open('file:///drafts/storm-of-errors.md', 'markdown', `${CONCESSION} ${STORM}. Another sentence. And a third one.\n`, 1);
      void client.pullItems('file:///drafts/storm-of-errors.md').catch(() => undefined);
      const code = await Promise.race([client.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
      assert.equal(code, 1);
      assert.ok(client.logs.some((l) => /internal errors within a minute; the server stops so that the editor can restart it/.test(l.message)));
      assert.ok(!client.logText().includes(STORM));
    } finally {
      client.dispose();
    }
  });
});
