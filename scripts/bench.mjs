#!/usr/bin/env node
// `npm run bench`: how fast and how lean Leverage is, next to the floor of a JS pass and to the
// tools a user might pick instead. Everything is measured in one run on this machine; read the
// ratios, not single figures (noise between runs reaches ±30% on shared cores).
//
//   node scripts/bench.mjs [--json] [--profile]
//
// What it does:
//   1. Bundles the analysis core with esbuild (server/src/core/analyze.ts -> a temp .cjs file), so
//      the numbers are those of bundled code, like dist/server.js and dist/cli.js run.
//   2. Generates contract-like Markdown of 1k, 10k and 100k words (scripts/bench/gen.mjs, seeded).
//   3. Times each tool in its own child process (scripts/bench/worker.mjs): Leverage's full
//      analysis, Leverage with negotiation notes paired (only when the core has a notes option),
//      a single regex alternating 332 phrases (the floor), write-good, alex and harper.js. The
//      parent alternates tools round by round (rotating who goes first), after warm-up rounds;
//      each call is timed in its child after a minor GC (see worker.mjs). Peak RSS is that child's VmHWM during the
//      rounds of one size (reset with /proc/self/clear_refs before each size): Node itself and
//      the text included.
//   4. Through the real protocol (scripts/bench/lsp.mjs): start-up from spawn to the first pulled
//      diagnostics of a 10k-word document (5 pairs of fresh servers, each pair sharing a new
//      cache folder: a first start, which saves the V8 code cache, then one that loads it; the
//      medians of both are printed), and one-character
//      incremental edits of a 100k-word document, each followed by a `textDocument/diagnostic`
//      pull (pull, not push, so the 100 ms push debounce is not measured): 200 measured after 200
//      warm-up edits (reported apart), with the server's VmRSS / VmHWM afterwards.
//   5. Sizes of dist/client.js, dist/server.js (the loader), dist/server-main.js and dist/cli.js as built (plain and gzip -9), and of
//      the same entries minified as `vscode:prepublish` packages them.
// Targets are printed as PASS/MISS lines; the bench never fails on timing.
// With --json, stdout is exactly one JSON object (run it as `npm run -s bench -- --json` or
// `node scripts/bench.mjs --json` so npm prints no banner); progress goes to stderr.
// With --profile, it also profiles the core on 100k words (phase breakdown and the top self-time
// functions from `node --cpu-prof`, mapped to the TypeScript sources).

import { fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { countWords, generateDocument } from './bench/gen.mjs';
import { measureKeystrokes, measureStartup } from './bench/lsp.mjs';
import { BASELINE_PHRASES } from './bench/phrases.mjs';
import { summarizeProfile } from './bench/profile.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const here = path.join(root, 'scripts', 'bench');

const argv = process.argv.slice(2);
for (const a of argv) {
  if (a === '-h' || a === '--help') {
    process.stdout.write('usage: node scripts/bench.mjs [--json] [--profile]\n');
    process.exit(0);
  }
  if (a !== '--json' && a !== '--profile') {
    process.stderr.write(`bench: unknown argument ${a}\nusage: node scripts/bench.mjs [--json] [--profile]\n`);
    process.exit(2);
  }
}
const JSON_OUT = argv.includes('--json');
const PROFILE = argv.includes('--profile');
/** Human output: stdout normally, stderr under --json (stdout then carries only the JSON). */
const say = (s = '') => (JSON_OUT ? process.stderr : process.stdout).write(`${s}\n`);
const progress = (s) => process.stderr.write(`${s}\n`);

const SIZES = [1_000, 10_000, 100_000];
const SEED = 0x5eed;
const KEYSTROKES = 200;
/** Keystrokes typed before the measured ones, reported apart: until the JIT has compiled the
 *  keystroke path (one analysis per keystroke, so it warms up keystroke by keystroke), the first
 *  edits after opening run partly interpreted — about 1.5x slower over the first 100 on this
 *  machine, settling after about 200. The measured ones are those of a server in use. */
const WARMUP_KEYSTROKES = 200;
const STARTUP_RUNS = 5;
/** A single call slower than this is abandoned (the issue's limit for harper.js on 100k words). */
const CALL_LIMIT_MS = 60_000;
const LOAD_LIMIT_MS = 120_000;

// Warm-up rounds and measured rounds per tool and size. alex and harper.js take seconds to tens of
// seconds on 100k words, so they run there once, after warming up on the smaller documents in the
// same process; everything else gets enough rounds for a stable median.
const FAST = { 1000: [5, 50], 10000: [5, 30], 100000: [3, 15] };
const PLAN = {
  baseline: FAST,
  leverage: FAST,
  'leverage+notes': FAST,
  'write-good': { 1000: [3, 20], 10000: [1, 7], 100000: [1, 3] },
  alex: { 1000: [1, 3], 10000: [0, 2], 100000: [0, 1] },
  harper: { 1000: [2, 5], 10000: [0, 2], 100000: [0, 1] },
};
const PEERS = ['write-good', 'alex', 'harper'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
};
const mb = (kb) => (kb * 1024) / 1e6;
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`);
const fmtX = (x) => (!Number.isFinite(x) ? '—' : x >= 100 ? `${x.toFixed(0)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`);
const pad = (s, n, right = false) => (right ? String(s).padStart(n) : String(s).padEnd(n));

// ------------------------------------------------------------------------------------------------
// Machine

const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model?.trim() ?? 'unknown',
  cores: cpus.length,
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  memoryGB: Math.round(os.totalmem() / 1e9),
};
say(`Leverage bench — ${new Date().toISOString()}`);
say(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, node ${machine.node}, ${machine.platform}`);
/** Other processes competing for the CPU inflate every absolute figure; ratios within one run hold up better. */
function cpuLoad() {
  let pressure;
  try {
    pressure = Number(/some avg10=([\d.]+) avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[2]);
  } catch {
    /* no PSI */
  }
  return { loadAvg1m: os.loadavg()[0], cpuPressureAvg60: Number.isFinite(pressure) ? pressure : undefined };
}
function sayLoad(when) {
  const l = cpuLoad();
  // CPU pressure counts time that runnable tasks wait for a core; the bench keeps one process busy
  // at a time, so on 2+ cores it adds none itself (the load average includes the bench's own work).
  const busy = l.cpuPressureAvg60 !== undefined ? l.cpuPressureAvg60 > 20 : l.loadAvg1m > machine.cores;
  say(
    `load ${when}: load average ${l.loadAvg1m.toFixed(1)} on ${machine.cores} cores${l.cpuPressureAvg60 !== undefined ? `, CPU pressure ${l.cpuPressureAvg60.toFixed(0)}% (some, 60 s)` : ''}${busy ? ' — other processes compete for the CPU: absolute times are inflated, compare ratios' : ''}`,
  );
  return l;
}
machine.loadBefore = sayLoad('before');

// ------------------------------------------------------------------------------------------------
// The core, bundled

const tmp = mkdtempSync(path.join(os.tmpdir(), 'leverage-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

/** Whether the core's analyze() takes a draft's paired notes (its `pairing` argument). */
function notesSupport() {
  try {
    return /export function analyze\([^)]*pairing\?: Pairing/.test(readFileSync(path.join(root, 'server/src/core/analyze.ts'), 'utf8'));
  } catch {
    return false;
  }
}
const hasNotes = notesSupport();

const coreBundle = path.join(tmp, 'core.cjs');
const bundleCommon = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', legalComments: 'none' };
{
  const t0 = performance.now();
  const exportsLine = [
    "export { analyze } from './server/src/core/analyze';",
  ].join('\n');
  await esbuild.build({ ...bundleCommon, stdin: { contents: exportsLine, resolveDir: root, loader: 'ts', sourcefile: 'bench-core.ts' }, outfile: coreBundle });
  say(`core: bundled with esbuild to a temp file (${statSync(coreBundle).size} bytes, ${(performance.now() - t0).toFixed(0)} ms); timings below are of that bundle`);
}

// ------------------------------------------------------------------------------------------------
// Documents

const texts = new Map(SIZES.map((w) => [w, generateDocument(w)]));
say(
  `documents: seeded contract-like Markdown, ${SIZES.map((w) => `${countWords(texts.get(w))} words / ${Buffer.byteLength(texts.get(w))} bytes`).join(', ')}`,
);
say(`baseline: one /\\b(?:p1|…|p${BASELINE_PHRASES.length})\\b/gi over ${BASELINE_PHRASES.length} negotiation and legal phrases, counting matches`);
const notesFile = path.join(root, 'examples/northwind-msa/master-services-agreement.negotiation.yaml');

// ------------------------------------------------------------------------------------------------
// Tools in child processes, alternating

class Worker {
  constructor(tool) {
    this.tool = tool;
    this.child = fork(path.join(here, 'worker.mjs'), [tool, coreBundle, notesFile], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      cwd: root,
    });
    this.stderr = '';
    this.child.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d).slice(-4000);
    });
    this.dead = undefined;
    this.child.on('exit', (code, signal) => {
      this.dead ??= `exited (${signal ?? code})`;
      const p = this.pending;
      this.pending = undefined;
      if (!p) return;
      clearTimeout(p.timer);
      p.reject(new Error(`process ${this.dead}: ${this.stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
    this.child.on('message', (m) => {
      const p = this.pending;
      this.pending = undefined;
      if (!p) return;
      clearTimeout(p.timer);
      if (m.op === 'error') p.reject(new Error(m.message));
      else p.resolve(m);
    });
  }

  ask(msg, limitMs) {
    if (this.dead) return Promise.reject(new Error(`process ${this.dead}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.dead = `timed out (> ${limitMs / 1000} s)`;
        this.child.kill('SIGKILL');
        reject(new Error(msg.op === 'run' ? `one call took more than ${limitMs / 1000} s: abandoned, process killed` : `${msg.op} took more than ${limitMs / 1000} s`));
      }, limitMs);
      this.pending = { resolve, reject, timer };
      this.child.send(msg);
    });
  }

  stop() {
    if (!this.dead) {
      this.dead = 'stopped';
      this.child.kill();
    }
  }
}

