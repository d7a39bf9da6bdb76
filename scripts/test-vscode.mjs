#!/usr/bin/env node
// `npm run test:vscode`: the extension tests inside real VS Code, here, with no VS Code download.
//
//  1. tools     Node 24 and code-server (VS Code 1.139 inside), cached by version
//               (scripts/vscode/tools.mjs); Debian's chromium and libkrb5-dev if missing.
//  2. package   the .vsix, exactly as `npm run package` builds it (vsce, minified).
//  3. suite     test/vscode/suite bundled with mocha into one file outside the extension.
//  4. server    the VS Code server inside code-server installs the .vsix (--install-extension)
//               and serves the workbench on 127.0.0.1 with the smoke-test driver enabled.
//  5. tests     headless Chromium opens the workbench with extensionTestsPath = the suite: it
//               runs in the server's extension host against the installed extension, and the
//               workbench reports the result through window.codeAutomationExit.
//  6. ui        a second page load with no test payload, driven like a person (clicks, keys)
//               and photographed into test/output/ (one picture is copied to images/), then the
//               negotiation summary view (scripts/vscode/summary-view.mjs: a light and a dark picture).
//
// Prints timings per phase; on failure the page console (the extension host's output), the
// server's output and the Leverage log. Always stops the processes it started, also on SIGINT
// and on a phase timeout. Last line: "N passed, M failed"; exit status 0 when nothing failed.
// Environment: LEVERAGE_VSCODE_CACHE (tools cache folder), LEVERAGE_KEEP_TEST_DIR=1 (keep the
// temporary folder with workspaces and logs), LEVERAGE_TEST_VERBOSE=1 (echo the whole page console
// and the server's output), LEVERAGE_VSCODE_TIMEOUTS="tests=120,ui=60" (phase timeouts, seconds).

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killAllNow, run, runningLabels, start, stopAll } from './vscode/processes.mjs';
import { formatSize, packageVsix } from './vscode/package.mjs';
import { buildSuite, makeWorkspace, writeUserSettings } from './vscode/suite.mjs';
import { CHROMIUM, cleanEnv, ensureTools, tail } from './vscode/tools.mjs';
import { driveWorkbench } from './vscode/workbench.mjs';
import { driveSummaryView } from './vscode/summary-view.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT_DIR = path.join(root, 'test', 'output');
const README_IMAGE = path.join(root, 'images', 'screenshot-diagnostics.png');
const VERBOSE = process.env.LEVERAGE_TEST_VERBOSE === '1';
const MIN = 60_000;
const TIMEOUTS = { tools: 45 * MIN, package: 5 * MIN, suite: 2 * MIN, server: 3 * MIN, browser: 1 * MIN, tests: 8 * MIN, ui: 5 * MIN };
// LEVERAGE_VSCODE_TIMEOUTS="tests=120,ui=60" overrides phase timeouts (seconds).
for (const pair of (process.env.LEVERAGE_VSCODE_TIMEOUTS ?? '').split(',').filter(Boolean)) {
  const [name, seconds] = pair.split('=');
  if (!(name in TIMEOUTS) || !(Number(seconds) > 0)) throw new Error(`LEVERAGE_VSCODE_TIMEOUTS: bad entry “${pair}”`);
  TIMEOUTS[name] = Number(seconds) * 1000;
}
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const VIEWPORT = { width: 1280, height: 800 };

let passed = 0;
let failed = 0;
const timings = [];
/** @type {import('playwright-core').Browser | undefined} */
let browser;
/** @type {ReturnType<typeof start> | undefined} */
let server;
const pageConsole = [];
let runDir;
let serverDataDir;
let userDataDir;

function log(message) {
  console.log(`test-vscode: ${message}`);
}

