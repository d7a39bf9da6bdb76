// The V8 code cache the server starts through (server/src/codeCache.ts): where it goes, when it is
// used, and that no state of the cache folder or file can stop the code from running or run other
// code. The modules run here are small files written by the test, each run in a fresh Node as each
// server start is; test/server/code-cache.test.ts runs the real server.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import {
  cacheFileName,
  currentRuntime,
  defaultCacheDir,
  folderProblem,
  foreignFolderForRoot,
  packCache,
  runWithCodeCache,
  unpackCache,
  type CacheFolder,
  type CodeCacheStatus,
} from '../../server/src/codeCache';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'leverage-code-cache-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const RUNTIME = currentRuntime();
/** The uid and gid tests run a child as when they run as root. */
const NOBODY = 65534;
const CODE_CACHE = path.resolve(__dirname, '../../server/src/codeCache.js');

/** A module that prints `word` (and proves it was given Node's require, its file name and a module),
 *  with enough functions that its cache has a body worth damaging. */
function moduleFile(dir: string, word: string): string {
  const file = path.join(dir, 'mod.js');
  const helpers = Array.from({ length: 40 }, (_, i) => `function h${i}(x) { return x.split("").reverse().join("") + ${i}; }`).join('\n');
  writeFileSync(
    file,
    `"use strict";\nconst p = require("node:path");\n${helpers}\nconst all = [${Array.from({ length: 40 }, (_, i) => `h${i}`).join(', ')}].map((h) => h("ab"));\n` +
      `process.stdout.write(${JSON.stringify(word)} + ":" + p.basename(__filename) + ":" + typeof module.exports + ":" + all.length + "\\n");\n`,
  );
  return file;
}

/** Runs `file` through the cache in a fresh Node: within one process V8 reuses what it compiled
 *  before and never reads a second cache. `save` calls save() after. */
function run(file: string, folder: CacheFolder, save = true, uid?: number): { status: CodeCacheStatus; ran: string[]; described: string | undefined } {
  const script = `
    const c = require(${JSON.stringify(CODE_CACHE)});
    const r = c.runWithCodeCache(${JSON.stringify(file)}, () => (${JSON.stringify(folder)}), require);
    if (${save}) r.save();
    process.stdout.write(JSON.stringify({ status: c.codeCacheStatus(), described: c.describeCodeCache(r.status), same: r.status === c.codeCacheStatus() }));`;
  const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', ...(uid !== undefined ? { uid, gid: uid } : {}) });
  const lines = out.split('\n');
  const result = JSON.parse(lines.pop()!);
  assert.ok(result.same, 'codeCacheStatus() is the status of the run');
  return { status: result.status, described: result.described, ran: lines };
}

const ran = (word: string) => [`${word}:mod.js:object:40`];

test('the cache folder is the platform’s per-user cache folder, and none without an absolute home', () => {
  assert.equal(defaultCacheDir({}, 'linux', '/home/a'), '/home/a/.cache/leverage/code-cache');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/a'), '/xdg/leverage/code-cache');
  // The XDG specification ignores a relative path.
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: 'rel' }, 'linux', '/home/a'), '/home/a/.cache/leverage/code-cache');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'darwin', '/Users/a'), '/Users/a/Library/Caches/leverage/code-cache');
  assert.equal(defaultCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32', 'C:\\Users\\a'), 'C:\\L\\leverage\\Cache\\code-cache');
  assert.equal(defaultCacheDir({}, 'win32', 'C:\\Users\\a'), 'C:\\Users\\a\\AppData\\Local\\leverage\\Cache\\code-cache');
  // An empty or relative HOME would put the cache in the working folder (a workspace).
  assert.equal(defaultCacheDir({}, 'linux', ''), undefined);
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', 'home'), undefined);
  assert.equal(defaultCacheDir({}, 'darwin', ''), undefined);
  assert.equal(defaultCacheDir({ LOCALAPPDATA: 'L' }, 'win32', ''), undefined);
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
  assert.notEqual(name('const x = "AAAA";', { ...RUNTIME, nodeOptions: '--max-semi-space-size=8' }), a);
});

