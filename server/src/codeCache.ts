// Start-up through a V8 code cache. About half of the server's start-up is V8 compiling its 1 MB
// bundle: the top level on load, then each function the first time it runs (initialize, the first
// analysis). `dist/server.js` (boot.ts) therefore runs the bundle, `dist/server-main.js`, as a
// `vm.Script`, and once the server has done its first work it saves the script's code cache, which
// then holds every function compiled so far. The next start reads that cache instead of compiling.
//
// Node 22's own `module.enableCompileCache()` saves only what is compiled before the module runs,
// and Node 20 (VS Code before 1.101) has none; measured on the server, Node's cache took 20 ms off
// a 280 ms start-up and this one 75 ms (npm run bench).
//
// What V8 does not check, this file does:
// - V8 checks only the source's length: it runs a cache made for another text of the same length.
//   The file's name holds a checksum of the bundle's bytes and one of the runtime (Node version,
//   architecture, V8 flags, NODE_OPTIONS), so each bundle and runtime has its own file.
// - V8 (as Node builds it) checks the header of the data, not the rest: a damaged byte can crash
//   the process or run other bytecode. The file starts with a checksum of the data, checked first.
// The checksums are zlib's CRC-32 (Node 20.15 and later; without it, no cache). Hashing with
// node:crypto instead cost the server 6 MB of resident memory with a long draft open and 13 MB
// after typing in it, measured.
//
// The folder must be the user's own and no one else's to write (code in it runs in the server);
// files are written to a temporary name and renamed, so concurrent servers never read half a file.
// Nothing here may stop the server from starting: any failure runs the bundle without a cache,
// and the server's "ready" log line says why.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as zlib from 'node:zlib';

/** What happened, for the server's "ready" log line (`describeCodeCache`). */
export type CodeCacheStatus =
  | { state: 'loaded'; file: string; bytes: number }
  | { state: 'new'; file: string; why: 'none' | 'rejected' }
  | { state: 'off'; why: string };

/** Where to keep the cache, or why there is none. */
export type CacheFolder = { dir: string } | { off: string };

const STATUS = Symbol.for('leverage.codeCache');
/** The file: this tag, the CRC-32 of the data (little-endian), then V8's data. */
const MAGIC = Buffer.from('LVC1');
const HEADER = MAGIC.length + 4;
const DAY_MS = 24 * 3600 * 1000;
/** Files of other runtimes, and temporary files left by a killed writer, go after this long. */
const STALE_MS = 30 * DAY_MS;

/** The status left by boot.ts, or undefined when the bundle was started without it. */
export function codeCacheStatus(): CodeCacheStatus | undefined {
  return (globalThis as { [STATUS]?: CodeCacheStatus })[STATUS];
}

export function describeCodeCache(status: CodeCacheStatus | undefined): string | undefined {
  if (!status) return undefined;
  if (status.state === 'loaded') return `code cache loaded, ${Math.round(status.bytes / 1024)} KB`;
  if (status.state === 'new') return status.why === 'rejected' ? 'code cache rejected, a new one will be saved' : 'no code cache yet, one will be saved';
  return `code cache off: ${status.why}`;
}

/** The platform's per-user cache folder for the code cache; undefined without an absolute home
 *  (an empty HOME would otherwise put it in the working folder). */
export function defaultCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | undefined {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA && path.win32.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : path.win32.isAbsolute(home) ? path.win32.join(home, 'AppData', 'Local') : undefined;
    return local && path.win32.join(local, 'leverage', 'Cache', 'code-cache');
  }
  if (!path.posix.isAbsolute(home)) return undefined;
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Caches', 'leverage', 'code-cache');
  const xdg = env.XDG_CACHE_HOME && path.posix.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.posix.join(home, '.cache');
  return path.posix.join(xdg, 'leverage', 'code-cache');
}

export interface Runtime {
  version: string;
  arch: string;
  execArgv: readonly string[];
  /** NODE_OPTIONS, which may hold V8 flags too. */
  nodeOptions: string;
}

export function currentRuntime(): Runtime {
  return { version: process.version, arch: process.arch, execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS ?? '' };
}

const hex = (n: number) => n.toString(16).padStart(8, '0');

