// Start-up through a V8 code cache. About half of the server's start-up is V8 compiling its 1 MB
// bundle: the top level on load, then each function the first time it runs (initialize, the first
// analysis). `dist/server.js` (boot.ts) therefore runs the bundle, `dist/server-main.js`, as a
// `vm.Script`, and once the server has done its first work it saves the script's code cache, which
// then holds every function compiled so far. The next start reads that cache instead of compiling.
//
// Node 22's own `module.enableCompileCache()` saves only what is compiled before the module runs,
// and Node 20 (VS Code 1.91 to 1.100, the supported range's start) has none; measured on the
// server, Node's cache took 20 ms off a 280 ms start-up and this one 75 ms (npm run bench).
//
// The cache is a private file per bundle and runtime: its name holds a checksum of the bundle's
// whole text and one of the Node version, architecture and V8 flags, because V8 itself checks only
// the source's length (it runs a cache made for another text of the same length). The checksum is
// zlib's CRC-32 (Node 20.15 and later; without it, no cache): hashing with node:crypto costs the
// server 6 MB of resident memory with a long draft open and 13 MB after typing in it, measured.
// It lives in a directory only its owner can write (code in it runs in the server), written to a
// temporary file and renamed, so concurrent servers never read half a file. Nothing here may stop
// the server from starting: any failure runs the bundle without a cache and says why.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as zlib from 'node:zlib';

/** What happened, for the server's "ready" log line (`describeCodeCache`). */
export type CodeCacheStatus =
  | { state: 'loaded'; file: string; bytes: number }
  | { state: 'new'; file: string; why: 'none' | 'rejected' }
  | { state: 'off'; why: string };

const STATUS = Symbol.for('leverage.codeCache');

/** The status left by boot.ts, or undefined when the bundle was started without it. */
export function codeCacheStatus(): CodeCacheStatus | undefined {
  return (globalThis as { [STATUS]?: CodeCacheStatus })[STATUS];
}

export function describeCodeCache(status: CodeCacheStatus | undefined): string | undefined {
  if (!status) return undefined;
  if (status.state === 'loaded') return `code cache loaded, ${Math.round(status.bytes / 1024)} KB`;
  if (status.state === 'new') return status.why === 'rejected' ? 'code cache rejected by V8, a new one will be saved' : 'no code cache yet, one will be saved';
  return `code cache off: ${status.why}`;
}

/** Where caches go when `LEVERAGE_CACHE_DIR` does not say: the platform's per-user cache folder. */
export function defaultCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'leverage', 'Cache', 'code-cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'leverage', 'code-cache');
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache');
  return path.join(xdg, 'leverage', 'code-cache');
}

export interface Runtime {
  version: string;
  arch: string;
  execArgv: readonly string[];
}

/** `<name>-<source checksum and length>-<runtime checksum>.bin`: one file per bundle text and
 *  runtime. Undefined where zlib has no crc32. */
export function cacheFileName(name: string, source: Buffer, runtime: Runtime): string | undefined {
  if (typeof zlib.crc32 !== 'function') return undefined;
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return `${name}-${hex(zlib.crc32(source))}${source.length.toString(16)}-${hex(zlib.crc32(JSON.stringify([runtime.version, runtime.arch, runtime.execArgv])))}.bin`;
}

/** Makes `dir` if needed; undefined when it is fit to hold code, else why not. */
function privateDir(dir: string): string | undefined {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return undefined;
  const st = fs.statSync(dir);
  if (!st.isDirectory()) return `${dir} is not a directory`;
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return `${dir} belongs to another user`;
  if (st.mode & 0o022) return `${dir} is writable by other users`;
  return undefined;
}

export interface CachedRun {
  status: CodeCacheStatus;
  /** Saves the cache now if the start did not load one; later calls do nothing. */
  save(): void;
}

/**
 * Runs the CommonJS file `file` (a bundle that requires only Node's built-in modules) through a
 * code cache kept in the folder `cacheDir()` names (undefined: none). The file's own errors
 * propagate; the cache's never do. The cache is saved by `save()` (boot.ts calls it on a timer
 * and at exit) and only when none was loaded, replacing the caches of other versions of the file
 * for the same runtime.
 */
export function runWithCodeCache(file: string, cacheDir: () => string | undefined, requireFn: NodeJS.Require, runtime: Runtime = { version: process.version, arch: process.arch, execArgv: process.execArgv }): CachedRun {
  const bytes = fs.readFileSync(file);
  const source = bytes.toString('utf8');
  const name = path.basename(file, '.js');
  let status: CodeCacheStatus;
  let cacheFile: string | undefined;
  let cached: Buffer | undefined;
  let dir: string | undefined;
  try {
    dir = cacheDir();
    if (dir === undefined) status = { state: 'off', why: 'LEVERAGE_CODE_CACHE=0' };
    else {
      const fileName = cacheFileName(name, bytes, runtime);
      const unfit = fileName === undefined ? `Node ${runtime.version} has no zlib.crc32 (Node 20.15 or later)` : privateDir(dir);
      if (unfit !== undefined || fileName === undefined) status = { state: 'off', why: unfit ?? '' };
      else {
        cacheFile = path.join(dir, fileName);
        try {
          cached = fs.readFileSync(cacheFile);
        } catch {
          cached = undefined;
        }
        status = { state: 'new', file: cacheFile, why: 'none' };
      }
    }
  } catch (err) {
    status = { state: 'off', why: `${dir ?? 'cache folder'}: ${(err as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  if (cached && cacheFile) status = script.cachedDataRejected ? { state: 'new', file: cacheFile, why: 'rejected' } : { state: 'loaded', file: cacheFile, bytes: cached.length };
  (globalThis as { [STATUS]?: CodeCacheStatus })[STATUS] = status;

  let saved = status.state !== 'new';
  const save = () => {
    if (saved || !cacheFile) return;
    saved = true;
    try {
      const data = script.createCachedData();
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, data, { mode: 0o600 });
      fs.renameSync(tmp, cacheFile);
      const runtimePart = cacheFile.slice(cacheFile.lastIndexOf('-'));
      for (const other of fs.readdirSync(path.dirname(cacheFile))) {
        if (other.startsWith(`${name}-`) && other.endsWith(runtimePart) && other !== path.basename(cacheFile)) fs.rmSync(path.join(path.dirname(cacheFile), other), { force: true });
      }
    } catch {
      // A cache that cannot be written is only a slower next start.
    }
  };

  const module = { exports: {} };
  const run = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: unknown, f: string, d: string) => void;
  run.call(module.exports, module.exports, requireFn, module, file, path.dirname(file));
  return { status, save };
}