function record(ok, name, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? '  ✓' : '  ✗'} ${name}${detail ? `\n      ${detail.replace(/\n/g, '\n      ')}` : ''}`);
}

// A signal or a timeout rejects this; every phase races against it.
let abort;
const aborted = new Promise((_, reject) => (abort = reject));
aborted.catch(() => undefined);

async function phase(name, fn) {
  const t0 = Date.now();
  log(`phase ${name} …`);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`phase ${name} timed out after ${TIMEOUTS[name] / 1000} s`)), TIMEOUTS[name]);
  });
  try {
    return await Promise.race([fn(), timeout, aborted]);
  } finally {
    clearTimeout(timer);
    const s = (Date.now() - t0) / 1000;
    timings.push([name, s]);
    log(`phase ${name}: ${s.toFixed(1)} s`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function waitForOutput(child, pattern, what) {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const m = pattern.exec(child.output());
      if (m) {
        clearInterval(timer);
        resolve(m);
      }
    }, 100);
    child.exited.then(({ code, signal }) => {
      clearInterval(timer);
      reject(new Error(`${child.label} exited (${code ?? signal}) before ${what}:\n${tail(child.output(), 40)}`));
    });
  });
}

function serverArgs(paths) {
  return [
    paths.serverMain,
    '--accept-server-license-terms',
    '--server-data-dir',
    serverDataDir,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    path.join(runDir, 'extensions'),
  ];
}

/** Files under `dir` whose path matches `pattern`. */
function findFiles(dir, pattern, found = []) {
  let entries = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(p, pattern, found);
    else if (pattern.test(p)) found.push(p);
  }
  return found;
}

function printDiagnosis() {
  console.log('\n---- page console (extension host output included), last 150 lines ----');
  console.log(pageConsole.slice(-150).join('\n') || '(nothing)');
  if (server) {
    console.log('\n---- VS Code server output, last 80 lines ----');
    console.log(tail(server.output(), 80) || '(nothing)');
  }
  const logs = [serverDataDir, userDataDir].filter(Boolean).flatMap((d) => findFiles(d, /logs\/.*\.log$/));
  const leverage = logs.filter((f) => /leverage/i.test(path.basename(f)) || /leverage/i.test(path.basename(path.dirname(f))));
  for (const f of leverage) {
    console.log(`\n---- Leverage output channel: ${f} (last 120 lines) ----`);
    console.log(tail(readFileSync(f, 'utf8'), 120));
  }
  if (leverage.length === 0) console.log('\n(no Leverage log file found under the server and user data folders)');
  for (const f of logs.filter((p) => /exthost\.log$|remoteexthost\.log$/.test(p))) {
    console.log(`\n---- ${f} (last 60 lines) ----`);
    console.log(tail(readFileSync(f, 'utf8'), 60));
  }
  if (runDir) console.log(`\n(workspaces, settings and logs of this run are kept in ${runDir})`);
}

async function cleanup() {
  const t0 = Date.now();
  if (browser) {
    const b = browser;
    browser = undefined;
    await Promise.race([b.close().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
  }
  await stopAll(5000);
  const left = runningLabels();
  if (left.length) log(`still running after cleanup: ${left.join(', ')}`);
  timings.push(['cleanup', (Date.now() - t0) / 1000]);
}

function finish() {
  console.log(`test-vscode: timings: ${timings.map(([n, s]) => `${n} ${s.toFixed(1)} s`).join(', ')}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    abort(new Error(`interrupted by ${signal}`));
    // A second signal, or cleanup that hangs, must not leave the harness running.
    setTimeout(() => {
      killAllNow();
      process.exit(130);
    }, 20_000).unref();
  });
}
process.on('exit', () => killAllNow());

