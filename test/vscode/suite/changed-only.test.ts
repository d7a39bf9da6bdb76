// Changed-only review in real VS Code (issue 9): a draft in a Git repository of its own, sent to
// the other side at the tag `v1-sent` with one concession, then edited in the editor (a new
// concession in another paragraph, and Windows line endings, as a checkout with autocrlf gives) and
// saved. With `leverage.changedSince` set, only the new concession is reported and the status bar
// names the base; an unknown revision brings the whole analysis back; the command
// "Review Changes Since Revision..." lists the repository's tags and writes the setting. The
// repository is built here, inside the test workspace (the harness disables workspace trust, so
// the workspace is trusted and the server may run Git), and removed at the end with the setting.

/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, open, poll, waitForDiagnostics, workspaceRoot, type LeverageApi } from './helpers';

const COMMAND = 'leverage.compareWithRevision';
const KEY = 'changedSince';
const TAG = 'v1-sent';
const FOLDER = 'round-review';
const CONCESSION = 'unconditional-concession';

/** client/src/changedOnly.ts `ChangedOnlyApi`, as far as these tests use it. */
interface ChangedOnlyApi {
  statusBar(): { visible: boolean; text: string; tooltip: string };
}
type Api = LeverageApi & { readonly changedOnly: ChangedOnlyApi };

// Curly quotes, `§` and an emoji before the findings, so that UTF-16 positions matter.
const SENT = [
  '# Reply on the “Harbor” renewal § 4',
  '',
  'Dear Ms Okafor 👋, thank you for your note on the notice period in § 4.2. We can agree to that.',
  '',
  'On the service levels, our position is unchanged.',
  '',
  'Kind regards,',
  '',
  'Daniel Reyes',
  '',
].join('\n');
const OLD_PARAGRAPH = 'On the service levels, our position is unchanged.';
const NEW_PARAGRAPH = 'On the service levels 📈, we are happy to accept the “99.5 %” uptime target.';

