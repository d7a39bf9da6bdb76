// The negotiation summary in real VS Code: the three commands, the summary view (a real webview
// panel fed by the server's leverage/summary), the progress paragraph inserted at the cursor,
// notes created beside a draft (and never overwritten), and the status bar item. The harness copies
// test/vscode/fixtures/harbor-renewal.md and its notes into the workspace. What the page inside the
// webview shows, and its keyboard use, is checked in the browser (scripts/vscode/workbench.mjs).

/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, open, poll, workspaceRoot, writeFile, type LeverageApi } from './helpers';

const DRAFT = 'harbor-renewal.md';
const NOTES = 'harbor-renewal.negotiation.yaml';
const PROGRESS = 'We have already aligned on the scope, the timeline and the payment process. The remaining points are the term and the liability cap.';
const COMMANDS = ['leverage.showSummary', 'leverage.insertProgressSummary', 'leverage.createNotes'];

/** client/src/summary/index.ts `SummaryApi`, as far as these tests use it. */
interface SummaryApi {
  view(): { uri?: string; state: string; body: string; visible: boolean; renders: number; shown: boolean } | undefined;
  statusBar(): { visible: boolean; text: string; tooltip: string; uri?: string };
}
type Api = LeverageApi & { readonly summary: SummaryApi };

interface Summary {
  title: string;
  notes?: string;
  draft?: string;
  progress: string;
  ledger: { given: number; received: number; unreciprocated: number };
  findings: { rule: string; count: number }[];
  issues: { id: string; line?: number; given: number; received: number }[];
}

const uriOf = (name: string) => vscode.Uri.joinPath(workspaceRoot(), name);

function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

function summaryTabs(): vscode.Tab[] {
  return allTabs().filter((t) => {
    const viewType = (t.input as { viewType?: unknown } | undefined)?.viewType;
    return typeof viewType === 'string' && viewType.endsWith('leverage.summary');
  });
}

