// `leverage summary`, run as the built bundle (dist/cli.js) in a child process, as a person or a
// script would. Build first: `npm run build && npx tsc -p .`.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { definedTerms } from '../../server/src/core/summary/scaffold';
import { summarize } from '../../server/src/core/summary/summarize';
import type { NegotiationSummary } from '../../server/src/core/summary/types';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const EXAMPLE = path.join(ROOT, 'examples', 'northwind-msa');
const PARAGRAPH =
  'We have already aligned on the payment terms. The remaining points are the go-live, the reference, the service credits, the initial term, the cap for data protection claims and the fees.';

let tmp: string;
/** The Northwind example in a folder whose name has a space and an emoji. */
let deal: string;
before(() => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-cli-summary-'));
  deal = path.join(tmp, 'deal 😀');
  fs.mkdirSync(deal);
  for (const f of fs.readdirSync(EXAMPLE)) fs.copyFileSync(path.join(EXAMPLE, f), path.join(deal, f));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], cwd = tmp): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: undefined }, timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('leverage summary', () => {
  test('--format json is the summary of the notes and the draft, with paths relative to the working folder', () => {
    const r = cli(['summary', '--format', 'json', 'deal 😀/master-services-agreement.md']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const printed = JSON.parse(r.stdout) as NegotiationSummary;
    const notesText = fs.readFileSync(path.join(deal, 'master-services-agreement.negotiation.yaml'), 'utf8');
    const draftText = fs.readFileSync(path.join(deal, 'master-services-agreement.md'), 'utf8');
    const expected = summarize({
      notesText,
      notesFindings: analyze(notesText, 'notes').findings,
      draftFindings: analyze(draftText, 'markdown', {}, undefined, { notes: notesText }).findings,
      notes: 'deal 😀/master-services-agreement.negotiation.yaml',
      draft: 'deal 😀/master-services-agreement.md',
      definedTerms: definedTerms(draftText),
    });
    assert.deepEqual(printed, expected);
    assert.equal(printed.progress, PARAGRAPH);
  });

  test('from the notes, the same summary as from their draft', () => {
    const fromDraft = JSON.parse(cli(['summary', '--format=json', 'deal 😀/master-services-agreement.md']).stdout);
    const r = cli(['summary', '--format=json', 'master-services-agreement.negotiation.yaml'], deal);
    assert.equal(r.status, 0, r.stderr);
    const fromNotes = JSON.parse(r.stdout);
    assert.equal(fromNotes.draft, 'master-services-agreement.md');
    assert.deepEqual({ ...fromNotes, notes: undefined, draft: undefined }, { ...fromDraft, notes: undefined, draft: undefined });
  });

  test('text: a readable summary that ends with the progress paragraph', () => {
    const r = cli(['summary', 'deal 😀/master-services-agreement.negotiation.yaml']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'Northwind / Harbor Logistics master services agreement');
    assert.ok(lines.includes('Draft: deal 😀/master-services-agreement.md'), r.stdout);
    assert.ok(lines.includes('Ledger: 2 given, 1 received, 1 with nothing in return'), r.stdout);
    assert.ok(lines.includes('Benchmarks: 6 of 7 positions; missing: liability-cap'), r.stdout);
    assert.ok(lines.some((l) => l.startsWith('BATNA: Renew the Crestline Freight platform contract')), 'the BATNA is shown: the summary is private');
    assert.deepEqual(lines.slice(-2), ['Progress paragraph, for the other side:', `  ${PARAGRAPH}`]);
    assert.ok(!/\x1b\[/.test(r.stdout), 'no colour codes');
  });

  test('markdown: headings, an issue table, and the paragraph as a quote', () => {
    const r = cli(['summary', '--format', 'markdown', 'deal 😀/master-services-agreement.md']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# Northwind \/ Harbor Logistics master services agreement\n/);
    assert.match(r.stdout, /\n\| Cap for data protection claims \| legal \| must-have \| medium \| open \| Data protection claims capped at 24 months of fees \| \*\*missing\*\* \| 0 \| 0 \|\n/);
    assert.match(r.stdout, /\n## Plan\n\n1\. go-live \(low resistance\)\n/);
    assert.ok(r.stdout.endsWith(`## Progress paragraph\n\n> ${PARAGRAPH}\n`), r.stdout);
  });

  test('--config: the playbook decides which findings count', () => {
    fs.writeFileSync(path.join(deal, 'quiet.yaml'), 'rules:\n  unconditional-concession: off\n  negotiating-against-yourself: information\n');
    const r = cli(['summary', '--format', 'json', '--config', 'quiet.yaml', 'master-services-agreement.md'], deal);
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout) as NegotiationSummary;
    assert.deepEqual(s.findings, [
      { rule: 'unbenchmarked-demand', severity: 'warning', count: 2 },
      { rule: 'negotiating-against-yourself', severity: 'information', count: 1 },
    ]);
  });

  test('a draft with no paired notes: status 2 and one line saying so, nothing on stdout', () => {
    // A letter in the negotiation's folder is read with its one set of notes (pairing.ts).
    const letter = cli(['summary', '--format', 'json', 'deal 😀/letter-to-harbor.md']);
    assert.equal(letter.status, 0, letter.stderr);
    assert.equal(JSON.parse(letter.stdout).notes, 'deal 😀/master-services-agreement.negotiation.yaml');
    fs.mkdirSync(path.join(tmp, 'alone'));
    fs.writeFileSync(path.join(tmp, 'alone', 'draft.md'), 'We can agree to that.\r\n');
    const alone = cli(['summary', 'alone/draft.md']);
    assert.equal(alone.status, 2);
    assert.equal(alone.stdout, '');
    assert.deepEqual(alone.stderr.trimEnd().split('\n'), [
      "leverage: alone/draft.md: no negotiation notes are paired with this draft (create draft.negotiation.yaml beside it, or name it in the notes' draft: field)",
    ]);
  });

  test('bad usage and unreadable files: status 2 with a one-line reason', () => {
    fs.writeFileSync(path.join(tmp, 'data.json'), '{}');
    const cases: [string[], RegExp][] = [
      [['summary'], /^leverage: missing NOTES_OR_DRAFT/],
      [['summary', '--format', 'sarif', 'x.md'], /^leverage: --format must be one of text, json, markdown, not "sarif"/],
      [['summary', '--max-warnings', '3', 'x.md'], /^leverage: unknown option "--max-warnings" for `summary`/],
      [['summary', 'a.md', 'b.md'], /^leverage: `summary` takes one file, not 2/],
      [['summary', 'missing.negotiation.yaml'], /^leverage: missing\.negotiation\.yaml: no such file or folder\n$/],
      [['summary', 'alone'], /^leverage: alone: is a folder/],
      [['summary', 'data.json'], /^leverage: data\.json: unsupported file type/],
      [['summary', '--config', 'nope.yaml', 'alone/draft.md'], /^leverage: nope\.yaml: cannot read the playbook/],
    ];
    for (const [args, reason] of cases) {
      const r = cli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.match(r.stderr, reason, args.join(' '));
    }
  });

  test('notes that are not valid YAML still give a summary, with the schema error counted', () => {
    fs.writeFileSync(path.join(tmp, 'broken.negotiation.yaml'), 'negotiation: Broken\nissues: [\n');
    const r = cli(['summary', '--format', 'json', 'broken.negotiation.yaml']);
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout) as NegotiationSummary;
    assert.deepEqual(s.findings, [{ rule: 'notes-schema', severity: 'error', count: 1 }]);
    assert.equal(s.draft, undefined);
  });

  test('--help describes the summary command', () => {
    const r = cli(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /leverage summary \[--format text\|json\|markdown\] \[--config FILE\] NOTES_OR_DRAFT/);
  });
});