function git(cwd: string, ...args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_TERMINAL_PROMPT: '0' };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[name];
  return execFileSync('git', ['-c', 'user.name=Leverage Tests', '-c', 'user.email=tests@leverage.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

const concessions = (ds: vscode.Diagnostic[]) => ds.filter((d) => codeOf(d) === CONCESSION);
const lines = (ds: vscode.Diagnostic[]) => concessions(ds).map((d) => d.range.start.line).sort((a, b) => a - b);

async function setChangedSince(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('leverage').update(KEY, value, vscode.ConfigurationTarget.Workspace);
}

function workspaceValue(): string | undefined {
  return vscode.workspace.getConfiguration('leverage').inspect<string>(KEY)?.workspaceValue;
}

suite('Changed-only review', () => {
  let api: Api;
  let folder: vscode.Uri;
  let draft: vscode.Uri;
  let commit: string;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this VS Code`);
    api = await ext.activate();
    await api.ready;
    assert.ok(vscode.workspace.isTrusted, 'the test workspace is not trusted: the server would not run Git');
    assert.equal(workspaceValue(), undefined, 'leverage.changedSince is already set in the workspace');

    folder = vscode.Uri.joinPath(workspaceRoot(), FOLDER);
    draft = vscode.Uri.joinPath(folder, 'reply-round-2.md');
    await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(draft, new TextEncoder().encode(SENT));
    git(folder.fsPath, 'init', '-q', '--initial-branch=main');
    git(folder.fsPath, 'add', 'reply-round-2.md');
    git(folder.fsPath, 'commit', '-q', '-m', 'Reply as sent to Harbor');
    git(folder.fsPath, 'tag', TAG);
    commit = git(folder.fsPath, 'rev-parse', 'HEAD');
    assert.match(commit, /^[0-9a-f]{40}$/);
  });

  suiteTeardown(async () => {
    await setChangedSince(undefined);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
  });

  test('the command is registered and contributed', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes(COMMAND), `command ${COMMAND} is missing`);
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; category?: string }[] } };
    assert.equal(pkg.contributes.commands.find((c) => c.command === COMMAND)?.category, 'Leverage');
    assert.equal(api.changedOnly.statusBar().visible, false, 'the status bar shows a base while none is set');
  });

  test('with leverage.changedSince set to the tag, only the concession added since is reported', async () => {
    const doc = await open(draft);
    const editor = vscode.window.activeTextEditor!;
    // The whole draft is checked first: the old concession is a finding in its own right.
    await waitForDiagnostics(draft, (ds) => concessions(ds).length === 1, 'the sent concession (no base yet)');

    const at = doc.getText().indexOf(OLD_PARAGRAPH);
    assert.ok(at > 0);
    assert.ok(
      await editor.edit((b) => {
        b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + OLD_PARAGRAPH.length)), NEW_PARAGRAPH);
        b.setEndOfLine(vscode.EndOfLine.CRLF);
      }),
    );
    assert.ok(await doc.save(), 'the edited draft was not saved');
    assert.ok(new TextDecoder().decode(await vscode.workspace.fs.readFile(draft)).includes(`${NEW_PARAGRAPH}\r\n`));
    const full = await waitForDiagnostics(draft, (ds) => concessions(ds).length === 2, 'both concessions (no base yet)');
    assert.deepEqual(lines(full), [2, 4]);

    await setChangedSince(TAG);
    const changed = await waitForDiagnostics(draft, (ds) => concessions(ds).length === 1 && lines(ds)[0] === 4, `only the new concession since ${TAG}`);
    assert.equal(changed.length, 1, `more than the new concession: ${changed.map(codeOf).join(', ')}`);
    assert.equal(doc.getText(changed[0].range), 'we are happy to accept');
    assert.equal(changed[0].range.start.character, NEW_PARAGRAPH.indexOf('we are'));

    const bar = await poll(async () => {
      const s = api.changedOnly.statusBar();
      return s.visible && s.text === `$(git-compare) since ${TAG}` ? s : undefined;
    }, 'the status bar to show the base', 5_000, () => JSON.stringify(api.changedOnly.statusBar()));
    assert.match(bar.tooltip, new RegExp(`changed since ${TAG}`));

    // A commit id works the same, and the status bar shortens it as Git does.
    await setChangedSince(commit);
    await poll(async () => (api.changedOnly.statusBar().text === `$(git-compare) since ${commit.slice(0, 7)}` ? true : undefined), 'the short commit id in the status bar', 5_000, () =>
      JSON.stringify(api.changedOnly.statusBar()),
    );
    const byCommit = await api.client.sendRequest<Array<{ code?: unknown; range: { start: { line: number } } }>>('leverage/analyze', { uri: draft.toString() });
    assert.deepEqual(
      byCommit.map((d) => `${String(d.code)}@${d.range.start.line}`),
      [`${CONCESSION}@4`],
    );
  });

  test('an unknown revision brings the whole analysis back; clearing the setting hides the status bar', async () => {
    await open(draft);
    await setChangedSince(TAG);
    await waitForDiagnostics(draft, (ds) => concessions(ds).length === 1, `only the new concession since ${TAG}`);

    await setChangedSince('no-such-round');
    const full = await waitForDiagnostics(draft, (ds) => concessions(ds).length === 2, 'both concessions for an unknown revision');
    assert.deepEqual(lines(full), [2, 4]);
    assert.equal(api.changedOnly.statusBar().text, '$(git-compare) since no-such-round');

    await setChangedSince(undefined);
    await poll(async () => (api.changedOnly.statusBar().visible ? undefined : true), 'the status bar to hide', 5_000);
    assert.deepEqual(lines(await waitForDiagnostics(draft, (ds) => concessions(ds).length === 2, 'both concessions with the setting cleared')), [2, 4]);
  });

  test('the command lists the repository’s tag and writes the setting; picking Off clears it', async () => {
    await open(draft);
    assert.equal(workspaceValue(), undefined);

    // The picker opens once Git has listed the revisions; its first entry is then the tag.
    const accept = async (what: string, done: () => boolean) => {
      const picked = vscode.commands.executeCommand(COMMAND);
      await poll(async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return done() ? true : undefined;
      }, what, 10_000, () => `leverage.changedSince = ${JSON.stringify(workspaceValue())}`);
      await picked;
    };

    await accept(`the tag ${TAG} to be picked`, () => workspaceValue() === TAG);
    await waitForDiagnostics(draft, (ds) => concessions(ds).length === 1 && lines(ds)[0] === 4, `only the new concession since ${TAG}`);
    assert.equal(api.changedOnly.statusBar().text, `$(git-compare) since ${TAG}`);

    // With a base set, the first entry is "Off".
    await accept('Off to be picked', () => workspaceValue() === undefined);
    await waitForDiagnostics(draft, (ds) => concessions(ds).length === 2, 'both concessions with changed-only review off');
    assert.equal(api.changedOnly.statusBar().visible, false);
  });
});