/** `<name>-<source checksum and length>-<runtime checksum>.bin`: one file per bundle text and
 *  runtime. Undefined where zlib has no crc32. */
export function cacheFileName(name: string, source: Buffer, runtime: Runtime): string | undefined {
  if (typeof zlib.crc32 !== 'function') return undefined;
  const rt = JSON.stringify([runtime.version, runtime.arch, runtime.execArgv, runtime.nodeOptions]);
  return `${name}-${hex(zlib.crc32(source))}${source.length.toString(16)}-${hex(zlib.crc32(rt))}.bin`;
}

/** V8's data from a cache file, or undefined when the file is not one or is damaged. */
export function unpackCache(file: Buffer): Buffer | undefined {
  if (file.length <= HEADER || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = file.subarray(HEADER);
  return zlib.crc32(data) === file.readUInt32LE(MAGIC.length) ? data : undefined;
}

export function packCache(data: Buffer): Buffer {
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header);
  header.writeUInt32LE(zlib.crc32(data), MAGIC.length);
  return Buffer.concat([header, data]);
}

/** Why a folder with this owner and mode must not hold code run by user `uid`, if it must not. */
export function folderProblem(dir: string, st: { uid: number; mode: number; isDirectory(): boolean }, uid: number): string | undefined {
  if (!st.isDirectory()) return `${dir} is not a folder`;
  if (st.uid !== uid) return `${dir} belongs to another user`;
  if (st.mode & 0o022) return `${dir} is writable by other users`;
  return undefined;
}

/** For root: the nearest existing folder at or above `dir`, when it belongs to another user.
 *  Root with another user's HOME (sudo keeps it on some systems) would leave them a folder of
 *  root's that they cannot remove. `owner` gives a path's owner, undefined when it does not exist. */
export function foreignFolderForRoot(dir: string, uid: number | undefined, owner: (p: string) => number | undefined): string | undefined {
  if (uid !== 0) return undefined;
  for (let p = dir; ; p = path.dirname(p)) {
    const o = owner(p);
    if (o !== undefined) return o === 0 ? undefined : p;
    if (path.dirname(p) === p) return undefined;
  }
}

/** Makes `dir` if needed; undefined when it is fit to hold code, else why not. Not checked on
 *  Windows, whose folders have no such mode bits. */
function privateDir(dir: string, uid: number | undefined): string | undefined {
  const foreign = foreignFolderForRoot(dir, uid, (p) => (fs.existsSync(p) ? fs.statSync(p).uid : undefined));
  if (foreign) return `${foreign} belongs to another user than root`;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (uid !== undefined) {
    const problem = folderProblem(dir, fs.statSync(dir), uid);
    if (problem) return problem;
  }
  fs.accessSync(dir, fs.constants.W_OK);
  return undefined;
}

/** Removes what is stale among `name`'s files: caches of other versions for the same runtime but
 *  the most recently used one (two versions in use at once, say during an update, would otherwise
 *  delete each other's on every start), and any other cache or temporary file of `name` unused
 *  for 30 days. Best effort. */
function tidy(dir: string, name: string, keep: string): void {
  const runtimePart = keep.slice(keep.lastIndexOf('-'));
  // <name>-<source>-<runtime>.bin and the temporary <that>.<pid>.tmp: nothing else is touched.
  const ours = (f: string) => f.startsWith(`${name}-`) && /^-[0-9a-f]+-[0-9a-f]{8}\.bin(?:\.\d+\.tmp)?$/.test(f.slice(name.length));
  const now = Date.now();
  const files = fs
    .readdirSync(dir)
    .filter((f) => f !== keep && ours(f))
    .map((f) => {
      try {
        return { file: path.join(dir, f), sameRuntime: f.endsWith(runtimePart), mtime: fs.statSync(path.join(dir, f)).mtimeMs };
      } catch {
        return undefined; // removed meanwhile by another server
      }
    })
    .filter((f) => f !== undefined)
    .sort((a, b) => b.mtime - a.mtime);
  let keptOther = false;
  for (const f of files) {
    const stale = now - f.mtime > STALE_MS;
    const keepOther = f.sameRuntime && !stale && !keptOther;
    if (keepOther) keptOther = true;
    else if (f.sameRuntime || stale) fs.rmSync(f.file, { force: true });
  }
}

