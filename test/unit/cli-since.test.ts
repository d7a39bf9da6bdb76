// `leverage check --since REF`, run as the built bundle (dist/cli.js) against Git repositories
// built here in a temporary folder: commit a first round, edit it, check only what changed. Build
// first: `npm run build && npx tsc -p .`.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { git } from '../support/git';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

const OLD = 'We can agree to that.';
const NEW = 'We accept your 🙂 “termination” wording in § 9.';
const V1 = `Dear Ms Díaz,\r\n\r\n${OLD}\r\n\r\nWe propose Net-30 payment terms, consistent with market practice.\r\n`;
const V2 = `${V1}\r\n${NEW}\r\n`;

let tmp: string;
before(() => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-since-')));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));


/** A repository with `files` committed as round 1 and tagged `v1-sent`, then `edits` written over it. */
function repo(name: string, files: Record<string, string>, edits: Record<string, string> = {}): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  write(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Round 1, as sent');
  git(dir, 'tag', 'v1-sent');
  write(dir, edits);
  return dir;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Result {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    // GIT_CEILING_DIRECTORIES keeps Git from finding a repository above the temporary folder.
    env: { ...process.env, NO_COLOR: '1', GIT_CEILING_DIRECTORIES: tmp, ...env },
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonOut {
  version: number;
  files: { path: string; diagnostics: { rule: string; severity: string; range: { start: { line: number; character: number } } }[] }[];
  since?: { ref: string; commit?: string; checkedInFull?: { path: string; reason: string }[] };
}

function json(r: Result): JsonOut {
  return JSON.parse(r.stdout) as JsonOut;
}

/** The concessions reported, as the line each starts on (0-based). */
function concessionLines(out: JsonOut, file: string): number[] {
  const f = out.files.find((x) => x.path === file);
  assert.ok(f, `${file} is reported`);
  return f.diagnostics.filter((d) => d.rule === 'unconditional-concession').map((d) => d.range.start.line);
}

const OLD_LINE = 2;
const NEW_LINE = 6;

describe('leverage check --since', () => {
  test('reports only the new concession, at its exact position; the old one is left alone', () => {
    const dir = repo('basic', { 'letter.md': V1 }, { 'letter.md': V2 });
    const full = cli(['check', '--format', 'json', 'letter.md'], dir);
    assert.deepEqual(concessionLines(json(full), 'letter.md'), [OLD_LINE, NEW_LINE], 'without --since both are reported');

    const r = cli(['check', '--format', 'json', '--since', 'HEAD', 'letter.md'], dir);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    const out = json(r);
    assert.deepEqual(concessionLines(out, 'letter.md'), [NEW_LINE]);
    const d = out.files[0]!.diagnostics.find((x) => x.rule === 'unconditional-concession')!;
    assert.deepEqual(d.range.start, { line: NEW_LINE, character: 0 });
    assert.deepEqual(out.since, { ref: 'HEAD', commit: git(dir, 'rev-parse', 'HEAD') });
  });

  test('a tag and HEAD~N name the base too; the text output says what was reviewed', () => {
    const dir = repo('tag', { 'letter.md': V1 }, { 'letter.md': V2 });
    git(dir, 'commit', '-q', '-am', 'Round 2, draft');
    // Committed since the tag: relative to HEAD nothing changed, relative to the tag the new line did.
    assert.deepEqual(concessionLines(json(cli(['check', '--format', 'json', '--since=HEAD', 'letter.md'], dir)), 'letter.md'), []);
    assert.deepEqual(concessionLines(json(cli(['check', '--format', 'json', '--since', 'HEAD~1', 'letter.md'], dir)), 'letter.md'), [NEW_LINE]);
    const r = cli(['check', '--since', 'v1-sent', 'letter.md'], dir);
    assert.match(r.stdout, /^letter\.md:7:1: warning unconditional-concession: /m);
    assert.doesNotMatch(r.stdout, /^letter\.md:3:/m);
    const sha = git(dir, 'rev-parse', 'v1-sent');
    assert.match(r.stdout, new RegExp(`Only lines changed since v1-sent \\(${sha.slice(0, 8)}\\) were reviewed\\.\\n$`));
  });

  test('a file added since the base is all new; a folder is walked as usual', () => {
    const dir = repo('added', { 'drafts/letter.md': V1 }, { 'drafts/reply.md': `${OLD}\n` });
    const out = json(cli(['check', '--format', 'json', '--since', 'HEAD', 'drafts'], dir));
    assert.deepEqual(concessionLines(out, 'drafts/reply.md'), [0]);
    assert.deepEqual(concessionLines(out, 'drafts/letter.md'), [], 'unchanged since HEAD');
  });

  test('an error in unchanged text no longer sets the exit status; one in a changed line does', () => {
    const notes = 'we: Supplier\nbatna: Extend the Gamma pilot\nprivate:\n  walk_away: 95000\n';
    const leak = 'Our walk-away point is 95,000.\n';
    const dir = repo('leak', { 'deal.md': `${leak}\nThank you.\n`, 'deal.negotiation.yaml': notes }, { 'deal.md': `${leak}\nThank you.\n\nWe can offer 96,000.\n` });
    const full = cli(['check', '--format', 'json', 'deal.md'], dir);
    assert.equal(full.status, 1, 'the leak is an error');
    const since = cli(['check', '--format', 'json', '--since', 'HEAD', 'deal.md'], dir);
    const rules = json(since).files[0]!.diagnostics.map((d) => `${d.rule}@${d.range.start.line}`);
    assert.ok(rules.includes('leaked-position@4'), rules.join(', '));
    assert.ok(!rules.some((r) => r.endsWith('@0')), rules.join(', '));
    assert.equal(since.status, 1, 'the new leak is an error');

    // Without the new line: only the old leak, out of scope, so status 0.
    fs.writeFileSync(path.join(dir, 'deal.md'), `${leak}\nThank you, and kind regards.\n`);
    const quiet = cli(['check', '--since', 'HEAD', 'deal.md'], dir);
    assert.equal(quiet.status, 0, quiet.stdout);
  });

  test('negotiation notes are always checked in full', () => {
    const notes = 'we: Supplier\nissues:\n  - id: fees\n    position: Annual fee of 120,000\n';
    const dir = repo('notes', { 'deal.negotiation.yaml': notes, 'deal.md': 'Hello.\n' });
    const out = json(cli(['check', '--format', 'json', '--since', 'HEAD', '.'], dir));
    const rules = out.files.find((f) => f.path === 'deal.negotiation.yaml')!.diagnostics.map((d) => d.rule);
    assert.ok(rules.includes('missing-batna'), rules.join(', '));
    assert.deepEqual(out.files.find((f) => f.path === 'deal.md')!.diagnostics, []);
  });

  test('an unknown revision: one line on stderr, every finding reported, the usual exit status', () => {
    const dir = repo('unknown', { 'letter.md': V1 }, { 'letter.md': V2 });
    const r = cli(['check', '--format', 'json', '--since', 'v9-never', 'letter.md'], dir);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /^leverage: --since v9-never: warning: no revision "v9-never" in the repository at \.; its files are checked in full$/);
    assert.equal(r.status, 0);
    const out = json(r);
    assert.deepEqual(concessionLines(out, 'letter.md'), [OLD_LINE, NEW_LINE]);
    assert.deepEqual(out.since, { ref: 'v9-never', checkedInFull: [{ path: 'letter.md', reason: 'no revision "v9-never" in the repository' }] });
  });

  test('a folder outside any repository: one line per folder, every finding reported', () => {
    const dir = path.join(tmp, 'plain');
    write(dir, { 'a.md': V2, 'b.md': `${OLD}\n` });
    const r = cli(['check', '--format', 'json', '--since', 'HEAD', '.'], dir);
    assert.equal(r.stderr, 'leverage: .: warning: not in a Git repository, so --since does not apply; its files are checked in full\n');
    assert.equal(r.status, 0);
    const out = json(r);
    assert.deepEqual(concessionLines(out, 'a.md'), [OLD_LINE, NEW_LINE]);
    assert.deepEqual(concessionLines(out, 'b.md'), [0]);
  });

  test('without Git on PATH: one line, every finding reported', () => {
    const dir = repo('nogit', { 'letter.md': V1 }, { 'letter.md': V2 });
    const empty = path.join(tmp, 'empty-bin');
    fs.mkdirSync(empty, { recursive: true });
    const r = cli(['check', '--format', 'json', '--since', 'HEAD', 'letter.md'], dir, { PATH: empty });
    assert.equal(r.stderr, 'leverage: --since HEAD: warning: git was not found (is it installed and on PATH?); every file is checked in full\n');
    assert.equal(r.status, 0);
    assert.deepEqual(concessionLines(json(r), 'letter.md'), [OLD_LINE, NEW_LINE]);
  });

  test('Git variables that point elsewhere (as inside a Git hook) do not change the repository read', () => {
    const dir = repo('hooked', { 'letter.md': V1 }, { 'letter.md': V2 });
    const other = repo('other', { 'letter.md': 'Unrelated.\n' });
    const r = cli(['check', '--format', 'json', '--since', 'HEAD', 'letter.md'], dir, { GIT_DIR: path.join(other, '.git'), GIT_WORK_TREE: other });
    assert.equal(r.stderr, '');
    assert.deepEqual(concessionLines(json(r), 'letter.md'), [NEW_LINE]);
  });

  test('bad values are usage errors (status 2) and nothing is checked', () => {
    const dir = repo('usage', { 'letter.md': V1 });
    for (const args of [['letter.md', '--since'], ['--since', '--format=json', 'letter.md'], ['--since=', 'letter.md'], ['--since', ' HEAD', 'letter.md']]) {
      const r = cli(['check', ...args], dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^leverage: --since /, r.stderr);
    }
    assert.match(cli(['--help'], dir).stdout, /--since REF/);
  });
});
