// Changed-only mode in the server (`leverage.changedSince`), over real JSON-RPC against the built
// server, with Git repositories built here: only findings in lines changed since the revision are
// reported; the base is re-read on save; a missing revision, a file outside a repository or an
// untrusted workspace gives a window message and the whole document is checked.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, ShowMessageParams } from 'vscode-languageserver-protocol';
import { PULL_CLIENT, PUSH_CLIENT, TestClient } from './harness';
import { git } from '../support/git';

const OLD = 'We can agree to that.';
const NEW = 'We accept your 🙂 “termination” wording in § 9.';
const V1 = `Dear Ms Díaz,\r\n\r\n${OLD}\r\n\r\nWe propose Net-30 payment terms, consistent with market practice.\r\n`;
const V2 = `${V1}\r\n${NEW}\r\n`;
const OLD_LINE = 2;
const NEW_LINE = 6;

let tmp: string;
before(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-changed-only-')));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));


/** A repository with letter.md committed (round 1, tagged v1-sent) and round 2 written over it on disk. */
function repo(name: string): { dir: string; uri: string } {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  fs.writeFileSync(path.join(dir, 'letter.md'), V1);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Round 1, as sent');
  git(dir, 'tag', 'v1-sent');
  fs.writeFileSync(path.join(dir, 'letter.md'), V2);
  return { dir, uri: pathToFileURL(path.join(dir, 'letter.md')).href };
}

const concessionLines = (items: Diagnostic[]) => items.filter((d) => d.code === 'unconditional-concession').map((d) => d.range.start.line);
const ENV = () => ({ GIT_CEILING_DIRECTORIES: tmp });

function messages(client: TestClient): ShowMessageParams[] {
  return client.otherNotifications.filter((n) => n.method === 'window/showMessage').map((n) => n.params as ShowMessageParams);
}

describe('leverage.changedSince with a pulling client', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL_CLIENT, settings: { changedSince: 'HEAD' }, env: ENV() });
  });
  after(() => client?.dispose());

  test('only the new concession is reported, at its exact position', async () => {
    const { uri } = repo('pull');
    client.open(uri, 'markdown', V2);
    const items = await client.pullItems(uri);
    assert.deepEqual(concessionLines(items), [NEW_LINE]);
    const d = items.find((x) => x.code === 'unconditional-concession')!;
    assert.deepEqual(d.range.start, { line: NEW_LINE, character: 0 });
    assert.deepEqual(messages(client), []);
  });

  test('typing a concession into an old line puts it under review; the untouched one stays quiet', async () => {
    const { uri } = repo('typing');
    client.open(uri, 'markdown', V2);
    assert.deepEqual(concessionLines(await client.pullItems(uri)), [NEW_LINE]);
    // Line 4 ("We propose Net-30 ...") gets a free concession appended.
    client.change(uri, 2, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'We waive the late fee. ' }]);
    assert.deepEqual(concessionLines(await client.pullItems(uri)), [4, NEW_LINE]);
  });

  test('a save after a commit re-reads the base: the committed concession is no longer new', async () => {
    const { dir, uri } = repo('save');
    client.open(uri, 'markdown', V2);
    assert.deepEqual(concessionLines(await client.pullItems(uri)), [NEW_LINE]);
    git(dir, 'commit', '-q', '-am', 'Round 2, as sent');
    const refreshes = client.refreshRequests;
    client.notify('textDocument/didSave', { textDocument: { uri } });
    await client.waitFor('a refresh after the base changed', () => client.refreshRequests > refreshes);
    assert.deepEqual(concessionLines(await client.pullItems(uri)), []);
  });

  test('negotiation notes are checked in full', async () => {
    const { dir } = repo('notes');
    const notesPath = path.join(dir, 'letter.negotiation.yaml');
    const notes = 'we: Supplier\nissues:\n  - id: fees\n    position: Annual fee of 120,000\n';
    fs.writeFileSync(notesPath, notes);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'notes');
    const uri = pathToFileURL(notesPath).href;
    client.open(uri, 'yaml', notes);
    const codes = (await client.pullItems(uri)).map((d) => d.code);
    assert.ok(codes.includes('missing-batna'), codes.join(', '));
  });

  test('turning the setting off shows everything again; a tag works as the base', async () => {
    const { uri } = repo('off');
    client.open(uri, 'markdown', V2);
    assert.deepEqual(concessionLines(await client.pullItems(uri)), [NEW_LINE]);
    client.settings = { changedSince: '' };
    client.configurationChanged(null);
    assert.deepEqual(concessionLines(await client.pullItems(uri)), [OLD_LINE, NEW_LINE]);
    client.settings = { changedSince: 'v1-sent' };
    client.configurationChanged(null);
    assert.deepEqual(concessionLines(await client.pullItems(uri)), [NEW_LINE]);
  });

  test('an unknown revision: one window message naming it, and the whole document is checked', async () => {
    const { dir, uri } = repo('unknown');
    const before = messages(client).length;
    client.settings = { changedSince: 'v9-never' };
    client.configurationChanged(null);
    client.open(uri, 'markdown', V2);
    assert.deepEqual(concessionLines(await client.pullItems(uri)), [OLD_LINE, NEW_LINE]);
    const shown = await client.waitFor('window/showMessage', () => (messages(client).length > before ? messages(client).slice(before) : undefined));
    assert.equal(shown.length, 1);
    assert.equal(shown[0]!.type, 2 /* Warning */);
    assert.ok(shown[0]!.message.includes('“v9-never”') && shown[0]!.message.includes(dir), shown[0]!.message);
    assert.ok(!shown[0]!.message.includes('agree'), 'no document text in the message');
    // Another document of the same repository: checked in full too, with no second message.
    fs.writeFileSync(path.join(dir, 'reply.md'), `${OLD}\n`);
    const reply = pathToFileURL(path.join(dir, 'reply.md')).href;
    client.open(reply, 'markdown', `${OLD}\n`);
    assert.deepEqual(concessionLines(await client.pullItems(reply)), [0]);
    assert.equal(messages(client).length, before + 1);
  });

  test('a file outside any repository: a message, and the whole document is checked', async () => {
    const dir = path.join(tmp, 'plain');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'memo.md'), V2);
    const uri = pathToFileURL(path.join(dir, 'memo.md')).href;
    client.settings = { changedSince: 'HEAD' };
    client.configurationChanged(null);
    const before = messages(client).length;
    client.open(uri, 'markdown', V2);
    assert.deepEqual(concessionLines(await client.pullItems(uri)), [OLD_LINE, NEW_LINE]);
    const shown = await client.waitFor('window/showMessage', () => messages(client)[before]);
    assert.match(shown.message, /memo\.md in full: it is not in a Git repository/);
  });

  test('an invalid value is ignored with a one-line warning', async () => {
    const { uri } = repo('invalid');
    client.settings = { changedSince: '--output=/tmp/x' };
    const logs = client.logs.length;
    client.configurationChanged(null);
    client.open(uri, 'markdown', V2);
    assert.deepEqual(concessionLines(await client.pullItems(uri)), [OLD_LINE, NEW_LINE]);
    assert.match(client.logText(logs), /leverage\.changedSince: not a Git revision \(it starts with "-"\)/);
  });
});

