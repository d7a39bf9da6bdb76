// The V8 code cache the server starts through (server/src/codeCache.ts): where it goes, when it is
// used, and that no state of the cache folder can stop the code from running. The modules run here
// are small files written by the test; test/server/code-cache.test.ts runs the real server.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { cacheFileName, defaultCacheDir, runWithCodeCache, type CodeCacheStatus, type Runtime } from '../../server/src/codeCache';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'leverage-code-cache-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const RUNTIME: Runtime = { version: process.version, arch: process.arch, execArgv: process.execArgv };
const CODE_CACHE = path.resolve(__dirname, '../../server/src/codeCache.js');

/** A module that prints `word` (and proves it was given Node's require, its file name and a module). */
function moduleFile(dir: string, word: string): string {
  const file = path.join(dir, 'mod.js');
  writeFileSync(file, `"use strict";\nconst p = require("node:path");\nprocess.stdout.write(${JSON.stringify(word)} + ":" + p.basename(__filename) + ":" + typeof module.exports + "\\n");\n`);
  return file;
}

/** Runs `file` through the cache in a fresh Node, as each server start is: within one process V8
 *  reuses what it compiled before and never reads a second cache. `save` calls save() after. */
function run(file: string, dir: string | undefined, save = true): { status: CodeCacheStatus; ran: string[]; described: string | undefined } {
  const script = `
    const c = require(${JSON.stringify(CODE_CACHE)});
    const r = c.runWithCodeCache(${JSON.stringify(file)}, () => ${JSON.stringify(dir)}, require);
    if (${save}) r.save();
    process.stdout.write(JSON.stringify({ status: c.codeCacheStatus(), described: c.describeCodeCache(r.status), same: r.status === c.codeCacheStatus() }));`;
  const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const lines = out.split('\n');
  const result = JSON.parse(lines.pop()!);
  assert.ok(result.same, 'codeCacheStatus() is the status of the run');
  return { status: result.status, described: result.described, ran: lines };
}

test('the cache folder is the platform’s per-user cache folder unless XDG_CACHE_HOME says otherwise', () => {
  assert.equal(defaultCacheDir({}, 'linux', '/home/a'), path.join('/home/a', '.cache', 'leverage', 'code-cache'));
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/a'), path.join('/xdg', 'leverage', 'code-cache'));
  // The XDG specification ignores a relative path.
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: 'rel' }, 'linux', '/home/a'), path.join('/home/a', '.cache', 'leverage', 'code-cache'));
  assert.equal(defaultCacheDir({}, 'darwin', '/Users/a'), path.join('/Users/a', 'Library', 'Caches', 'leverage', 'code-cache'));
  assert.equal(defaultCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32', 'C:\\Users\\a'), path.join('C:\\L', 'leverage', 'Cache', 'code-cache'));
});

test('the file name changes with every byte of the source and with the runtime', () => {
  const name = (source: string, runtime = RUNTIME) => cacheFileName('server-main', Buffer.from(source), runtime);
  const a = name('const x = "AAAA";');
  assert.match(a ?? '', /^server-main-[0-9a-f]{9,}-[0-9a-f]{8}\.bin$/);
  assert.equal(name('const x = "AAAA";'), a);
  assert.notEqual(name('const x = "AAAB";'), a);
  assert.notEqual(name('const x = "AAAA"; '), a);
  assert.notEqual(name('const x = "AAAA";', { ...RUNTIME, version: 'v99.0.0' }), a);
  assert.notEqual(name('const x = "AAAA";', { ...RUNTIME, execArgv: ['--nolazy'] }), a);
});