test('a cache file carries a checksum of its data: any damage makes it unusable', () => {
  const data = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7) & 0xff));
  const packed = packCache(data);
  assert.deepEqual(unpackCache(packed), data);
  for (const at of [8, 9, 2000, packed.length - 1]) {
    const damaged = Buffer.from(packed);
    damaged[at] ^= 0x10;
    assert.equal(unpackCache(damaged), undefined, `a byte flipped at ${at}`);
  }
  assert.equal(unpackCache(packed.subarray(0, packed.length - 1)), undefined, 'truncated');
  assert.equal(unpackCache(Buffer.alloc(0)), undefined, 'empty');
  assert.equal(unpackCache(data), undefined, 'V8 data without the header');
});

test('a folder holds code only when it is the user’s own and no one else can write to it', () => {
  const st = (uid: number, mode: number, dir = true) => ({ uid, mode, isDirectory: () => dir });
  assert.equal(folderProblem('/c', st(500, 0o40700), 500), undefined);
  assert.equal(folderProblem('/c', st(500, 0o40755), 500), undefined);
  assert.equal(folderProblem('/c', st(501, 0o40700), 500), '/c belongs to another user');
  assert.equal(folderProblem('/c', st(500, 0o40775), 500), '/c is writable by other users');
  assert.equal(folderProblem('/c', st(500, 0o40702), 500), '/c is writable by other users');
  assert.equal(folderProblem('/c', st(500, 0o100600, false), 500), '/c is not a folder');
  // Root must not make folders in another user's home (sudo with their HOME).
  const owners = new Map([['/', 0], ['/home', 0], ['/home/alice', 1000], ['/home/alice/.cache', 1000], ['/root', 0]]);
  const owner = (p: string) => owners.get(p);
  assert.equal(foreignFolderForRoot('/home/alice/.cache/leverage/code-cache', 0, owner), '/home/alice/.cache');
  assert.equal(foreignFolderForRoot('/root/.cache/leverage/code-cache', 0, owner), undefined);
  assert.equal(foreignFolderForRoot('/home/alice/.cache/leverage/code-cache', 1000, owner), undefined, 'only for root');
});

test('a first run saves a private cache that the next run loads, and the code runs both times', () => {
  const dir = mkdtempSync(path.join(tmp, 'first-'));
  const cache = path.join(dir, 'cache');
  const file = moduleFile(dir, 'one');
  const first = run(file, { dir: cache }, false);
  assert.deepEqual(first.ran, ran('one'));
  assert.equal(first.status.state, 'new');
  assert.equal(first.described, 'no code cache yet, one will be saved');
  assert.deepEqual(readdirSync(cache), [], 'nothing is written without save()');
  run(file, { dir: cache });
  const [saved] = readdirSync(cache);
  assert.ok(saved, 'save() wrote a cache');
  assert.ok(unpackCache(readFileSync(path.join(cache, saved))), 'with its checksum');
  assert.equal(statSync(cache).mode & 0o777, 0o700);
  assert.equal(statSync(path.join(cache, saved)).mode & 0o777, 0o600);
  const before = statSync(path.join(cache, saved)).mtimeMs;
  const second = run(file, { dir: cache });
  assert.deepEqual(second.ran, ran('one'));
  assert.equal(second.status.state, 'loaded');
  assert.match(second.described ?? '', /^code cache loaded, \d+ KB$/);
  assert.deepEqual(readdirSync(cache), [saved]);
  assert.equal(statSync(path.join(cache, saved)).mtimeMs, before, 'a loaded cache is not written again');
});

test('V8 would run a cache made for another source of the same length; the file name keeps them apart', () => {
  const dir = mkdtempSync(path.join(tmp, 'same-length-'));
  const cache = path.join(dir, 'cache');
  const file = moduleFile(dir, 'AAAA');
  run(file, { dir: cache });
  const [old] = readdirSync(cache);
  moduleFile(dir, 'BBBB');
  const b = run(file, { dir: cache });
  assert.deepEqual(b.ran, ran('BBBB'));
  assert.equal(b.status.state, 'new');
  assert.equal(readdirSync(cache).length, 2, 'a cache of its own');
  const second = run(file, { dir: cache });
  assert.deepEqual(second.ran, ran('BBBB'));
  assert.equal(second.status.state, 'loaded');
  assert.notEqual(second.status.state === 'loaded' && path.basename(second.status.file), old);
});

