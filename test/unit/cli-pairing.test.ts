// The CLI reads a draft with its negotiation notes (by the notes' draft: field, the same base name,
// or — for correspondence — the one set of notes in the folder), as the editor does.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const NOTES = ['negotiation: Acme', 'we: Supplier', 'draft: msa.md', 'batna: Extend the pilot', 'private:', '  walk_away: 95000', '  deadline: 2026-12-15', ''].join('\n');

test('leaked-position from the CLI, for the named draft and for a letter in the same folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-cli-pairing-'));
  try {
    fs.writeFileSync(path.join(dir, 'acme.negotiation.yaml'), NOTES);
    fs.writeFileSync(path.join(dir, 'msa.md'), 'Fees are payable within 30 days. We could stretch to 96,000.\n');
    fs.writeFileSync(path.join(dir, 'letter.txt'), 'We must sign by December 15.\n');
    const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { files: { path: string; diagnostics: { rule: string; range: { start: { character: number } } }[] }[] };
    const leaks = (file: string) => report.files.find((f) => f.path === file)!.diagnostics.filter((d) => d.rule === 'leaked-position');
    assert.deepEqual(leaks('msa.md').map((d) => d.range.start.character), [53]);
    assert.deepEqual(leaks('letter.txt').map((d) => d.range.start.character), [16]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
