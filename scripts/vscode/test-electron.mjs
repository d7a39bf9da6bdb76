#!/usr/bin/env node
// `npm run test:electron`: the extension test suite (test/vscode/suite) in a VS Code desktop build
// downloaded by @vscode/test-electron, with the work tree as the development extension. This is
// the usual way to run extension tests on a developer's machine or a public CI. Where the VS Code
// download host cannot be reached (as on this project's CI) it fails at once with a clear message:
// run `npm run test:vscode` there, which runs the same suite in code-server with the .vsix.
// Environment: VSCODE_TEST_VERSION (default: stable), VSCODE_TEST_CACHE (download folder).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { buildSuite, makeWorkspace, root, writeUserSettings } from './suite.mjs';

const version = process.env.VSCODE_TEST_VERSION || 'stable';

function fail(message) {
  console.log(`test-electron: ${message}`);
  process.exit(1);
}

let vscodeExecutablePath;
try {
  // An idle timeout: a reachable host keeps sending; an unreachable one fails at once anyway.
  vscodeExecutablePath = await downloadAndUnzipVSCode({
    version,
    cachePath: process.env.VSCODE_TEST_CACHE || path.join(root, '.cache', 'vscode-test', 'electron'),
    timeout: 15_000,
  });
} catch (err) {
  fail(
    `could not download VS Code (${version}): ${err instanceof Error ? err.message : String(err)}\n` +
      'test-electron: this machine cannot reach the VS Code download host. Run `npm run test:vscode` instead: ' +
      'it runs the same suite inside code-server (from the npm registry) against the packaged .vsix.',
  );
}

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) fail('npm run build failed');

const dir = mkdtempSync(path.join(os.tmpdir(), 'leverage-electron-'));
let code = 1;
try {
  const suite = await buildSuite(path.join(dir, 'suite'));
  const workspace = makeWorkspace(path.join(dir, 'workspace'));
  const userData = path.join(dir, 'user-data');
  writeUserSettings(path.join(userData, 'User', 'settings.json'));

  code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    launchArgs: [
      workspace,
      '--disable-extensions', // other extensions; the development extension still loads
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${userData}`,
      `--extensions-dir=${path.join(dir, 'extensions')}`,
    ],
    extensionTestsEnv: { LEVERAGE_TEST_REPO: root },
  }).catch((err) => {
    console.error(`test-electron: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
// The suite itself printed a line per test ([leverage-suite] pass/fail …) and its totals.
console.log(code === 0 ? 'test-electron: the extension tests passed' : `test-electron: the extension tests failed (exit code ${code})`);
process.exit(code === 0 ? 0 : 1);
