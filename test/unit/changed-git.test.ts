// server/src/git.ts against real Git repositories built here: the base text of a file at a
// revision (synchronous and asynchronous drivers must agree), the problems named, and the list of
// revisions the editor's picker offers.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { listRevisions, readBase, readBaseSync, type Base } from '../../server/src/git';
import { git } from '../support/git';

let tmp: string;
let repoDir: string;
let firstSha: string;
const V1 = '§ 1 “Fees” 💶\r\nWe can agree to that.\r\n';


before(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-git-')));
  process.env.GIT_CEILING_DIRECTORIES = tmp;
  repoDir = path.join(tmp, 'repo');
  fs.mkdirSync(path.join(repoDir, 'drafts', 'näme with space'), { recursive: true });
  fs.writeFileSync(path.join(repoDir, 'drafts', 'näme with space', 'letter.md'), '\uFEFF' + V1);
  fs.writeFileSync(path.join(repoDir, 'blob.md'), Buffer.from([0x41, 0x00, 0x42]));
  git(repoDir, 'init', '-q');
  git(repoDir, 'add', '-A');
  git(repoDir, 'commit', '-q', '-m', 'Round 1: first draft');
  git(repoDir, 'tag', '-a', 'v1-sent', '-m', 'Sent to Acme');
  firstSha = git(repoDir, 'rev-parse', 'HEAD');
  fs.writeFileSync(path.join(repoDir, 'drafts', 'näme with space', 'letter.md'), V1 + 'More.\r\n');
  git(repoDir, 'commit', '-q', '-am', 'Round 2');
  fs.writeFileSync(path.join(repoDir, 'new.md'), 'New.\n');
});
after(() => {
  delete process.env.GIT_CEILING_DIRECTORIES;
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function both(file: string, ref: string): Promise<Base> {
  const sync = readBaseSync(file, ref);
  const async = await readBase(file, ref);
  assert.deepEqual(async, sync, 'the two drivers agree');
  return sync;
}

describe('readBase', () => {
  test('the text at a tag, decoded as the CLI reads files (BOM dropped), for a path with spaces and accents', async () => {
    const base = await both(path.join(repoDir, 'drafts', 'näme with space', 'letter.md'), 'v1-sent');
    assert.deepEqual(base, { ok: true, ref: 'v1-sent', commit: firstSha, root: repoDir, text: V1, added: false });
  });

  test('a file that did not exist at the revision is all new', async () => {
    const base = await both(path.join(repoDir, 'new.md'), 'HEAD');
    assert.equal(base.ok && base.added && base.text === '', true);
  });

  test('an unknown revision, a folder outside a repository, a binary file: named problems', async () => {
    const unknown = await both(path.join(repoDir, 'new.md'), 'v7');
    assert.deepEqual(unknown, { ok: false, ref: 'v7', root: repoDir, problem: 'unknown-revision', detail: 'no revision "v7" in the repository' });
    const outside = path.join(tmp, 'outside.md');
    fs.writeFileSync(outside, 'x');
    const none = await both(outside, 'HEAD');
    assert.equal(!none.ok && none.problem, 'not-in-repository');
    const binary = await both(path.join(repoDir, 'blob.md'), 'HEAD');
    assert.equal(!binary.ok && binary.problem, 'failed');
    assert.ok(!binary.ok && !binary.detail.includes('\0'));
  });

  test('Git missing from PATH', async () => {
    const saved = process.env.PATH;
    process.env.PATH = path.join(tmp, 'no-such-bin');
    try {
      const base = await both(path.join(repoDir, 'new.md'), 'HEAD');
      assert.equal(!base.ok && base.problem, 'no-git');
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('listRevisions', () => {
  test('recent commits (newest first) and tags, from any folder of the repository', async () => {
    const r = await listRevisions(path.join(repoDir, 'drafts'));
    assert.ok(r.ok);
    assert.equal(r.root, repoDir);
    assert.deepEqual(r.commits.map((c) => c.description.replace(/^\d{4}-\d\d-\d\d /, '')), ['Round 2', 'Round 1: first draft']);
    assert.equal(r.commits[1]!.ref, firstSha);
    assert.equal(r.commits[1]!.label, firstSha.slice(0, r.commits[1]!.label.length));
    assert.deepEqual(r.tags.map((t) => [t.ref, t.kind]), [['v1-sent', 'tag']]);
    assert.match(r.tags[0]!.description, /Sent to Acme$/);
  });

  test('outside a repository: a named problem', async () => {
    const r = await listRevisions(tmp);
    assert.equal(!r.ok && r.problem, 'not-in-repository');
  });
});
