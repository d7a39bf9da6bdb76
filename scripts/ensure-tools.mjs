#!/usr/bin/env node
// Makes sure the tools the test suite drives exist before `npm test` spends time building.
// Today that is Neovim, the second, independent LSP client used by `npm run test:nvim`.
// Present: returns at once. Missing and running as root (CI, containers): installs it with apt.
// Missing otherwise: fails with the exact command to run, rather than guessing at sudo.

import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const APT_INSTALL = ['apt-get', 'install', '-y', '--no-install-recommends', 'neovim'];

/** The absolute path of an executable on PATH, or undefined. No process is spawned. */
function which(name) {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

function run(cmd, args) {
  console.log(`ensure-tools: $ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} exited with status ${r.status ?? r.signal}`);
}

function fail(lines) {
  for (const line of lines) console.error(`ensure-tools: ${line}`);
  process.exit(1);
}

function ensureNeovim() {
  if (which('nvim')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = Boolean(which('apt-get'));
  if (isRoot && hasApt) {
    console.log('ensure-tools: nvim is not on PATH; installing Debian\'s neovim package (needed by npm run test:nvim).');
    try {
      run('apt-get', ['update']);
      run(APT_INSTALL[0], APT_INSTALL.slice(1));
    } catch (err) {
      fail([`installing neovim failed: ${err instanceof Error ? err.message : String(err)}`]);
    }
    if (!which('nvim')) fail(['apt-get reported success but nvim is still not on PATH.']);
    console.log(`ensure-tools: installed ${which('nvim')}`);
    return;
  }
  fail([
    'nvim (Neovim 0.7 or later) is required by `npm run test:nvim` and is not on PATH.',
    hasApt
      ? 'Install it with: sudo apt-get update && sudo apt-get install -y --no-install-recommends neovim'
      : 'Install Neovim 0.7 or later with your package manager (for example: brew install neovim), then run npm test again.',
  ]);
}

ensureNeovim();