describe('leverage.changedSince in an untrusted workspace', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PUSH_CLIENT, settings: { changedSince: 'HEAD' }, env: ENV(), initializationOptions: { workspaceTrusted: false } });
  });
  after(() => client?.dispose());

  test('Git is not run: a message says why, the whole document is checked; once trusted, only changes', async () => {
    const { uri } = repo('untrusted');
    client.open(uri, 'markdown', V2);
    const full = await client.waitForPublish(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(concessionLines(full.diagnostics), [OLD_LINE, NEW_LINE]);
    const shown = await client.waitFor('window/showMessage', () => messages(client)[0]);
    assert.match(shown.message, /does not run Git in an untrusted workspace/);

    const since = client.published.length;
    client.notify('leverage/workspaceTrusted');
    const changed = await client.waitForPublish(uri, (p) => concessionLines(p.diagnostics).length === 1, since);
    assert.deepEqual(concessionLines(changed.diagnostics), [NEW_LINE]);
  });
});

describe('leverage.changedSince without Git', () => {
  let client: TestClient;
  before(async () => {
    const empty = path.join(tmp, 'empty-bin');
    fs.mkdirSync(empty, { recursive: true });
    client = await TestClient.start({ capabilities: PULL_CLIENT, settings: { changedSince: 'HEAD' }, env: { ...ENV(), PATH: empty } });
  });
  after(() => client?.dispose());

  test('a message that Git was not found, and the whole document is checked', async () => {
    const { uri } = repo('nogit');
    client.open(uri, 'markdown', V2);
    assert.deepEqual(concessionLines(await client.pullItems(uri)), [OLD_LINE, NEW_LINE]);
    const shown = await client.waitFor('window/showMessage', () => messages(client)[0]);
    assert.match(shown.message, /git was not found/);
  });
});