test('a first run saves a private cache that the next run loads, and the code runs both times', () => {
  const dir = mkdtempSync(path.join(tmp, 'first-'));
  const cache = path.join(dir, 'cache');
  const file = moduleFile(dir, 'one');
  const first = run(file, cache, false);
  assert.deepEqual(first.ran, ['one:mod.js:object']);
  assert.equal(first.status.state, 'new');
  assert.equal(first.described, 'no code cache yet, one will be saved');
  assert.deepEqual(readdirSync(cache), [], 'nothing is written without save()');
  run(file, cache);
  const [saved] = readdirSync(cache);
  assert.ok(saved, 'save() wrote a cache');
  if (process.platform !== 'win32') {
    assert.equal(statSync(cache).mode & 0o777, 0o700);
    assert.equal(statSync(path.join(cache, saved)).mode & 0o777, 0o600);
  }
  const before = statSync(path.join(cache, saved)).mtimeMs;
  const second = run(file, cache);
  assert.deepEqual(second.ran, ['one:mod.js:object']);
  assert.equal(second.status.state, 'loaded');
  assert.match(second.described ?? '', /^code cache loaded, \d+ KB$/);
  assert.deepEqual(readdirSync(cache), [saved]);
  assert.equal(statSync(path.join(cache, saved)).mtimeMs, before, 'a loaded cache is not written again');
});

test('V8 would run a cache made for another source of the same length; the file name keeps them apart', () => {
  const dir = mkdtempSync(path.join(tmp, 'same-length-'));
  const cache = path.join(dir, 'cache');
  const file = moduleFile(dir, 'AAAA');
  run(file, cache);
  const [old] = readdirSync(cache);
  moduleFile(dir, 'BBBB');
  const b = run(file, cache);
  assert.deepEqual(b.ran, ['BBBB:mod.js:object']);
  assert.equal(b.status.state, 'new');
  assert.equal(readdirSync(cache).length, 1, 'the cache of the old version is replaced');
  assert.notEqual(readdirSync(cache)[0], old);
  assert.equal(run(file, cache).status.state, 'loaded');
});

test('a damaged cache is rejected, the code still runs, and a good cache replaces it', () => {
  const dir = mkdtempSync(path.join(tmp, 'damaged-'));
  const cache = path.join(dir, 'cache');
  const file = moduleFile(dir, 'ok');
  run(file, cache);
  const [name] = readdirSync(cache);
  writeFileSync(path.join(cache, name), Buffer.from('not a V8 code cache at all'));
  const damaged = run(file, cache);
  assert.deepEqual(damaged.ran, ['ok:mod.js:object']);
  assert.deepEqual(damaged.status, { state: 'new', file: path.join(cache, name), why: 'rejected' });
  assert.match(damaged.described ?? '', /rejected by V8/);
  assert.equal(run(file, cache).status.state, 'loaded');
});

test('no cache, and the code runs, when it is off or the folder is unfit', () => {
  const dir = mkdtempSync(path.join(tmp, 'unfit-'));
  const file = moduleFile(dir, 'x');
  const off = run(file, undefined);
  assert.deepEqual(off.ran, ['x:mod.js:object']);
  assert.deepEqual(off.status, { state: 'off', why: 'LEVERAGE_CODE_CACHE=0' });

  // A file where the folder should be.
  const notDir = path.join(dir, 'a-file');
  writeFileSync(notDir, '');
  const blocked = run(file, path.join(notDir, 'cache'));
  assert.deepEqual(blocked.ran, ['x:mod.js:object']);
  assert.equal(blocked.status.state, 'off');
  assert.match(blocked.described ?? '', /^code cache off: /);

  if (process.platform !== 'win32') {
    // Code read from a folder others can write would run in the server: refused.
    const shared = path.join(dir, 'shared');
    run(file, shared);
    chmodSync(shared, 0o777);
    const open = run(file, shared);
    assert.deepEqual(open.ran, ['x:mod.js:object']);
    assert.deepEqual(open.status, { state: 'off', why: `${shared} is writable by other users` });
  }

  // A folder that disappears before the save: nothing thrown.
  const gone = path.join(dir, 'gone');
  const quiet = path.join(dir, 'quiet.js');
  writeFileSync(quiet, 'module.exports = 1;\n');
  const r = runWithCodeCache(quiet, () => gone, require, RUNTIME);
  rmSync(gone, { recursive: true, force: true });
  assert.doesNotThrow(() => r.save());
});

test('an error of the code itself is not swallowed', () => {
  const dir = mkdtempSync(path.join(tmp, 'throws-'));
  const file = path.join(dir, 'mod.js');
  writeFileSync(file, 'throw new RangeError("from the module");\n');
  assert.throws(() => runWithCodeCache(file, () => path.join(dir, 'cache'), require, RUNTIME), RangeError);
});