const toolNames = ['baseline', 'leverage', ...(hasNotes ? ['leverage+notes'] : []), ...PEERS];
const state = new Map(); // tool -> { worker, loadMs, error, sizes: Map(words -> { samples, warmup, hwmKb, error }) }
const skipped = [];
if (!hasNotes) {
  say('notes pairing: not available in this build (analyze() takes no pairing)');
  for (const words of SIZES) skipped.push({ tool: 'leverage+notes', words, reason: 'notes pairing: not available in this build' });
}

for (const tool of toolNames) {
  // Loaded one after the other, so no load competes with another for the two cores.
  const worker = new Worker(tool);
  const entry = { worker, sizes: new Map() };
  state.set(tool, entry);
  try {
    const m = await worker.ask({ op: 'load' }, LOAD_LIMIT_MS);
    entry.loadMs = m.loadMs;
    progress(`  loaded ${tool} in ${fmtMs(m.loadMs)}`);
  } catch (err) {
    entry.error = `could not load: ${err.message}`;
    worker.stop();
    say(`${tool}: ${entry.error}`);
  }
}

const benchStart = performance.now();
for (const words of SIZES) {
  const live = () => toolNames.filter((t) => !state.get(t).error && !state.get(t).worker.dead);
  for (const tool of live()) {
    state.get(tool).sizes.set(words, { samples: [], warmup: 0, counts: new Set() });
    await state.get(tool).worker.ask({ op: 'resetPeak' }, 10_000);
  }
  const maxWarm = Math.max(...toolNames.map((t) => PLAN[t][words][0]));
  const maxRounds = Math.max(...toolNames.map((t) => PLAN[t][words][1]));
  for (let round = 0; round < maxWarm + maxRounds; round++) {
    const warm = round < maxWarm;
    const tools = live();
    const order = tools.map((_, i) => tools[(i + round) % tools.length]);
    for (const tool of order) {
      const [w, n] = PLAN[tool][words];
      const s = state.get(tool).sizes.get(words);
      if (warm ? round >= w : round - maxWarm >= n) continue;
      try {
        const m = await state.get(tool).worker.ask({ op: 'run', words }, CALL_LIMIT_MS);
        if (warm) s.warmup++;
        else s.samples.push(m.ms);
        s.counts.add(m.count);
      } catch (err) {
        s.error = err.message;
        state.get(tool).worker.stop();
        say(`${tool} on ${words} words: ${err.message}`);
      }
    }
  }
  for (const tool of live()) {
    const s = state.get(tool).sizes.get(words);
    try {
      s.hwmKb = (await state.get(tool).worker.ask({ op: 'mem' }, 10_000)).hwmKb;
    } catch {
      /* reported above */
    }
  }
  progress(`  ${words} words done (${((performance.now() - benchStart) / 1000).toFixed(0)} s)`);
}
for (const { worker } of state.values()) worker.stop();

