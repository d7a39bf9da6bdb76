// The heavy tools `npm run test:vscode` needs, installed once and cached by version:
//   - Node 24 from the npm package `node` (code-server 4.139 runs on Node 24 only),
//   - code-server, whose bundled VS Code server (lib/vscode/out/server-main.js) is the real VS Code
//     the tests run in; its install compiles native modules against that Node 24's headers,
//   - Debian's chromium (the browser that shows the workbench) and libkrb5-dev (a header the
//     native build needs), installed with apt when missing and we are root.
// The cache lives outside the work tree by default, so fresh clones on one machine (CI) share it:
// $LEVERAGE_VSCODE_CACHE, else $XDG_CACHE_HOME/leverage/vscode-test, else ~/.cache/leverage/vscode-test.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './processes.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';
export const CHROMIUM = '/usr/bin/chromium';
const GSSAPI_HEADER = '/usr/include/gssapi/gssapi.h';

export function cacheRoot() {
  if (process.env.LEVERAGE_VSCODE_CACHE) return path.resolve(process.env.LEVERAGE_VSCODE_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'leverage', 'vscode-test');
}

/** Where a given pair of versions is installed. */
export function toolsDir() {
  return path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}_node-${NODE_VERSION}`);
}

// Two npm projects side by side: a second install in one folder would reinstall the `node`
// package (its preinstall replaces the binary and headers) while code-server compiles against them.
export function toolPaths(dir = toolsDir()) {
  const nodeDir = path.join(dir, 'node24', 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
  const codeServer = path.join(dir, 'code-server', 'node_modules', 'code-server');
  return {
    dir,
    nodeDir,
    node: path.join(nodeDir, 'bin', 'node'),
    codeServer,
    serverMain: path.join(codeServer, 'lib', 'vscode', 'out', 'server-main.js'),
    marker: path.join(dir, '.complete'),
  };
}

// Under `npm run`, npm exports its own settings (npm_config_user_agent naming Node 20, a nodedir,
// the work tree as prefix, ...) to the environment, and a nested npm would take them as its own:
// code-server's postinstall would then see Node 20. Only settings about reaching the registry pass.
const KEEP_NPM = new Set([
  'npm_config_cache',
  'npm_config_registry',
  'npm_config_cafile',
  'npm_config_proxy',
  'npm_config_https_proxy',
  'npm_config_noproxy',
  'npm_config_strict_ssl',
  'npm_config_userconfig',
  'npm_config_globalconfig',
]);

/** The environment without what `npm run` added to it. */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    const key = k.toLowerCase();
    if (key.startsWith('npm_') && !KEEP_NPM.has(key)) continue;
    if (k === 'NODE' || k === 'INIT_CWD' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

function log(message) {
  console.log(`test-vscode: ${message}`);
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Installs the Debian packages that are missing. `needBuildHeaders` only when code-server has to
 * be installed (compiled); a cached install needs the browser alone.
 */
export async function ensureSystemPackages({ needBuildHeaders }) {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (needBuildHeaders && !existsSync(GSSAPI_HEADER)) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!isRoot() || !hasCommand('apt-get')) {
    throw new Error(
      `missing ${missing.join(', ')} (${missing.includes('chromium') ? CHROMIUM : GSSAPI_HEADER} not found). ` +
        (hasCommand('apt-get') ? `Install with: sudo sh -c '${command}'` : 'Install them with your package manager.'),
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = cleanEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const r = await run('apt-get', args, { label: 'apt-get', env, timeoutMs: 15 * 60_000 });
    if (r.code !== 0) throw new Error(`apt-get ${args[0]} failed (${r.timedOut ? 'timed out' : `status ${r.code}`}):\n${tail(r.output, 40)}`);
  }
  for (const p of [CHROMIUM, ...(needBuildHeaders ? [GSSAPI_HEADER] : [])]) {
    if (!existsSync(p)) throw new Error(`apt-get succeeded but ${p} is still missing`);
  }
}

export function tail(text, lines) {
  return text.split('\n').slice(-lines).join('\n');
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A lock folder beside the install, so two runs never install into one folder at once. */
async function withLock(lockDir, timeoutMs, fn) {
  const deadline = Date.now() + timeoutMs;
  mkdirSync(path.dirname(lockDir), { recursive: true });
  for (let announced = false; ; ) {
    try {
      mkdirSync(lockDir);
      writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(readFileSync(path.join(lockDir, 'pid'), 'utf8'));
      } catch {
        // being created or removed
      }
      if (Number.isInteger(owner) && !pidAlive(owner)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir} (held by pid ${owner})`);
      if (!announced) log(`another run (pid ${owner}) is installing the tools; waiting for it`);
      announced = true;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Makes sure Node 24 and code-server are installed in the cache; returns their paths. A folder
 * without its `.complete` marker is a broken earlier attempt and is installed again from scratch.
 */
