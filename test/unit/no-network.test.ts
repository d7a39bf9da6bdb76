// No data leaves the machine. The CLI runs over the shared corpus and the language server over a
// few corpus documents (open, pull, code actions, hover, edits) with every way out trapped: network
// connections, DNS, fetch, HTTP, UDP, child processes, file writes (see test/server/trap.ts). The
// record of attempts must stay empty, but for the server's V8 code cache, which must hold no text
// of the documents. A positive control proves the trap catches each of them, and
// the server's stderr and log messages must not contain any text of the documents it was given.
// Build first: `npm run build && npx tsc -p .`.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { PULL_CLIENT, PUSH_CLIENT, TestClient } from '../server/harness';
import { readRecord, RECORD_ENV, TRAP_ACTIVE, writeTrap } from '../server/trap';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
/** A word that appears in no document, log template or message: if it reaches a log, text leaked. */
const MARKER = 'Quillobrant';

let tmp: string;
let trap: { script: string; record: string };
before(() => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  assert.ok(fs.existsSync(CORPUS), `the shared corpus is missing at ${CORPUS}`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-no-network-'));
  trap = writeTrap(tmp);
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A fresh record file per check, so each assertion sees only its own process's attempts. */
function freshRecord(name: string): string {
  const file = path.join(tmp, `${name}.jsonl`);
  fs.writeFileSync(file, '');
  return file;
}

describe('the trap', () => {
  test('records and blocks every kind of attempt (positive control)', () => {
    const record = freshRecord('control');
    const target = path.join(tmp, 'written-by-control.txt');
    const script = path.join(tmp, 'control.js');
    fs.writeFileSync(
      script,
      `'use strict';
const attempts = [
  () => fetch('http://127.0.0.1:9/'),
  () => require('http').get('http://127.0.0.1:9/'),
  () => require('https').request('https://127.0.0.1:9/'),
  () => require('net').connect(9, '127.0.0.1'),
  () => new (require('net').Socket)().connect(9, '127.0.0.1'),
  () => require('tls').connect(9, '127.0.0.1'),
  () => require('http2').connect('http://127.0.0.1:9'),
  () => require('dgram').createSocket('udp4'),
  () => require('dns').lookup('example.com', () => {}),
  () => require('dns').promises.resolve4('example.com'),
  () => new (require('dns').Resolver)().resolve('example.com', () => {}),
  () => require('child_process').spawn('curl', ['http://127.0.0.1:9/']),
  () => require('fs').writeFileSync(${JSON.stringify(target)}, 'x'),
];
(async () => {
  let blocked = 0;
  for (const attempt of attempts) {
    try { await attempt(); } catch (err) { if (err && err.code === 'ELEVERAGETRAP') blocked++; }
  }
  process.stdout.write(String(blocked));
})();
`,
    );
    const r = spawnSync(process.execPath, ['--require', trap.script, script], { encoding: 'utf8', env: { ...process.env, [RECORD_ENV]: record }, timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    const apis = readRecord(record).map((x) => x.api);
    for (const api of [
      'fetch',
      'http.get',
      'https.request',
      'net.connect',
      'net.Socket.connect',
      'tls.connect',
      'http2.connect',
      'dgram.createSocket',
      'dns.lookup',
      'dns.promises.resolve4',
      'dns.Resolver.resolve',
      'child_process.spawn',
      'fs.writeFileSync',
    ]) {
      assert.ok(apis.includes(api), `${api} recorded, in ${JSON.stringify(apis)}`);
    }
    // Every network and process attempt failed; the file write was let through, and recorded.
    assert.equal(r.stdout, '12');
    assert.ok(fs.existsSync(target));
  });
});

describe('the CLI', () => {
  test('checks the whole shared corpus without a network call, a process or a file write', (t) => {
    const record = freshRecord('cli');
    for (const format of ['text', 'sarif']) {
      const started = Date.now();
      const r = spawnSync(process.execPath, ['--require', trap.script, CLI, 'check', '--format', format, CORPUS], {
        cwd: tmp,
        encoding: 'utf8',
        env: { ...process.env, [RECORD_ENV]: record, NO_COLOR: '1' },
        timeout: 120_000,
        maxBuffer: 256 * 1024 * 1024,
      });
      t.diagnostic(`leverage check --format ${format} over the corpus: status ${r.status}, ${Date.now() - started} ms, ${r.stdout.length} characters of output`);
      assert.ok(r.status === 0 || r.status === 1, `exit status ${r.status}\n${r.stderr}`);
      assert.ok(r.stderr.includes(TRAP_ACTIVE), 'the trap was loaded');
      assert.ok(r.stdout.length > 0);
    }
    assert.deepEqual(readRecord(record), []);
  });
});

describe('the language server', () => {
  const clients: TestClient[] = [];
  after(() => {
    for (const c of clients) c.dispose();
  });

  const documents = (): { uri: string; languageId: string; text: string }[] => {
    const forms = path.join(CORPUS, 'contracts', 'standard-forms');
    const templates = path.join(CORPUS, 'contracts', 'accord-templates');
    const pick = (dir: string, n: number) =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .slice(0, n)
        .map((f) => ({ uri: `file://${path.join(dir, f)}`, languageId: 'markdown', text: fs.readFileSync(path.join(dir, f), 'utf8') }));
    const utterances = fs
      .readFileSync(path.join(CORPUS, 'dialogues', 'casino', 'utterances.dev.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(0, 300)
      .map((l) => (JSON.parse(l) as { text: string }).text);
    return [
      ...pick(forms, 2),
      ...pick(templates, 2),
      // Dialogue turns draw findings (and so code actions and hovers); the marker sits in them.
      {
        uri: 'file:///drafts/casino-dialogue.txt',
        languageId: 'plaintext',
        text: `We can agree to the ${MARKER} terms.\n\n${utterances.join('\n\n')}\n\nOur walk-away is ${MARKER} 95,000.\n`,
      },
    ];
  };

  for (const transport of ['stdio', 'ipc'] as const) {
    for (const mode of ['pull', 'push'] as const) {
      test(`serves corpus documents over ${transport} (${mode} diagnostics) without a way out, and logs no document text`, async (t) => {
        const record = freshRecord(`server-${transport}-${mode}`);
        // The one file the server writes: its V8 code cache (server/src/codeCache.ts), here.
        const cacheDir = path.join(tmp, `code-cache-${transport}-${mode}`);
        const client = await TestClient.start({
          capabilities: mode === 'pull' ? PULL_CLIENT : PUSH_CLIENT,
          transport,
          execArgv: ['--require', trap.script],
          env: { [RECORD_ENV]: record, LEVERAGE_CACHE_DIR: cacheDir },
          cwd: tmp,
        });
        clients.push(client);
        const docs = documents();
        let findings = 0;
        let actions = 0;
        let hovers = 0;
        for (const doc of docs) {
          client.open(doc.uri, doc.languageId, doc.text, 1);
          const items =
            mode === 'pull'
              ? await client.pullItems(doc.uri)
              : (await client.waitForPublish(doc.uri, (p) => p.version === 1)).diagnostics;
          findings += items.length;
          for (const d of items.slice(0, 25)) {
            actions += ((await client.codeActions(doc.uri, d.range, [d])) ?? []).length;
            if (await client.hover(doc.uri, d.range.start)) hovers++;
          }
          // An edit, and a stale one the server drops (and logs), as both exercise the log.
          client.change(doc.uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `${MARKER} ` }]);
          client.change(doc.uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `${MARKER} ` }]);
          const analysed = await client.request<Diagnostic[]>('leverage/analyze', { uri: doc.uri });
          assert.ok(Array.isArray(analysed));
        }
        // Invalid settings are warned about: the warnings must not quote the values either.
        client.settings = { tradeables: [MARKER, 7], rules: { 'unconditional-concession': MARKER } };
        client.configurationChanged(mode === 'push' ? { leverage: client.settings } : null);
        await client.request('leverage/analyze', { uri: docs[docs.length - 1]!.uri });
        for (const doc of docs) client.close(doc.uri);
        t.diagnostic(`${transport}/${mode}: ${docs.length} documents, ${findings} diagnostics, ${actions} code actions, ${hovers} hovers, ${client.logs.length} log messages`);
        assert.ok(findings > 0 && actions > 0 && hovers > 0, 'the documents were really analysed');
        assert.ok(client.logs.some((l) => l.message.includes('ignored a change')), 'the stale change was logged');

        assert.equal(await client.shutdown(), 0);
        assert.ok(client.stderr.includes(`${TRAP_ACTIVE}${client.child.pid}`), 'the trap was loaded into the server');
        // The code cache: its folder made, then a temporary file written and renamed into it.
        const attempts = readRecord(record);
        const cacheWrites = attempts.filter((a) => /^fs\.(mkdirSync|writeFileSync|openSync|renameSync)$/.test(a.api) && a.detail.startsWith(cacheDir));
        assert.deepEqual(attempts.filter((a) => !cacheWrites.includes(a)), [], 'no network, process or file-write attempt but the code cache');
        assert.deepEqual(cacheWrites.map((a) => a.api), ['fs.mkdirSync', 'fs.writeFileSync', 'fs.openSync', 'fs.renameSync']);
        const cacheFiles = fs.readdirSync(cacheDir);
        assert.equal(cacheFiles.length, 1);
        // It holds the server's compiled code, not the documents: neither the marker nor any line.
        const cache = fs.readFileSync(path.join(cacheDir, cacheFiles[0]!)).toString('latin1');
        const cacheUtf16 = fs.readFileSync(path.join(cacheDir, cacheFiles[0]!)).toString('utf16le');
        assert.ok(!cache.includes(MARKER) && !cacheUtf16.includes(MARKER), 'the marker is in the code cache');
        for (const doc of docs) {
          for (const line of doc.text.split(/\r?\n/)) {
            const trimmed = line.trim();
            if (trimmed.length >= 30) assert.ok(!cache.includes(trimmed) && !cacheUtf16.includes(trimmed), `a line of ${doc.uri} is in the code cache: ${trimmed}`);
          }
        }

        const logged = client.logText() + client.otherNotifications.map((n) => JSON.stringify(n.params)).join('\n');
        assert.ok(!logged.includes(MARKER), `the marker appears in the server's log:\n${logged}`);
        // Nor any other piece of the documents: no line of them, of 30 characters or more.
        for (const doc of docs) {
          for (const line of doc.text.split(/\r?\n/)) {
            const trimmed = line.trim();
            if (trimmed.length >= 30) assert.ok(!logged.includes(trimmed), `a line of ${doc.uri} appears in the log: ${trimmed}`);
          }
        }
      });
    }
  }
});