// ------------------------------------------------------------------------------------------------
// Results table

const results = [];
for (const tool of toolNames) {
  const entry = state.get(tool);
  for (const words of SIZES) {
    const s = entry.sizes.get(words);
    if (!s || s.samples.length === 0) {
      const reason = entry.error ?? s?.error ?? 'not run (an earlier size failed)';
      if (!skipped.some((k) => k.tool === tool && k.words === words)) skipped.push({ tool, words, reason });
      continue;
    }
    const bytes = Buffer.byteLength(texts.get(words));
    const medianMs = median(s.samples);
    results.push({
      tool,
      words,
      bytes,
      medianMs,
      minMs: Math.min(...s.samples),
      maxMs: Math.max(...s.samples),
      rounds: s.samples.length,
      warmupRounds: s.warmup,
      mbPerS: bytes / 1e6 / (medianMs / 1000),
      peakRssMB: s.hwmKb ? mb(s.hwmKb) : null,
      findings: [...s.counts].length === 1 ? [...s.counts][0] : [...s.counts],
      loadMs: entry.loadMs,
    });
  }
}
const find = (tool, words) => results.find((r) => r.tool === tool && r.words === words);
for (const r of results) {
  const base = find('baseline', r.words);
  r.ratioToBaseline = base ? r.medianMs / base.medianMs : null;
  // How many times faster this row is than each peer (peer time / this time).
  r.speedupVs = {};
  for (const p of PEERS) {
    const peer = find(p, r.words);
    r.speedupVs[p] = peer && p !== r.tool ? peer.medianMs / r.medianMs : null;
  }
}

say();
say('Analysis (each tool in its own child process; median of the rounds shown, after the warm-up rounds)');
const head = [
  pad('tool', 15),
  pad('words', 7, true),
  pad('rounds', 8, true),
  pad('median', 10, true),
  pad('MB/s', 7, true),
  pad('÷baseline', 10, true),
  pad('vs write-good', 14, true),
  pad('vs alex', 9, true),
  pad('vs harper', 10, true),
  pad('peak RSS', 9, true),
  pad('found', 6, true),
].join('  ');
say(head);
say('-'.repeat(head.length));
for (const tool of toolNames) {
  for (const words of SIZES) {
    const r = find(tool, words);
    if (!r) {
      const k = skipped.find((x) => x.tool === tool && x.words === words);
      say(`${pad(tool, 15)}  ${pad(words, 7, true)}  ${k ? k.reason : 'not run'}`);
      continue;
    }
    say(
      [
        pad(tool, 15),
        pad(words, 7, true),
        pad(`${r.rounds}+${r.warmupRounds}w`, 8, true),
        pad(fmtMs(r.medianMs), 10, true),
        pad(r.mbPerS.toFixed(r.mbPerS >= 10 ? 0 : 2), 7, true),
        pad(fmtX(r.ratioToBaseline), 10, true),
        pad(fmtX(r.speedupVs['write-good']), 14, true),
        pad(fmtX(r.speedupVs.alex), 9, true),
        pad(fmtX(r.speedupVs.harper), 10, true),
        pad(r.peakRssMB ? `${r.peakRssMB.toFixed(0)} MB` : '—', 9, true),
        pad(Array.isArray(r.findings) ? r.findings.join('/') : r.findings, 6, true),
      ].join('  '),
    );
  }
}
say('rounds: measured + warm-up (w) at that size; alex and harper.js also warmed up on the smaller documents first.');
say('÷baseline: median ÷ the single-regex median at the same size. vs X: X\'s median ÷ this median (how many');
say('times faster than X; below 1× means slower). peak RSS: VmHWM of the tool\'s own child process during that');
say('size\'s rounds (Node and the text included). found: findings, matches or lints per call. MB = 10^6 bytes.');
say(
  `load time: ${toolNames
    .filter((t) => state.get(t).loadMs !== undefined)
    .map((t) => `${t} ${fmtMs(state.get(t).loadMs)}`)
    .join(', ')}`,
);

