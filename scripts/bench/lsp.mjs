// Measurements through the real protocol: `node dist/server.js --stdio` driven by a
// vscode-jsonrpc client that declares pull diagnostics (`textDocument.diagnostic`), so the server
// answers `textDocument/diagnostic` requests and never pushes: this leaves out the 100 ms push
// debounce and measures didChange -> analysis -> diagnostics.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { prng } from './gen.mjs';
import { LineDoc } from './linedoc.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

const CAPABILITIES = {
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { versionSupport: true },
  },
  // No workspace.configuration: the server uses its default settings without a round trip.
  workspace: {},
  general: { positionEncodings: ['utf-16'] },
};

export function procMem(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return { rssKb: NaN, hwmKb: NaN };
  }
}

/** The V8 flags the VS Code client launches the server with (client/src/extension.ts
 *  SERVER_NODE_FLAGS; a consistency test keeps the two equal). BENCH_NODE_FLAGS adds more. */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=30'];

/** Spawns the server and returns a connected, initialized client. `t0` is taken just before spawn.
 *  `env` is added to the environment the server inherits. */
export async function startServer(serverJs, cwd, env = {}) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []), serverJs, '--stdio'], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    if (stderr.length > 10_000) stderr = stderr.slice(-10_000);
  });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const logs = [];
  conn.onNotification('window/logMessage', (p) => logs.push(p.message));
  // A pulling client must never be pushed to; counted and reported.
  let pushes = 0;
  conn.onNotification('textDocument/publishDiagnostics', () => pushes++);
  conn.onRequest(() => null); // client/registerCapability, workspace/configuration, refresh...
  conn.listen();
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const init = await Promise.race([
    conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: CAPABILITIES, workspaceFolders: null }),
    exited.then((e) => Promise.reject(new Error(`server exited during initialize (${JSON.stringify(e)}): ${stderr.trim().slice(-500)}`))),
  ]);
  const initMs = performance.now() - t0;
  await conn.sendNotification('initialized', {});
  return {
    t0,
    initMs,
    child,
    conn,
    init,
    logs,
    stderr: () => stderr,
    pushes: () => pushes,
    async stop() {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await conn.sendNotification('exit');
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
      conn.dispose();
    },
  };
}

/** A pull as VS Code sends it: with the id of the result the client holds, so that an unchanged
 *  result is answered `unchanged` (no items) instead of in full. */
async function pull(conn, uri, previousResultId) {
  for (let attempt = 0; ; attempt++) {
    try {
      const params = { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) };
      return { report: await conn.sendRequest('textDocument/diagnostic', params), retries: attempt };
    } catch (err) {
      // ServerCancelled with retriggerRequest: the document moved on while settings were awaited.
      if (attempt < 5 && err && err.code === -32802) continue;
      throw err;
    }
  }
}

/** Spawn -> initialize -> didOpen(doc) -> first pulled diagnostics, `runs` times, each time twice
 *  in a row with a new cache folder: a first start (`cold`: no V8 code cache yet; it saves one when
 *  it exits) then a start with the cache that one saved (`cached`). `loaded` counts the cached
 *  starts whose server said it loaded the cache. */
export async function measureStartup(serverJs, cwd, text, runs) {
  const cold = { times: [], initTimes: [] };
  const cached = { times: [], initTimes: [] };
  let items = 0;
  let loaded = 0;
  for (let i = 0; i < runs; i++) {
    await withCacheFolder(async (dir) => {
      for (const into of [cold, cached]) {
        const s = await startServer(serverJs, cwd, { LEVERAGE_CACHE_DIR: dir });
        const uri = `file:///bench/startup-${i}.md`;
        await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
        const { report } = await pull(s.conn, uri);
        into.times.push(performance.now() - s.t0);
        into.initTimes.push(s.initMs);
        items = report.items.length;
        if (into === cached && s.logs.some((l) => l.includes('code cache loaded'))) loaded++;
        await s.stop();
      }
    });
  }
  return { cold, cached, loaded, items };
}

/** Runs `fn` with a new, empty code cache folder for the servers it starts (the bench writes
 *  nothing into the user's), removed afterwards. */
async function withCacheFolder(fn) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leverage-code-cache-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens `text`, then `warmup` + `edits` one-character incremental edits at seeded random
 *  positions, each followed by a pull; returns the latencies of the last `edits` (a server that has
 *  been typed in: its keystroke path compiled by the JIT), those of the first `warmup` apart
 *  (`warmupLatencies`), and the server's memory after all of them. */
export async function measureKeystrokes(serverJs, cwd, text, edits, seed, settleMs = 0, warmup = 0) {
  return withCacheFolder(async (dir) => typeInto(await startServer(serverJs, cwd, { LEVERAGE_CACHE_DIR: dir }), text, edits, seed, settleMs, warmup));
}

async function typeInto(s, text, edits, seed, settleMs, warmup) {
  const pid = s.child.pid;
  const uri = 'file:///bench/keystrokes-100k.md';
  // The client's copy, to say where each edit is (linedoc.mjs: never rebuilt as a whole).
  const doc = new LineDoc(text);
  let version = 1;
  const afterStart = procMem(pid);
  let t = performance.now();
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  let { report } = await pull(s.conn, uri);
  const openMs = performance.now() - t;
  const openItems = report.items.length;
  const afterOpen = procMem(pid);

  const r = prng(seed);
  const letters = 'abcdefghijklmnopqrstuvwxyz ';
  const latencies = [];
  const warmupLatencies = [];
  let retries = 0;
  let lastItems = openItems;
  let resultId = report.resultId;
  let unchanged = 0;
  for (let i = 0; i < warmup + edits; i++) {
    // Alternate inserting and deleting a character, so the document keeps its size.
    const offset = Math.floor(r() * (doc.length - 1));
    const pos = doc.positionAt(offset);
    let change;
    if (i % 2 === 0) {
      const ch = letters[Math.floor(r() * letters.length)];
      change = { range: { start: pos, end: pos }, text: ch };
      doc.insert(offset, ch);
    } else {
      change = { range: { start: pos, end: doc.positionAt(offset + 1) }, text: '' };
      doc.remove(offset);
    }
    version++;
    t = performance.now();
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const res = await pull(s.conn, uri, resultId);
    const ms = performance.now() - t;
    resultId = res.report.resultId ?? resultId;
    if (res.report.kind !== 'unchanged') lastItems = res.report.items.length;
    if (i < warmup) {
      warmupLatencies.push(ms);
      continue;
    }
    latencies.push(ms);
    retries += res.retries;
    if (res.report.kind === 'unchanged') unchanged++;
  }
  const afterEdits = procMem(pid);
  // A lawyer pauses: V8's memory reducer collects the versions typed over once allocation stops.
  // Sampled every 500 ms for up to `settleMs`; the lowest reading is kept.
  let afterPause = afterEdits;
  for (let waited = 0; waited < settleMs; waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    const m = procMem(pid);
    if (!(m.rssKb >= afterPause.rssKb)) afterPause = m;
  }
  const pushes = s.pushes();
  await s.stop();
  return { openMs, openItems, lastItems, latencies, warmupLatencies, retries, unchanged, pushes, mem: { afterStart, afterOpen, afterEdits, afterPause, pauseMs: settleMs } };
}