test('a damaged cache is rejected before V8 reads it, the code runs, and a good cache replaces it', () => {
  const dir = mkdtempSync(path.join(tmp, 'damaged-'));
  const cache = path.join(dir, 'cache');
  const file = moduleFile(dir, 'ok');
  run(file, { dir: cache });
  const [name] = readdirSync(cache);
  const good = readFileSync(path.join(cache, name));
  const damages: [string, Buffer][] = [
    ['a byte in the middle of the data', Buffer.from(good).fill(good[good.length >> 1]! ^ 0xff, good.length >> 1, (good.length >> 1) + 1)],
    ['16 bytes of the data', Buffer.from(good).fill(0xa5, good.length - 40, good.length - 24)],
    ['not a cache at all', Buffer.alloc(4096, 7)],
    ['cut short', good.subarray(0, good.length >> 1)],
  ];
  for (const [what, bytes] of damages) {
    writeFileSync(path.join(cache, name), bytes);
    const damaged = run(file, { dir: cache });
    assert.deepEqual(damaged.ran, ran('ok'), what);
    assert.deepEqual(damaged.status, { state: 'new', file: path.join(cache, name), why: 'rejected' }, what);
    assert.equal(damaged.described, 'code cache rejected, a new one will be saved');
    assert.equal(run(file, { dir: cache }).status.state, 'loaded', `${what}: replaced by a good cache`);
  }
});

test('saving tidies: of other versions for this runtime it keeps the last used, of anything else what was used in 30 days', () => {
  const dir = mkdtempSync(path.join(tmp, 'tidy-'));
  const cache = path.join(dir, 'cache');
  const file = moduleFile(dir, 'v1');
  run(file, { dir: cache });
  const [v1] = readdirSync(cache);
  const runtimePart = v1!.slice(v1!.lastIndexOf('-')); // as the child process computed it
  const daysAgo = (days: number) => Date.now() / 1000 - days * 24 * 3600;
  const put = (name: string, days = 0) => {
    writeFileSync(path.join(cache, name), 'x');
    utimesSync(path.join(cache, name), daysAgo(days), daysAgo(days));
  };
  put(`mod-0000000011${runtimePart}`, 2); // another version, this runtime, used before v1
  put(`mod-0000000012${runtimePart}`, 40); // another version, this runtime, unused for 40 days
  put('mod-0000000022-00000000.bin'); // another runtime, recent
  put('mod-0000000033-11111111.bin', 31); // another runtime, old
  put(`mod-0000000044${runtimePart}.999.tmp`, 31); // left by a killed writer
  put(`mod-0000000055${runtimePart}.998.tmp`); // being written by another server
  put('other-0000000066-11111111.bin', 31); // not this file's
  put('mod-notes.bin', 31); // not a name the cache gives
  const saveVersion = (word: string) => {
    const before = new Set(readdirSync(cache));
    moduleFile(dir, word);
    run(file, { dir: cache });
    const made = readdirSync(cache).filter((f) => !before.has(f));
    assert.equal(made.length, 1, `${word} was saved`);
    return made[0]!;
  };
  const v2 = saveVersion('v2');
  const untouched = ['mod-0000000022-00000000.bin', `mod-0000000055${runtimePart}.998.tmp`, 'other-0000000066-11111111.bin', 'mod-notes.bin'];
  assert.deepEqual(readdirSync(cache).sort(), [v2, v1!, ...untouched].sort(), 'v1 is kept: the last used other version');
  const v3 = saveVersion('v3');
  assert.deepEqual(readdirSync(cache).sort(), [v3, v2, ...untouched].sort());
});