// ------------------------------------------------------------------------------------------------
// The language server

const serverJs = path.join(root, 'dist/server.js');
let lsp = { error: undefined };
if (!existsSync(serverJs)) {
  lsp.error = 'dist/server.js is missing: run `npm run build` (npm run bench does)';
} else {
  try {
    progress('  language server: start-up…');
    const startup = await measureStartup(serverJs, root, texts.get(10_000), STARTUP_RUNS);
    progress(`  language server: ${WARMUP_KEYSTROKES} + ${KEYSTROKES} keystrokes on 100k words…`);
    const keys = await measureKeystrokes(serverJs, root, texts.get(100_000), KEYSTROKES, SEED, 0, WARMUP_KEYSTROKES);
    const startupStats = ({ times, initTimes }) => ({ medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), initializeMedianMs: median(initTimes) });
    lsp = {
      mode: 'pull (textDocument/diagnostic after each didChange; no push debounce)',
      startup: {
        runs: startup.cached.times.length,
        words: 10_000,
        ...startupStats(startup.cached),
        codeCacheLoaded: startup.loaded,
        firstStart: startupStats(startup.cold),
        diagnostics: startup.items,
      },
      keystrokes: {
        words: 100_000,
        edits: keys.latencies.length,
        openMs: keys.openMs,
        openDiagnostics: keys.openItems,
        p50Ms: quantile(keys.latencies, 0.5),
        p95Ms: quantile(keys.latencies, 0.95),
        maxMs: Math.max(...keys.latencies),
        retries: keys.retries,
        unchangedReports: keys.unchanged,
        unexpectedPushes: keys.pushes,
        lastDiagnostics: keys.lastItems,
        warmup: {
          edits: keys.warmupLatencies.length,
          p50Ms: quantile(keys.warmupLatencies, 0.5),
          p95Ms: quantile(keys.warmupLatencies, 0.95),
          maxMs: Math.max(...keys.warmupLatencies),
        },
      },
      memory: {
        afterStartRssMB: mb(keys.mem.afterStart.rssKb),
        afterOpenRssMB: mb(keys.mem.afterOpen.rssKb),
        afterEditsRssMB: mb(keys.mem.afterEdits.rssKb),
        peakRssMB: mb(keys.mem.afterEdits.hwmKb),
      },
    };
  } catch (err) {
    lsp.error = err instanceof Error ? err.message : String(err);
  }
}
say();
say('Language server (node dist/server.js --stdio, vscode-jsonrpc client with pull diagnostics)');
if (lsp.error) say(`  not measured: ${lsp.error}`);
else {
  const k = lsp.keystrokes;
  const st = lsp.startup;
  say(`  start-up, spawn → first diagnostics of a 10k-word document (${st.diagnostics} diagnostics), ${st.runs} pairs of fresh servers:`);
  say(`    with the V8 code cache a first start saved: median ${fmtMs(st.medianMs)} (min ${fmtMs(st.minMs)}, max ${fmtMs(st.maxMs)}; spawn → initialize result ${fmtMs(st.initializeMedianMs)}); ${st.codeCacheLoaded} of ${st.runs} loaded it`);
  say(`    first start, no code cache yet:              median ${fmtMs(st.firstStart.medianMs)} (min ${fmtMs(st.firstStart.minMs)}, max ${fmtMs(st.firstStart.maxMs)}; spawn → initialize result ${fmtMs(st.firstStart.initializeMedianMs)})`);
  say(`  open 100k words → first diagnostics: ${fmtMs(k.openMs)} (${k.openDiagnostics} diagnostics)`);
  say(`  keystroke, didChange → pulled diagnostics, ${k.edits} one-character edits on 100k words: p50 ${fmtMs(k.p50Ms)}, p95 ${fmtMs(k.p95Ms)}, max ${fmtMs(k.maxMs)}; ${k.unchangedReports} of ${k.edits} answered \`unchanged\`${k.retries ? `, ${k.retries} retried pulls` : ''}${k.unexpectedPushes ? `, ${k.unexpectedPushes} unexpected pushes` : ''}`);
  say(`    after ${k.warmup.edits} warm-up keystrokes, not counted above, whose own p50 was ${fmtMs(k.warmup.p50Ms)}, p95 ${fmtMs(k.warmup.p95Ms)}, max ${fmtMs(k.warmup.maxMs)}`);
  const m = lsp.memory;
  say(`  server memory: VmRSS ${m.afterStartRssMB.toFixed(0)} MB idle, ${m.afterOpenRssMB.toFixed(0)} MB with the document open, ${m.afterEditsRssMB.toFixed(0)} MB after the edits; VmHWM (peak) ${m.peakRssMB.toFixed(0)} MB`);
}