function describeTabs(): string {
  return allTabs().map((t) => `${t.label} [${t.input?.constructor?.name ?? 'no input'} ${(t.input as { viewType?: string } | undefined)?.viewType ?? ''}]`).join(', ');
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

suite('Negotiation summary', () => {
  let api: Api;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this VS Code`);
    api = await ext.activate();
    await api.ready;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the summary commands are registered and contributed, with the editor title button for notes', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of COMMANDS) assert.ok(all.includes(c), `command ${c} is missing`);
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: { command: string; category?: string; icon?: string }[]; menus: Record<string, { command: string; when?: string }[]> };
      activationEvents: string[];
    };
    for (const c of COMMANDS) {
      const contributed = pkg.contributes.commands.find((x) => x.command === c);
      assert.equal(contributed?.category, 'Leverage', c);
      assert.match(contributed?.icon ?? '', /^\$\([a-z-]+\)$/, `${c} has no codicon`);
      assert.ok(pkg.contributes.menus.commandPalette.some((m) => m.command === c && m.when), `${c} shows in the palette everywhere`);
    }
    const title = pkg.contributes.menus['editor/title']?.find((m) => m.command === 'leverage.showSummary');
    assert.match(title?.when ?? '', /negotiation/);
    assert.ok(pkg.activationEvents.includes('onWebviewPanel:leverage.summary'));
  });

  test('leverage/summary answers for the draft and for its notes; null for a draft without notes', async () => {
    const bySummary = await api.client.sendRequest<Summary | null>('leverage/summary', { uri: uriOf(DRAFT).toString() });
    assert.ok(bySummary, 'no summary for the draft');
    assert.equal(bySummary.progress, PROGRESS);
    assert.deepEqual(bySummary.ledger, { ...bySummary.ledger, given: 2, received: 1, unreciprocated: 1 });
    assert.equal(bySummary.notes, uriOf(NOTES).toString());
    const byNotes = await api.client.sendRequest<Summary | null>('leverage/summary', { uri: uriOf(NOTES).toString() });
    assert.equal(byNotes?.title, 'Harbor hosting renewal — “phase 2” § 4');
    assert.equal(byNotes?.draft, uriOf(DRAFT).toString());
    assert.equal(await api.client.sendRequest('leverage/summary', { uri: uriOf('reply.md').toString() }), null);
  });

  test('Show Negotiation Summary opens a webview beside the notes, and it follows the active draft', async () => {
    await open(uriOf(NOTES));
    await vscode.commands.executeCommand('leverage.showSummary');
    // `shown`: the page inside the webview reported that it displays the last content sent.
    const view = await poll(async () => {
      const v = api.summary.view();
      return v?.state === 'summary' && v.uri === uriOf(NOTES).toString() && v.shown ? v : undefined;
    }, 'the summary view for the notes, shown by the page', 15_000, () => JSON.stringify({ ...api.summary.view(), body: undefined }));
    await poll(async () => (summaryTabs().length === 1 ? true : undefined), 'one summary webview tab', 5_000, describeTabs);
    assert.ok(view.visible);
    // The page shows what the server answered: escaped title, the chart's labels, the plan, the BATNA.
    assert.match(view.body, /<h1>Harbor hosting renewal — “phase 2” § 4<\/h1>/);
    assert.match(view.body, /aria-label="Scope: given 1, received 0"/);
    assert.match(view.body, /aria-label="Payment process: given 1, received 1"/);
    assert.ok(view.body.includes(PROGRESS));
    assert.match(view.body, /Move the hosting to the Crestline data centre/);
    assert.match(view.body, /<code>unconditional-concession<\/code>/);
    assert.ok(view.body.includes('Liability capped at 12 months of fees 🔒'));
    // Private facts never reach the page.
    assert.ok(!/150000|150,000|2027-03-31/.test(view.body), 'a private fact is on the summary page');

    // The view follows the active editor when it is a draft; a second Show does not open a second panel.
    await open(uriOf(DRAFT));
    await poll(async () => {
      const v = api.summary.view();
      return v?.uri === uriOf(DRAFT).toString() && v.state === 'summary' && v.shown ? true : undefined;
    }, 'the view to follow the draft');
    await vscode.commands.executeCommand('leverage.showSummary');
    assert.equal(summaryTabs().length, 1);
  });

  test('the view updates live when the notes change, without saving', async () => {
    const notes = await vscode.workspace.openTextDocument(uriOf(NOTES));
    const text = notes.getText();
    const at = text.indexOf('status: open', text.indexOf('id: term'));
    assert.ok(at > 0);
    const range = new vscode.Range(notes.positionAt(at), notes.positionAt(at + 'status: open'.length));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(notes.uri, range, 'status: agreed');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const updated = 'We have already aligned on the scope, the timeline, the payment process and the term. The remaining point is the liability cap.';
      await poll(async () => (api.summary.view()?.body.includes('the payment process and the term') && api.summary.view()?.shown ? true : undefined), 'the view to show the term as agreed', 15_000, () =>
        (api.summary.view()?.body.match(/<p class="progress">[^<]*/) ?? [''])[0],
      );
      const summary = await api.client.sendRequest<Summary>('leverage/summary', { uri: uriOf(DRAFT).toString() });
      assert.equal(summary.progress, updated);
    } finally {
      const undo = new vscode.WorkspaceEdit();
      undo.replace(notes.uri, new vscode.Range(range.start, range.start.translate(0, 'status: agreed'.length)), 'status: open');
      await vscode.workspace.applyEdit(undo);
      await notes.save();
    }
    await poll(async () => (api.summary.view()?.body.includes(PROGRESS) ? true : undefined), 'the view to show the original progress again');
  });

  test('the status bar counts unreciprocated concessions and open findings, and hides for other files', async () => {
    await open(uriOf(DRAFT));
    const paired = await poll(async () => {
      const s = api.summary.statusBar();
      return s.visible && s.uri === uriOf(DRAFT).toString() && s.text === '$(law) 1 unreciprocated · 3 findings' ? s : undefined;
    }, 'the status bar for the draft', 15_000, () => JSON.stringify(api.summary.statusBar()));
    assert.match(paired.tooltip, /1 concession in the ledger has nothing in return/);

    await open(uriOf('reply.md'));
    await poll(async () => {
      const s = api.summary.statusBar();
      return s.visible && s.uri === uriOf('reply.md').toString() && s.text === '$(law) 1 finding' ? s : undefined;
    }, 'the status bar for a draft without notes (its diagnostics)', 15_000, () => JSON.stringify(api.summary.statusBar()));

    await open(await writeFile('plain-settings.yaml', 'name: not a negotiation\n'));
    await poll(async () => (api.summary.statusBar().visible ? undefined : true), 'the status bar to hide for a plain YAML file');
  });

  test('Insert Progress Summary puts the paragraph at the cursor in the draft; without notes it inserts nothing', async () => {
    const doc = await open(uriOf(DRAFT));
    const editor = vscode.window.activeTextEditor!;
    const line = doc.lineCount - 1;
    const end = doc.lineAt(line).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, '\n\n')));
    const cursor = new vscode.Position(line + 2, 0);
    editor.selection = new vscode.Selection(cursor, cursor);
    const inserted = await vscode.commands.executeCommand<string | undefined>('leverage.insertProgressSummary');
    try {
      assert.equal(inserted, PROGRESS);
      assert.equal(doc.lineAt(line + 2).text, PROGRESS);
      assert.ok(!/150000|150,000|2027-03-31|Crestline/.test(doc.getText()), 'a private fact or the BATNA was inserted');
    } finally {
      await editor.edit((b) => b.delete(new vscode.Range(end, doc.lineAt(doc.lineCount - 1).range.end)));
    }

    const reply = await open(uriOf('reply.md'));
    const before = reply.getText();
    assert.equal(await vscode.commands.executeCommand('leverage.insertProgressSummary'), undefined);
    assert.equal(reply.getText(), before);
  });

  test('Create Negotiation Notes creates notes beside a draft, opens them, and never overwrites them', async () => {
    const draft = await open(
      await writeFile(
        'supply-deal.md',
        '# Supply agreement\n\nThis Supply Agreement is made between Acme Components Ltd. (“Supplier”) and Birch Retail plc (“Customer”).\n\n## Price\n\nThe price is 12 per unit.\n\n## Delivery\n\nDelivery within 30 days.\n',
      ),
    );
    const notesUri = uriOf('supply-deal.negotiation.yaml');
    await vscode.workspace.fs.delete(notesUri).then(undefined, () => undefined);

    const first = await vscode.commands.executeCommand<{ uri: string; created: boolean }>('leverage.createNotes');
    assert.deepEqual(first, { uri: notesUri.toString(), created: true });
    const written = await readText(notesUri);
    assert.match(written, /^draft: supply-deal\.md$/m);
    assert.match(written, /Supplier/);
    assert.match(written, /Customer/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), notesUri.toString(), 'the new notes are not open');

    // The lawyer fills them in; asking again opens them and leaves them alone.
    const filled = `${written}# filled in by hand\n`;
    await vscode.workspace.fs.writeFile(notesUri, new TextEncoder().encode(filled));
    await open(draft.uri);
    const second = await vscode.commands.executeCommand<{ uri: string; created: boolean }>('leverage.createNotes', draft.uri);
    assert.deepEqual(second, { uri: notesUri.toString(), created: false });
    assert.equal(await readText(notesUri), filled, 'the existing notes were overwritten');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), notesUri.toString(), 'the existing notes were not opened');

    // Now paired: the draft has a summary.
    const summary = await api.client.sendRequest<Summary | null>('leverage/summary', { uri: draft.uri.toString() });
    assert.equal(summary?.notes, notesUri.toString());
  });
});
