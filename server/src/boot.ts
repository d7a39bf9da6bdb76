// Entry point of the language server (`dist/server.js`): runs the server bundle,
// `dist/server-main.js`, through a V8 code cache (codeCache.ts) so that every start after the first
// skips most of the compiling. `LEVERAGE_CACHE_DIR` says where the cache goes (VS Code's client
// passes the extension's global storage); `LEVERAGE_CODE_CACHE=0` turns it off.

import * as os from 'node:os';
import * as path from 'node:path';
import { defaultCacheDir, runWithCodeCache } from './codeCache';

/** After this long the cache is saved even if the server is still running: by then it has
 *  answered initialize and analysed the first documents, whose functions the cache then holds. */
const SAVE_AFTER_MS = 5000;

const main = path.join(__dirname, 'server-main.js');
const dir = (): string | undefined => {
  if (process.env.LEVERAGE_CODE_CACHE === '0') return undefined;
  if (process.env.LEVERAGE_CACHE_DIR) return path.resolve(process.env.LEVERAGE_CACHE_DIR);
  return defaultCacheDir(process.env, process.platform, os.homedir());
};
const { save } = runWithCodeCache(main, dir, require);
process.once('exit', save);
setTimeout(save, SAVE_AFTER_MS).unref();