test('loading a cache marks it used, so that tidying keeps it', () => {
  const dir = mkdtempSync(path.join(tmp, 'touch-'));
  const cache = path.join(dir, 'cache');
  const file = moduleFile(dir, 't');
  run(file, { dir: cache });
  const [name] = readdirSync(cache);
  const old = Date.now() / 1000 - 31 * 24 * 3600;
  utimesSync(path.join(cache, name!), old, old);
  assert.equal(run(file, { dir: cache }).status.state, 'loaded');
  assert.ok(Date.now() - statSync(path.join(cache, name!)).mtimeMs < 60_000, 'its date is today');
});

test('a folder the server may not write to: no cache, and no promise of one', () => {
  // Another user's view of a folder of theirs with no write permission (root writes anywhere).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leverage-code-cache-readonly-'));
  try {
    chmodSync(dir, 0o755);
    const file = moduleFile(dir, 'r');
    const cache = path.join(dir, 'cache');
    mkdirSync(cache, { mode: 0o500 });
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(cache, NOBODY, NOBODY);
    const r = run(file, { dir: cache }, true, asRoot ? NOBODY : undefined);
    assert.deepEqual(r.ran, ran('r'));
    assert.deepEqual(r.status, { state: 'off', why: `${cache}: EACCES` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('as root, no folder is made inside another user’s folder', () => {
  const dir = mkdtempSync(path.join(tmp, 'root-'));
  const theirs = path.join(dir, 'home');
  mkdirSync(theirs);
  // Someone else's folder: nobody's when the tests run as root, else the tester's own (not root's).
  if (process.getuid?.() === 0) chownSync(theirs, NOBODY, NOBODY);
  const quiet = path.join(dir, 'quiet.js');
  writeFileSync(quiet, 'module.exports = 1;\n');
  const r = runWithCodeCache(quiet, () => ({ dir: path.join(theirs, '.cache', 'code-cache') }), require, RUNTIME, 0);
  assert.deepEqual(r.status, { state: 'off', why: `${theirs} belongs to another user than root` });
  assert.deepEqual(readdirSync(theirs), [], 'nothing made there');
});

test('no cache, and the code runs, when it is off or the folder is unfit', () => {
  const dir = mkdtempSync(path.join(tmp, 'unfit-'));
  const file = moduleFile(dir, 'x');
  const off = run(file, { off: 'LEVERAGE_CODE_CACHE=0' });
  assert.deepEqual(off.ran, ran('x'));
  assert.deepEqual(off.status, { state: 'off', why: 'LEVERAGE_CODE_CACHE=0' });
  assert.equal(off.described, 'code cache off: LEVERAGE_CODE_CACHE=0');

  // A file where the folder should be.
  const notDir = path.join(dir, 'a-file');
  writeFileSync(notDir, '');
  const blocked = run(file, { dir: path.join(notDir, 'cache') });
  assert.deepEqual(blocked.ran, ran('x'));
  assert.equal(blocked.status.state, 'off');
  assert.match(blocked.described ?? '', /^code cache off: .*ENOTDIR/);

  // Code read from a folder others can write would run in the server: refused.
  const shared = path.join(dir, 'shared');
  run(file, { dir: shared });
  chmodSync(shared, 0o777);
  const open = run(file, { dir: shared });
  assert.deepEqual(open.ran, ran('x'));
  assert.deepEqual(open.status, { state: 'off', why: `${shared} is writable by other users` });

  // A folder that disappears before the save: nothing thrown.
  const gone = path.join(dir, 'gone');
  const quiet = path.join(dir, 'quiet.js');
  writeFileSync(quiet, 'module.exports = 1;\n');
  const r = runWithCodeCache(quiet, () => ({ dir: gone }), require, RUNTIME);
  rmSync(gone, { recursive: true, force: true });
  assert.doesNotThrow(() => r.save());
});

test('an error of the code itself is not swallowed, and its stack gives the file’s own lines and columns', () => {
  const dir = mkdtempSync(path.join(tmp, 'throws-'));
  const file = path.join(dir, 'mod.js');
  // On line 1, as in the minified bundle, which is one line.
  writeFileSync(file, '"use strict"; throw new RangeError("from the module");\n');
  assert.throws(
    () => runWithCodeCache(file, () => ({ dir: path.join(dir, 'cache') }), require, RUNTIME),
    (err: Error) => err instanceof RangeError && err.stack!.includes(`${file}:1:21`),
  );
});