// ------------------------------------------------------------------------------------------------
// Bundle sizes

const bundles = [];
{
  const entries = [
    { name: 'client.js', entry: 'client/src/extension.ts', external: ['vscode'] },
    { name: 'server.js', entry: 'server/src/boot.ts' },
    { name: 'server-main.js', entry: 'server/src/server.ts' },
    { name: 'cli.js', entry: 'server/src/cli.ts' },
  ];
  for (const e of entries) {
    const b = { file: `dist/${e.name}` };
    const built = path.join(root, 'dist', e.name);
    if (existsSync(built)) {
      const buf = readFileSync(built);
      b.bytes = buf.length;
      b.gzipBytes = gzipSync(buf, { level: 9 }).length;
    }
    try {
      const out = path.join(tmp, 'min', e.name);
      await esbuild.build({ ...bundleCommon, entryPoints: [path.join(root, e.entry)], outfile: out, external: e.external, minify: true, sourcemap: false });
      const buf = readFileSync(out);
      b.minifiedBytes = buf.length;
      b.minifiedGzipBytes = gzipSync(buf, { level: 9 }).length;
    } catch (err) {
      b.minifyError = err instanceof Error ? err.message.split('\n')[0] : String(err);
    }
    bundles.push(b);
  }
}
say();
say('Bundles (as built by esbuild.mjs, and minified as vscode:prepublish packages them; gzip -9)');
for (const b of bundles) {
  const built = b.bytes !== undefined ? `${pad(b.bytes.toLocaleString('en'), 10, true)} bytes (gzip ${pad(b.gzipBytes.toLocaleString('en'), 9, true)})` : pad('missing', 36);
  const min = b.minifiedBytes !== undefined ? `minified ${pad(b.minifiedBytes.toLocaleString('en'), 9, true)} (gzip ${pad(b.minifiedGzipBytes.toLocaleString('en'), 8, true)})` : `minified: ${b.minifyError}`;
  say(`  ${pad(b.file, 21)} ${built}   ${min}`);
}

// ------------------------------------------------------------------------------------------------
// Targets

const targets = [];
const target = (name, value, limit, pass, shown) => targets.push({ name, value, limit, pass, shown });
{
  const lev = find('leverage', 100_000);
  const base = find('baseline', 100_000);
  const wg = find('write-good', 100_000);
  if (lev && base) {
    const x = lev.medianMs / base.medianMs;
    target('100k words: full analysis ≤ 3× the single-regex baseline', x, 3, x <= 3, `${fmtX(x)} (${fmtMs(lev.medianMs)} vs ${fmtMs(base.medianMs)})`);
  } else target('100k words: full analysis ≤ 3× the single-regex baseline', null, 3, null, 'not measured');
  if (lev && wg) {
    const x = wg.medianMs / lev.medianMs;
    target('100k words: full analysis ≥ 10× faster than write-good', x, 10, x >= 10, `${fmtX(x)} faster (${fmtMs(lev.medianMs)} vs ${fmtMs(wg.medianMs)})`);
  } else target('100k words: full analysis ≥ 10× faster than write-good', null, 10, null, 'not measured');
  if (!lsp.error) {
    const k = lsp.keystrokes;
    target(`keystroke p95 < 10 ms (100k words, didChange → diagnostics, after ${k.warmup.edits} warm-up keystrokes)`, k.p95Ms, 10, k.p95Ms < 10, fmtMs(k.p95Ms));
    const rss = Math.max(lsp.memory.afterOpenRssMB, lsp.memory.afterEditsRssMB);
    target('server RSS < 100 MB with the 100k-word document open', rss, 100, rss < 100, `${rss.toFixed(0)} MB VmRSS (peak VmHWM ${lsp.memory.peakRssMB.toFixed(0)} MB)`);
    target('start-up < 300 ms (spawn → first diagnostics, 10k words, with the code cache)', lsp.startup.medianMs, 300, lsp.startup.medianMs < 300, `${fmtMs(lsp.startup.medianMs)} (first start, no cache yet: ${fmtMs(lsp.startup.firstStart.medianMs)})`);
  } else {
    for (const n of ['keystroke p95 < 10 ms', 'server RSS < 100 MB with the document open', 'start-up < 300 ms']) target(n, null, null, null, 'not measured');
  }
}
say();
say('Targets (informational: the bench never fails on timing)');
for (const t of targets) say(`  ${t.pass === null ? 'N/A ' : t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.shown}`);

