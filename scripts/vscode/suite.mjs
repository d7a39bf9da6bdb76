// Shared by `npm run test:vscode` and `npm run test:electron`: bundles the extension test suite
// (test/vscode/suite, mocha included) into one CommonJS file outside the extension, and lays out
// a fresh workspace of sample files for it.

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bundles test/vscode/suite/index.ts to `<outDir>/index.js`; `vscode` stays external (the extension host provides it). */
export async function buildSuite(outDir) {
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'index.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'test', 'vscode', 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'error',
    // Mocha's optional browser and ESM loaders are never reached in the extension host.
    logOverride: { 'require-resolve-not-external': 'silent', 'unsupported-dynamic-import': 'silent' },
  });
  return outfile;
}

/** The samples a test run works on; every run gets fresh copies, so tests may edit them. */
export const SAMPLES = [
  ['examples/northwind-msa/letter-to-harbor.md', 'letter-to-harbor.md'],
  ['examples/northwind-msa/master-services-agreement.md', 'master-services-agreement.md'],
  ['examples/northwind-msa/master-services-agreement.negotiation.yaml', 'master-services-agreement.negotiation.yaml'],
  ['test/vscode/fixtures/reply.md', 'reply.md'],
  ['test/vscode/fixtures/harbor-renewal.md', 'harbor-renewal.md'],
  ['test/vscode/fixtures/harbor-renewal.negotiation.yaml', 'harbor-renewal.negotiation.yaml'],
];

export function makeWorkspace(dir) {
  mkdirSync(dir, { recursive: true });
  for (const [from, to] of SAMPLES) copyFileSync(path.join(root, from), path.join(dir, to));
  return dir;
}

/**
 * User settings for a clean, quiet, offline workbench: no welcome page, no trust prompt, no AI
 * features (their code actions would mix with ours), nothing that reaches the network.
 */
export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'editor.minimap.enabled': false,
};

export function writeUserSettings(file) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(USER_SETTINGS, null, 2) + '\n');
}
