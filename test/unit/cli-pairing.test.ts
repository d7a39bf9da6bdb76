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

test('the JSON lists suppressed findings with their reasons (an audit trail), only where there are some', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-cli-suppressed-'));
  try {
    fs.writeFileSync(path.join(dir, 's.md'), '<!-- leverage-disable-next-line unconditional-concession -- agreed on the call of 3 May -->\nWe can agree to that.\n');
    fs.writeFileSync(path.join(dir, 'plain.md'), 'Thank you.\n');
    const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { files: { path: string; diagnostics: unknown[]; suppressed?: { rule: string; reason: string | null; range: { start: { line: number } } }[] }[] };
    const s = report.files.find((f) => f.path === 's.md')!;
    assert.deepEqual(s.diagnostics, []);
    assert.deepEqual(s.suppressed!.map((x) => [x.rule, x.reason, x.range.start.line]), [['unconditional-concession', 'agreed on the call of 3 May', 1]]);
    assert.equal('suppressed' in report.files.find((f) => f.path === 'plain.md')!, false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