// ------------------------------------------------------------------------------------------------
// Optional profile

let profile;
if (PROFILE) {
  progress('  profiling the core on 100k words…');
  const profBundle = path.join(tmp, 'profile-core.cjs');
  await esbuild.build({
    ...bundleCommon,
    stdin: {
      contents: [
        "export { analyze } from './server/src/core/analyze';",
        "export { RULES } from './server/src/core/rules/index';",
        "export { segment } from './server/src/core/segment';",
        "export { applySuppressions } from './server/src/core/suppress';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'bench-profile.ts',
    },
    outfile: profBundle,
    sourcemap: 'external',
    keepNames: true,
  });
  const profDir = path.join(tmp, 'cpuprof');
  const out = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=100', path.join(here, 'profile.mjs'), profBundle, '100000', '20'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let s = '';
    child.stdout.on('data', (d) => (s += d));
    child.on('exit', (code) => (code === 0 ? resolve(s) : reject(new Error(`profile run exited ${code}`))));
  });
  profile = { phases: JSON.parse(out.trim().split('\n').pop()), selfTime: summarizeProfile(profDir, 20, `${profBundle}.map`, root) };
  const p = profile.phases;
  say();
  say(`Profile of the core on ${p.words} words (median of ${p.rounds} analyze() calls, after 3 warm-up calls)`);
  say(`  analyze() total ${fmtMs(p.totalMs)}: segment() ${fmtMs(p.segmentMs)}, applySuppressions() ${fmtMs(p.suppressionsMs)} (incl. in the rest)`);
  for (const r of [...p.rules].sort((a, b) => b.medianMs - a.medianMs)) say(`    rule ${pad(r.id, 30)} ${pad(fmtMs(r.medianMs), 10, true)}`);
  say(`    rest (context, suppressions, fixes, sort) ${pad(fmtMs(p.restMs), 10, true)}`);
  if (profile.selfTime) {
    say(`  top self time (node --cpu-prof, whole profile run incl. document generation: ${fmtMs(profile.selfTime.totalMs)})`);
    const clip = (s) => (s.length > 110 ? `${s.slice(0, 107)}…` : s);
    for (const f of profile.selfTime.top) say(`    ${pad(`${(f.share * 100).toFixed(1)}%`, 6, true)} ${pad(fmtMs(f.selfMs), 10, true)}  ${clip(f.function)}  ${f.where}`);
  }
}

say();
machine.loadAfter = sayLoad('after');

if (JSON_OUT) {
  process.stdout.write(
    `${JSON.stringify({
      machine,
      core: 'bundled with esbuild from server/src/core/analyze.ts',
      documents: SIZES.map((w) => ({ words: countWords(texts.get(w)), bytes: Buffer.byteLength(texts.get(w)) })),
      baselinePhrases: BASELINE_PHRASES.length,
      memoryMethod: 'VmHWM of each tool’s own child process during one size’s rounds (reset via /proc/self/clear_refs)',
      results,
      skipped,
      lsp,
      bundles,
      targets: targets.map(({ shown, ...t }) => t),
      ...(profile ? { profile } : {}),
    })}\n`,
  );
}
