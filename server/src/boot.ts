// Entry point of the language server (`dist/server.js`): runs the server bundle,
// `dist/server-main.js`, through a V8 code cache (codeCache.ts) so that every start after the first
// skips most of the compiling. `LEVERAGE_CACHE_DIR` says where the cache goes (VS Code's client
// passes the extension's global storage); `LEVERAGE_CODE_CACHE=0` turns it off.

import * as os from 'node:os';
import * as path from 'node:path';
import { defaultCacheDir, runWithCodeCache, type CacheFolder } from './codeCache';

/** After this long the cache is saved even if the server is still running: by then it has
 *  answered initialize and analysed the first documents, whose functions the cache then holds. */
const SAVE_AFTER_MS = 5000;

const folder = (): CacheFolder => {
  if (process.env.LEVERAGE_CODE_CACHE === '0') return { off: 'LEVERAGE_CODE_CACHE=0' };
  if (process.env.LEVERAGE_CACHE_DIR) return { dir: path.resolve(process.env.LEVERAGE_CACHE_DIR) };
  const dir = defaultCacheDir(process.env, process.platform, os.homedir());
  return dir ? { dir } : { off: 'no absolute home folder to keep it in; set LEVERAGE_CACHE_DIR' };
};
const { save } = runWithCodeCache(path.join(__dirname, 'server-main.js'), folder, require);
process.once('exit', save);
setTimeout(save, SAVE_AFTER_MS).unref();
