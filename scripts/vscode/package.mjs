#!/usr/bin/env node
// `npm run package`: builds the .vsix with @vscode/vsce, offline. vsce runs `vscode:prepublish`
// (the minified build) first and packs only what .vscodeignore allows. Prints the file and its size.
// Usage: node scripts/vscode/package.mjs [--out FILE]   (default: leverage-<version>.vsix in the repo)

import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function defaultVsixPath() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return path.join(root, `${pkg.name}-${pkg.version}.vsix`);
}

export function formatSize(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * Packages the extension to `out`; resolves with its size in bytes. `quiet` keeps vsce's file
 * listing out of our output (it is returned with the error on failure).
 * `start` lets the harness run vsce as a tracked process group.
 */
export async function packageVsix({ out = defaultVsixPath(), quiet = false, start } = {}) {
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = [vsce, 'package', '--no-dependencies', '--out', out];
  let output = '';
  let code;
  if (start) {
    const child = start(process.execPath, args, { label: 'vsce', cwd: root, echo: !quiet });
    ({ code } = await child.exited);
    output = child.output();
  } else {
    const child = spawn(process.execPath, args, { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    child.stdout?.on('data', (c) => (output += c));
    child.stderr?.on('data', (c) => (output += c));
    code = await new Promise((resolve) => child.on('close', resolve));
  }
  if (code !== 0) throw new Error(`vsce package failed with status ${code}${output ? `:\n${output}` : ''}`);
  return statSync(out).size;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--out');
  const out = i > 0 ? path.resolve(process.argv[i + 1]) : defaultVsixPath();
  try {
    const size = await packageVsix({ out });
    console.log(`package: ${path.relative(process.cwd(), out) || out} is ${formatSize(size)} (${size} bytes)`);
  } catch (err) {
    console.error(`package: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
