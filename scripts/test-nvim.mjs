#!/usr/bin/env node
// Drives the built language server from Neovim (headless), a real LSP client other than VS Code:
// push diagnostics, a UTF-16 round trip, hover, the preferred quick fix and its re-check.
// Builds nothing: run `npm run build` first (npm test does). Steps are in test/nvim/check.lua.
// Prints each step, then "N passed, M failed" alone on the last line; exits 1 on any failure.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = path.join(root, 'dist', 'server.js');
const script = path.join(root, 'test', 'nvim', 'check.lua');
const TIMEOUT_S = 60;

// The sentence after the emoji (outside the Basic Multilingual Plane: two UTF-16 units, four
// bytes) and the curly apostrophe is the concession; anything wrong in the byte/UTF-16 conversion
// on either side shows up as a misplaced range or a corrupted fix.
const DRAFT = [
  '# Reply to Customer',
  '',
  'Thank you for the revised draft 📄 and for Customer’s comments. We can agree to that.',
  '',
  'Kind regards,',
  '',
].join('\n');

function finish(passed, failed) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

if (!existsSync(server)) {
  console.error(`test-nvim: ${path.relative(root, server)} is missing: run npm run build first.`);
  finish(0, 1);
}
if (spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error('test-nvim: nvim is not on PATH: run node scripts/ensure-tools.mjs.');
  finish(0, 1);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'leverage-nvim-'));
const file = path.join(dir, 'reply.md');
writeFileSync(file, DRAFT);

const nvimArgs = ['--headless', '--clean', '-n', '-u', 'NONE', '-c', `luafile ${script.replace(/ /g, '\\ ')}`];
const hasTimeout = spawnSync('timeout', ['--version'], { stdio: 'ignore' }).status === 0;
const [cmd, args] = hasTimeout ? ['timeout', [String(TIMEOUT_S), 'nvim', ...nvimArgs]] : ['nvim', nvimArgs];

const started = Date.now();
// Its own process group, so a timeout can end nvim and the server it started together.
const child = spawn(cmd, args, {
  cwd: dir,
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    // Keeps nvim's files (the LSP log with the server's stderr among them) out of the user's home.
    XDG_CACHE_HOME: path.join(dir, 'cache'),
    XDG_STATE_HOME: path.join(dir, 'state'),
    XDG_DATA_HOME: path.join(dir, 'data'),
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    LEVERAGE_NVIM_FILE: file,
    LEVERAGE_NODE: process.execPath,
    LEVERAGE_SERVER: server,
  },
});

let stdout = '';
let stderr = '';
child.stdout.on('data', (chunk) => {
  stdout += chunk;
  process.stdout.write(chunk);
});
child.stderr.on('data', (chunk) => {
  stderr += chunk;
});

let timedOut = false;
const timer = setTimeout(() => {
  timedOut = true;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}, (TIMEOUT_S + 5) * 1000);

child.on('close', (code, signal) => {
  clearTimeout(timer);
  const lines = stdout.split(/\r?\n/);
  const passed = lines.filter((l) => l.startsWith('PASS ')).length;
  let failed = lines.filter((l) => l.startsWith('FAIL ')).length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // An exit without a FAIL line (a crash, a hang ended by timeout) is a failure too.
  if (failed === 0 && (code !== 0 || signal)) {
    failed = 1;
    const why = timedOut || code === 124 ? `timed out after ${TIMEOUT_S} s` : `exited with ${signal ?? `code ${code}`}`;
    console.log(`FAIL nvim ${why}`);
  }
  if (failed > 0) {
    if (stderr.trim()) console.log(`nvim stderr:\n${stderr.trim()}`);
    const log = path.join(dir, 'cache', 'nvim', 'lsp.log');
    if (existsSync(log)) console.log(`nvim LSP log (the server's stderr is here):\n${readFileSync(log, 'utf8').trim().slice(-4000)}`);
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`nvim finished in ${seconds} s`);
  finish(passed, failed);
});
