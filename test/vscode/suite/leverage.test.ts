// What a lawyer does with Leverage in VS Code, against the real extension and its language server:
// open a letter and see the findings, open the negotiation notes, take a quick fix, fix everything
// at once, hover a finding, turn a rule off, and keep typing while the findings follow the text.
// The harness opens a temporary workspace holding copies of examples/northwind-msa/letter-to-harbor.md,
// the Northwind draft and negotiation notes, and test/vscode/fixtures/reply.md.

/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  codeOf,
  codes,
  copyOf,
  has,
  hoverText,
  kindOf,
  lacks,
  open,
  poll,
  waitForDiagnostics,
  workspaceRoot,
  writeFile,
  type LeverageApi,
} from './helpers';

const FIX_ALL = 'source.fixAll.leverage';
const LETTER = 'letter-to-harbor.md';
const NOTES = 'master-services-agreement.negotiation.yaml';

suite('Leverage in VS Code', () => {
  let api: LeverageApi;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<LeverageApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this VS Code`);
    api = await ext.activate();
    await api.ready;
  });

  test('the extension is installed, active, and its language server runs', async () => {
    const ext = vscode.extensions.getExtension<LeverageApi>(EXTENSION_ID)!;
    console.log(`[leverage-suite] info VS Code ${vscode.version}, ${EXTENSION_ID} ${ext.packageJSON.version} from ${ext.extensionPath}`);
    assert.ok(ext.isActive);
    assert.ok(api.client.isRunning(), 'the language client is not running');
    // Under npm run test:vscode the extension comes from the packaged .vsix, not from the work tree.
    const repo = process.env.LEVERAGE_TEST_REPO;
    if (process.env.LEVERAGE_TEST_EXPECT_VSIX === '1') {
      assert.ok(repo, 'LEVERAGE_TEST_REPO is not set');
      const rel = path.relative(repo, ext.extensionPath);
      assert.ok(rel.startsWith('..') || path.isAbsolute(rel), `expected the installed .vsix, got the work tree at ${ext.extensionPath}`);
      assert.match(path.basename(ext.extensionPath), /^leverage-dev\.leverage-\d/);
    }
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['leverage.restartServer', 'leverage.showOutput']) assert.ok(commands.includes(c), `command ${c} is missing`);
  });

  test('a letter to the other side shows the expected findings, with rule codes and documentation links', async () => {
    const doc = await open(vscode.Uri.joinPath(workspaceRoot(), LETTER));
    const expected = [
      'unbenchmarked-demand',
      'negotiating-against-yourself',
      'hostile-tone',
      'unconditional-concession',
      'over-disclosure',
      'open-ended-concession',
    ];
    const ds = await waitForDiagnostics(doc.uri, has(...expected), `the findings ${expected.join(', ')}`);
    const find = (code: string) => ds.find((d) => codeOf(d) === code)!;

    const concession = find('unconditional-concession');
    assert.equal(doc.getText(concession.range), 'we can agree to');
    assert.equal(concession.range.start.line, 14);
    assert.equal(concession.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(concession.message, /gives ground without asking for anything in return/);

    const disclosure = find('over-disclosure');
    assert.equal(doc.getText(disclosure.range), 'We really need to sign this');
    assert.equal(find('hostile-tone').severity, vscode.DiagnosticSeverity.Information);
    assert.equal(doc.getText(find('hostile-tone').range), 'ridiculous');

    for (const d of ds) {
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(typeof code, 'object', `${codeOf(d)} has no documentation link`);
      assert.equal(code.target.fragment, code.value, `the link of ${code.value} does not point at its section`);
    }
  });

  test('the negotiation notes are checked (a ledger give without a get); a plain YAML file is left alone', async () => {
    const notesUri = vscode.Uri.joinPath(workspaceRoot(), NOTES);
    const sent: string[] = [];
    let notesSent!: () => void;
    const arrived = new Promise<void>((resolve) => (notesSent = resolve));
    const middleware = api.client.middleware;
    const previous = middleware.didOpen;
    middleware.didOpen = (document, next) => {
      sent.push(document.uri.toString());
      if (document.uri.toString() === notesUri.toString()) notesSent();
      return previous ? previous(document, next) : next(document);
    };
    try {
      const plain = await open(await writeFile('settings-export.yaml', 'name: not negotiation notes\nitems: [a, b]\n'));
      const notes = await open(notesUri);
      assert.equal(notes.languageId, 'yaml');
      await Promise.race([
        arrived,
        new Promise((_, reject) => setTimeout(() => reject(new Error(`the notes were not sent to the server; sent: ${sent.join(', ')}`)), 15_000)),
      ]);
      // didOpen notifications go out in the order the documents opened: the plain file would be first.
      assert.ok(!sent.includes(plain.uri.toString()), 'a plain YAML file was sent to the Leverage server');

      const ds = await waitForDiagnostics(notes.uri, has('unconditional-concession'), 'unconditional-concession in the notes ledger');
      const give = ds.find((d) => codeOf(d) === 'unconditional-concession')!;
      const line = notes.lineAt(give.range.start.line).text;
      assert.match(line, /give:\s*Accept Harbor's 45-day payment period/, `the ledger finding is on: ${line}`);
      assert.match(give.message, /every give needs a get/);

      // The custom request sees the same findings as the editor.
      const analysed = await api.client.sendRequest<Array<{ code?: unknown }>>('leverage/analyze', { uri: notes.uri.toString() });
      assert.ok(Array.isArray(analysed), `leverage/analyze answered ${JSON.stringify(analysed)}`);
      assert.deepEqual(analysed.map((d) => String(d.code)).sort(), ds.map((d) => codeOf(d)!).sort());
      console.log(`[leverage-suite] info notes: ${ds.map((d) => `${codeOf(d)}@${d.range.start.line + 1}`).join(', ')}`);
      assert.deepEqual(codes(plain.uri), [], 'the plain YAML file has Leverage diagnostics');
    } finally {
      middleware.didOpen = previous;
    }
  });

  test('the preferred quick fix turns a concession into a trade', async () => {
    const doc = await open(await copyOf('reply.md', 'reply-quick-fix.md'));
    const [concession] = await waitForDiagnostics(doc.uri, has('unconditional-concession'), 'unconditional-concession');
    assert.equal(doc.getText(concession.range), 'We can agree to');

    // Right after opening, VS Code may answer with other providers' actions only: ask until ours is there.
    // (Actions returned by this command carry no diagnostics; ours is the preferred quick fix.)
    let seen: vscode.CodeAction[] = [];
    const fix = await poll(
      async () => {
        seen = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          concession.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        return seen.find((a) => a.isPreferred && kindOf(a) === vscode.CodeActionKind.QuickFix.value);
      },
      'the preferred quick fix for unconditional-concession',
      15_000,
      () => seen.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join(' | ') || 'no actions',
    );
    const titles = seen.map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Suppress unconditional-concession')), `no suppression fix among: ${titles.join(' | ')}`);
    assert.match(fix.title, /^Make it a trade: “…(.+)”$/);
    const ask = /“…(.+)”/.exec(fix.title)![1];

    assert.ok(fix.edit, 'the quick fix has no edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'VS Code refused the quick fix edit');
    const line = doc.lineAt(concession.range.start.line).text;
    assert.ok(!line.includes('We can agree to the longer notice period.'), `the concession is still there: ${line}`);
    assert.ok(line.endsWith(`the longer notice period${ask}.`), `the counter-ask “${ask}” is not in: ${line}`);
    assert.match(line, /^Thank you for your comments on the renewal terms\. We can \w+ the longer notice period/);
    await waitForDiagnostics(doc.uri, lacks('unconditional-concession'), 'the fixed finding to go away');
  });

  test('hovering a finding explains what was found and why it costs leverage', async () => {
    const doc = await open(vscode.Uri.joinPath(workspaceRoot(), LETTER));
    const ds = await waitForDiagnostics(doc.uri, has('over-disclosure'), 'over-disclosure');
    const d = ds.find((x) => codeOf(x) === 'over-disclosure')!;
    const text = await poll(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, d.range.start.translate(0, 2));
      const t = hoverText(hovers);
      return t.includes('over-disclosure') ? t : undefined;
    }, 'a hover about over-disclosure');
    assert.ok(text.includes(d.message.replace(/[\\`*_[\]]/g, '').slice(0, 20)) || text.includes('We really need to sign this'), text);
    assert.match(text, /Why:/);
    assert.match(text, /Example:/);
  });

  test('fix all (source.fixAll.leverage) applies every preferred fix in one edit', async () => {
    const doc = await open(await copyOf(LETTER, 'letter-fix-all.md'));
    const before = await waitForDiagnostics(doc.uri, has('unconditional-concession', 'over-disclosure'), 'the letter findings');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const fixAll = await poll(async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL);
      return actions.find((a) => kindOf(a) === FIX_ALL);
    }, `a ${FIX_ALL} action`);
    assert.ok(fixAll.edit, 'fix-all has no edit');
    const version = doc.version;
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit), 'VS Code refused the fix-all edit');
    assert.ok(doc.version > version);
    const after = await waitForDiagnostics(
      doc.uri,
      lacks('unconditional-concession', 'over-disclosure', 'open-ended-concession', 'hostile-tone'),
      'the fixed findings to go away',
    );
    console.log(`[leverage-suite] info fix-all: ${before.length} finding(s) before (${before.map(codeOf).join(', ')}), ${after.length} after (${after.map(codeOf).join(', ') || 'none'})`);
    assert.ok(after.length < before.length);
    const text = doc.getText();
    assert.ok(!text.includes('we can agree to your proposed wording'), 'the concession is still there');
    assert.ok(!text.includes('We really need to sign this by 15 December'), 'the disclosure is still there');
    // Everything else is left as it was.
    for (const kept of ['Dear Ms Okafor,', '## Liability', 'Daniel Reyes', 'Northwind Systems Ltd.']) assert.ok(text.includes(kept), `lost “${kept}”`);
  });

  test('turning a rule off in the settings removes its finding; restoring the setting brings it back', async () => {
    const doc = await open(await copyOf(LETTER, 'letter-settings.md'));
    await waitForDiagnostics(doc.uri, has('unconditional-concession', 'over-disclosure'), 'the letter findings');
    const config = vscode.workspace.getConfiguration('leverage', doc.uri);
    try {
      await config.update(
        'rules',
        { 'unconditional-concession': 'off', 'over-disclosure': 'error' },
        vscode.ConfigurationTarget.Workspace,
      );
      const ds = await waitForDiagnostics(
        doc.uri,
        (x) => lacks('unconditional-concession')(x) && x.some((d) => codeOf(d) === 'over-disclosure' && d.severity === vscode.DiagnosticSeverity.Error),
        'unconditional-concession to go and over-disclosure to become an error',
      );
      assert.ok(has('hostile-tone', 'open-ended-concession')(ds), 'other rules went away too');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(
      doc.uri,
      (x) => has('unconditional-concession')(x) && x.some((d) => codeOf(d) === 'over-disclosure' && d.severity === vscode.DiagnosticSeverity.Warning),
      'the findings to come back as before once the setting is removed',
    );
  });

  test('diagnostics follow the text while the draft is edited', async () => {
    const doc = await open(await writeFile('call-notes.md', '# Notes for the call\n\nThank you for the call today.\n'));
    const analysed = await api.client.sendRequest<unknown[]>('leverage/analyze', { uri: doc.uri.toString() });
    assert.deepEqual(analysed, [], 'the neutral draft already has findings');

    // An emoji (two UTF-16 code units) and a curly apostrophe before the finding: positions must survive the trip.
    const sentence = 'Thank you for Customer’s draft 📄 of 14 November. We can accept the revised service credits.';
    let edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(3, 0), `\n${sentence}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    let [d] = await waitForDiagnostics(doc.uri, has('unconditional-concession'), 'a finding for the typed concession');
    assert.equal(d.range.start.line, 4);
    assert.equal(doc.getText(d.range), 'We can accept');
    assert.equal(d.range.start.character, sentence.indexOf('We can accept'));

    edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), 'Privileged and confidential\n\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    [d] = await waitForDiagnostics(
      doc.uri,
      (x) => x.some((y) => codeOf(y) === 'unconditional-concession' && y.range.start.line === 6),
      'the finding to move down two lines',
    );
    assert.equal(doc.getText(d.range), 'We can accept');

    edit = new vscode.WorkspaceEdit();
    edit.delete(doc.uri, doc.lineAt(6).rangeIncludingLineBreak);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(doc.uri, (x) => x.length === 0, 'the finding to go with the deleted sentence');
    assert.ok(!doc.getText().includes(sentence));
  });

  test('a .contract file (CRLF line endings) is recognised and checked', async () => {
    const doc = await open(await writeFile('terms.contract', 'Clause 4. Fees.\r\n\r\nWe can agree to that.\r\n'));
    assert.equal(doc.languageId, 'contract');
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    const [d] = await waitForDiagnostics(doc.uri, has('unconditional-concession'), 'unconditional-concession');
    assert.equal(doc.getText(d.range), 'We can agree to');
  });

  test('Leverage: Restart Server brings the server back with the findings', async () => {
    const doc = await open(await copyOf('reply.md', 'reply-restart.md'));
    await waitForDiagnostics(doc.uri, has('unconditional-concession'), 'unconditional-concession');
    await vscode.commands.executeCommand('leverage.restartServer');
    assert.ok(api.client.isRunning(), 'the client is not running after the restart');
    const analysed = await api.client.sendRequest<Array<{ code?: unknown }>>('leverage/analyze', { uri: doc.uri.toString() });
    assert.ok(analysed.some((d) => d.code === 'unconditional-concession'), `after the restart the server reports ${JSON.stringify(analysed)}`);
    // The server that was stopped saved its V8 code cache, in the extension's global storage.
    assert.ok(api.codeCacheDir.includes('globalStorage'), api.codeCacheDir);
    const caches = readdirSync(api.codeCacheDir);
    assert.ok(caches.length === 1 && /^server-main-[0-9a-f]+-[0-9a-f]{8}\.bin$/.test(caches[0]), `code cache folder holds ${caches.join(', ')}`);
  });
});