/** Marks a loaded cache as used (at most once a day), so that tidying keeps it. Best effort. */
function touch(file: string): void {
  try {
    if (Date.now() - fs.statSync(file).mtimeMs > DAY_MS) fs.utimesSync(file, new Date(), new Date());
  } catch {
    // Only the tidying's notion of "unused" is at stake.
  }
}

/** The cache file for this bundle and runtime, and its data when it holds a good cache; or why
 *  there is none. Never throws. */
function openCache(
  folder: () => CacheFolder,
  name: string,
  bytes: Buffer,
  runtime: Runtime,
  uid: number | undefined,
): { status: CodeCacheStatus; cacheFile?: string; cached?: Buffer } {
  let dir: string | undefined;
  try {
    const where = folder();
    if ('off' in where) return { status: { state: 'off', why: where.off } };
    dir = where.dir;
    const fileName = cacheFileName(name, bytes, runtime);
    if (fileName === undefined) return { status: { state: 'off', why: `Node ${runtime.version} has no zlib.crc32 (Node 20.15 or later)` } };
    const unfit = privateDir(dir, uid);
    if (unfit !== undefined) return { status: { state: 'off', why: unfit } };
    const cacheFile = path.join(dir, fileName);
    let packed: Buffer | undefined;
    try {
      packed = fs.readFileSync(cacheFile);
    } catch {
      return { status: { state: 'new', file: cacheFile, why: 'none' }, cacheFile };
    }
    const cached = unpackCache(packed);
    return { status: { state: 'new', file: cacheFile, why: 'rejected' }, cacheFile, ...(cached ? { cached } : {}) };
  } catch (err) {
    return { status: { state: 'off', why: `${dir ?? 'cache folder'}: ${(err as NodeJS.ErrnoException).code ?? 'error'}` } };
  }
}

export interface CachedRun {
  status: CodeCacheStatus;
  /** Saves the cache now if the start did not load one; later calls do nothing. */
  save(): void;
}

/**
 * Runs the CommonJS file `file` (a bundle that requires only Node's built-in modules) through a
 * code cache kept in the folder `folder()` names. The file's own errors propagate; the cache's
 * never do. The cache is saved by `save()` (boot.ts calls it on a timer and at exit) and only
 * when none was loaded; saving tidies the folder. `uid` is the user the folder must belong to
 * (POSIX; a parameter so that tests can play root).
 */
export function runWithCodeCache(
  file: string,
  folder: () => CacheFolder,
  requireFn: NodeJS.Require,
  runtime: Runtime = currentRuntime(),
  uid: number | undefined = typeof process.getuid === 'function' ? process.getuid() : undefined,
): CachedRun {
  const bytes = fs.readFileSync(file);
  const source = bytes.toString('utf8');
  const name = path.basename(file, '.js');
  const opened = openCache(folder, name, bytes, runtime, uid);
  let status = opened.status;
  const { cacheFile, cached } = opened;
  // The wrapper on a line of its own, and lineOffset -1: stack traces give the bundle's own lines
  // and columns (the minified bundle is one line).
  const wrapped = `(function (exports, require, module, __filename, __dirname) {\n${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, lineOffset: -1, ...(cached ? { cachedData: cached } : {}) });
  if (cached && cacheFile && !script.cachedDataRejected) {
    status = { state: 'loaded', file: cacheFile, bytes: cached.length };
    touch(cacheFile);
  }
  (globalThis as { [STATUS]?: CodeCacheStatus })[STATUS] = status;

  let saved = status.state !== 'new';
  const save = () => {
    if (saved || !cacheFile) return;
    saved = true;
    try {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, packCache(script.createCachedData()), { mode: 0o600 });
      fs.renameSync(tmp, cacheFile);
      tidy(path.dirname(cacheFile), name, path.basename(cacheFile));
    } catch {
      // A cache that cannot be written is only a slower next start.
    }
  };

  const module = { exports: {} };
  const run = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: unknown, f: string, d: string) => void;
  run.call(module.exports, module.exports, requireFn, module, file, path.dirname(file));
  return { status, save };
}