export async function ensureTools({ timeoutMs = 40 * 60_000 } = {}) {
  const paths = toolPaths();
  if (existsSync(paths.marker) && existsSync(paths.serverMain) && existsSync(paths.node)) {
    await ensureSystemPackages({ needBuildHeaders: false });
    return { ...paths, cached: true };
  }
  await ensureSystemPackages({ needBuildHeaders: true });
  return withLock(`${paths.dir}.lock`, timeoutMs, async () => {
    if (existsSync(paths.marker)) return { ...paths, cached: true }; // another run finished it
    rmSync(paths.dir, { recursive: true, force: true });
    // Each with its own package.json, so npm installs there and never into an enclosing project.
    for (const sub of ['node24', 'code-server']) {
      mkdirSync(path.join(paths.dir, sub), { recursive: true });
      writeFileSync(
        path.join(paths.dir, sub, 'package.json'),
        JSON.stringify({ name: `leverage-vscode-test-${sub}`, private: true, description: 'Cache of npm run test:vscode' }, null, 2) + '\n',
      );
    }
    const logFile = path.join(paths.dir, 'install.log');
    // Saved to the folder's package.json: an unsaved package would be pruned by the next install.
    const npmArgs = ['install', '--no-audit', '--no-fund', '--save-exact', '--loglevel=http'];
    const deadline = Date.now() + timeoutMs;

    log(`installing node@${NODE_VERSION} into ${paths.dir} (log: ${logFile})`);
    let t0 = Date.now();
    let r = await run('npm', [...npmArgs, `node@${NODE_VERSION}`], {
      label: 'npm node',
      env: cleanEnv(),
      cwd: path.join(paths.dir, 'node24'),
      logFile,
      timeoutMs: deadline - Date.now(),
    });
    if (r.code !== 0 || !existsSync(paths.node)) {
      throw new Error(`npm install node@${NODE_VERSION} failed (${r.timedOut ? 'timed out' : `status ${r.code}`}):\n${tail(r.output, 40)}`);
    }
    const version = spawnSync(paths.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (version !== `v${NODE_VERSION}`) throw new Error(`${paths.node} reports ${version}, expected v${NODE_VERSION}`);
    log(`node ${version} installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    log(`installing code-server@${CODE_SERVER_VERSION} with Node ${NODE_VERSION} (compiles native modules: minutes)`);
    t0 = Date.now();
    const env = cleanEnv({
      // npm, node-gyp and code-server's postinstall must all see Node 24 and its headers.
      PATH: `${path.dirname(paths.node)}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: paths.nodeDir,
    });
    const heartbeat = setInterval(() => log(`  still installing code-server (${Math.round((Date.now() - t0) / 1000)} s)`), 30_000);
    try {
      r = await run('npm', [...npmArgs, `--nodedir=${paths.nodeDir}`, `code-server@${CODE_SERVER_VERSION}`], {
        label: 'npm code-server',
        cwd: path.join(paths.dir, 'code-server'),
        env,
        logFile,
        timeoutMs: deadline - Date.now(),
      });
    } finally {
      clearInterval(heartbeat);
    }
    if (r.code !== 0 || !existsSync(paths.serverMain)) {
      throw new Error(
        `npm install code-server@${CODE_SERVER_VERSION} failed (${r.timedOut ? 'timed out' : `status ${r.code}`}); see ${logFile}:\n${tail(r.output, 60)}`,
      );
    }
    log(`code-server installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    writeFileSync(paths.marker, JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, installed: new Date().toISOString() }) + '\n');
    return { ...paths, cached: false };
  });
}