async function main() {
  const started = Date.now();
  runDir = mkdtempSync(path.join(os.tmpdir(), 'leverage-vscode-'));
  serverDataDir = path.join(runDir, 'server-data');
  userDataDir = path.join(runDir, 'user-data');
  const xdg = path.join(runDir, 'xdg');
  for (const d of ['config', 'data', 'cache', 'tmp']) mkdirSync(path.join(xdg, d), { recursive: true });
  const env = cleanEnv({
    // The server writes its config, sockets and caches here, never in the user's home.
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    TMPDIR: path.join(xdg, 'tmp'),
    // Read by the suite in the extension host (it inherits the server's environment).
    LEVERAGE_TEST_EXPECT_VSIX: '1',
    LEVERAGE_TEST_REPO: root,
  });
  delete env.ELECTRON_RUN_AS_NODE;

  const tools = await phase('tools', () => ensureTools({ timeoutMs: TIMEOUTS.tools }));
  log(`${tools.cached ? 'cached' : 'installed'}: code-server in ${tools.codeServer}, node ${tools.node}`);

  const vsix = path.join(runDir, 'leverage.vsix');
  await phase('package', async () => {
    const size = await packageVsix({ out: vsix, quiet: !VERBOSE, start });
    log(`packaged ${path.basename(vsix)}: ${formatSize(size)}`);
  });

  const suite = await phase('suite', () => buildSuite(path.join(runDir, 'suite')));
  const wsTests = makeWorkspace(path.join(runDir, 'workspace-tests'));
  const wsUi = makeWorkspace(path.join(runDir, 'workspace-ui'));
  // The web workbench keeps its user settings in the server's user-data folder.
  writeUserSettings(path.join(userDataDir, 'User', 'settings.json'));
  writeUserSettings(path.join(serverDataDir, 'data', 'Machine', 'settings.json'));

  const port = await phase('server', async () => {
    const install = await run(tools.node, [...serverArgs(tools), '--install-extension', vsix, '--force'], {
      label: 'install-extension',
      env,
      timeoutMs: 2 * MIN,
    });
    const installed = findFiles(path.join(runDir, 'extensions'), /leverage-dev\.leverage-[^/]+\/package\.json$/);
    if (install.code !== 0 || installed.length === 0) {
      throw new Error(`installing the .vsix failed (${install.timedOut ? 'timed out' : `status ${install.code}`}):\n${tail(install.output, 30)}`);
    }
    log(`installed the .vsix into ${path.relative(runDir, path.dirname(installed[0]))} (${tail(install.output.trim(), 1)})`);
    const p = await freePort();
    server = start(
      tools.node,
      [...serverArgs(tools), '--host', '127.0.0.1', '--port', String(p), '--without-connection-token', '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust'],
      { label: 'vscode-server', env, logFile: path.join(runDir, 'server.log'), echo: VERBOSE },
    );
    await waitForOutput(server, /Extension host agent listening on (\d+)/, 'listening');
    log(`VS Code server listening on 127.0.0.1:${p}`);
    return p;
  });
  const base = `http://127.0.0.1:${port}`;

  await phase('browser', async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      // We close it ourselves, on signals too, after stopping the server.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 60_000,
    });
    log(`Chromium ${browser.version()}`);
  });

  const watch = (page, tag) => {
    page.on('console', (m) => {
      const text = m.text();
      pageConsole.push(`[${tag} ${m.type()}] ${text}`);
      const line = /\[leverage-suite\] ([\s\S]*)/.exec(text);
      if (line) onSuiteLine(line[1]);
      else if (VERBOSE) console.log(`  page| ${text.slice(0, 500)}`);
    });
    page.on('pageerror', (err) => pageConsole.push(`[${tag} pageerror] ${err.stack ?? err.message}`));
  };

  // ---- the suite in the extension host ----
  const suiteResults = { passes: 0, failures: 0, ended: false, summary: undefined, onEnd: undefined };
  function onSuiteLine(line) {
    const [kind, ...rest] = line.split(' ');
    const body = rest.join(' ');
    if (kind === 'pass') {
      suiteResults.passes++;
      record(true, body);
    } else if (kind === 'fail') {
      suiteResults.failures++;
      const [title, ...detail] = body.split('\n');
      record(false, title, detail.join('\n').trim());
    } else if (kind === 'end') {
      suiteResults.ended = true;
      suiteResults.summary = body;
      suiteResults.onEnd?.();
    } else if (kind === 'suite') {
      console.log(`  ${body}`);
    } else {
      console.log(`    ${body}`);
    }
  }

  await phase('tests', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    watch(page, 'tests');
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    page.on('crash', () => exit('page crashed'));
    // An extension host that dies before the suite ends would otherwise leave us waiting for the timeout.
    const from = server.output().length;
    const hostWatch = setInterval(() => {
      const m = /Extension Host Process exited with code: (\S+), signal: (\S+)\./.exec(server.output().slice(from));
      if (!m) return;
      clearInterval(hostWatch);
      // Its last console lines may still be on their way through the page: give them time.
      setTimeout(() => {
        if (!suiteResults.ended) exit(`the extension host exited (code ${m[1]}, signal ${m[2]}) before the suite ended`);
      }, 5000).unref();
    }, 500);
    hostWatch.unref();
    exited.finally(() => clearInterval(hostWatch));
    // The workbench reports the result once the extension host has shut down; should that never
    // come, the suite's own last line is enough after a grace period.
    suiteResults.onEnd = () => setTimeout(() => exit('no codeAutomationExit within 30 s of the end of the suite'), 30_000).unref();
    const payload = [
      // A stub development extension (VS Code requires one to run tests); Leverage itself is the installed .vsix.
      ['extensionDevelopmentPath', `vscode-remote://remote${makeStubExtension(path.join(runDir, 'test-host'))}`],
      ['extensionTestsPath', `vscode-remote://remote${suite}`],
    ];
    const url = `${base}/?folder=${encodeURIComponent(wsTests)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const code = await exited;
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'vscode-tests-final.png') }).catch(() => undefined);
    await context.close();
    const hostExit = /Extension Host Process exited with code: \S+, signal: \S+/.exec(server.output().slice(from));
    if (!suiteResults.ended) record(false, `the extension test run did not finish (exit code ${code}${hostExit && code === 0 ? `; ${hostExit[0]}` : ''})`);
    else if (code !== 0 && suiteResults.failures === 0) record(false, `the extension test run failed (exit code ${code}) without a failing test`);
    else if (suiteResults.passes === 0) record(false, 'the extension test run ran no tests');
    log(`extension tests: ${suiteResults.summary ?? 'no summary'}, exit code ${code}`);
  });

  // ---- the workbench, as a person uses it ----
  await phase('ui', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    watch(page, 'ui');
    await page.goto(`${base}/?folder=${encodeURIComponent(wsUi)}`);
    const check = async (name, fn) => {
      try {
        await fn();
        record(true, name);
        return true;
      } catch (err) {
        const file = path.join(OUTPUT_DIR, `vscode-failed-${passed + failed + 1}.png`);
        await page.screenshot({ path: file }).catch(() => undefined);
        record(false, name, `${err instanceof Error ? err.message : String(err)}\n(screenshot: ${path.relative(root, file)})`);
        return false;
      }
    };
    await driveWorkbench(page, { outputDir: OUTPUT_DIR, readmeImage: README_IMAGE, check, log: (s) => console.log(`    ${s}`) });
    await driveSummaryView(page, {
      outputDir: OUTPUT_DIR,
      imagesDir: path.join(root, 'images'),
      workspaceSettingsFile: path.join(wsUi, '.vscode', 'settings.json'),
      check,
      log: (s) => console.log(`    ${s}`),
    });
    await context.close();
  });
  log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** VS Code runs extension tests only with a development extension; this one contributes nothing. */
function makeStubExtension(dir) {
  mkdirSync(dir, { recursive: true });
  const pkg = {
    name: 'leverage-test-host',
    publisher: 'leverage-dev',
    version: '0.0.0',
    description: 'Empty development extension that lets VS Code run the Leverage extension tests against the installed .vsix.',
    engines: { vscode: '^1.91.0' },
  };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  return dir;
}

mkdirSync(OUTPUT_DIR, { recursive: true });
// Pictures from an earlier run would pass for this one's.
for (const f of readdirSync(OUTPUT_DIR)) if (/^vscode-.*\.png$/.test(f)) rmSync(path.join(OUTPUT_DIR, f), { force: true });
let ok = false;
try {
  await main();
  ok = failed === 0;
} catch (err) {
  // Timeouts and signals are expected failures: their message says it all.
  const expected = err instanceof Error && /^(phase \w+ timed out|interrupted by)/.test(err.message);
  record(false, 'harness', err instanceof Error ? (expected ? err.message : err.stack ?? err.message) : String(err));
} finally {
  await cleanup();
}
if (!ok) printDiagnosis();
else if (runDir && process.env.LEVERAGE_KEEP_TEST_DIR !== '1') rmSync(runDir, { recursive: true, force: true });
finish();
