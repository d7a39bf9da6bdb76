// The VS Code summary view's HTML (client/src/summary/render.ts), rendered without VS Code: every
// document value escaped, a strict CSP with one nonce, no inline styles or remote content, the
// chart's accessible labels, headings and table headers, reveal buttons only where a line is known.
// The page itself runs in real VS Code in the code-server suite (test/vscode, scripts/vscode/workbench.mjs).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { baseName, contentSecurityPolicy, escapeHtml, ledgerLabel, notesNameFor, renderBody, renderPage, statusText } from '../../client/src/summary/render';
import { isNotesPath, summaryKind } from '../../client/src/summary/protocol';
import type { NegotiationSummary } from '../../server/src/core/summary/types';

const ROOT = path.resolve(__dirname, '../../..');
const HOSTILE = `<img src=x onerror="alert(1)"> & 'quoted' <script>alert(2)</script>`;

function fixture(overrides: Partial<NegotiationSummary> = {}): NegotiationSummary {
  return {
    version: 1,
    title: 'Northwind / Harbor — “MSA” § 2 🤝',
    notes: 'file:///work/deals/master-services-agreement.negotiation.yaml',
    draft: 'file:///work/deals/master%20services%20agreement.md',
    parties: { we: 'Supplier', they: 'Customer' },
    batna: 'Renew the Crestline Freight platform contract',
    issues: [
      { id: 'fees', label: 'Fees', category: 'economic', priority: 'must-have', resistance: 'high', status: 'open', position: 'Annual fee of 225,000', benchmark: 'Rate card', given: 2, received: 1, line: 20 },
      { id: 'liability-cap', label: 'Cap for data protection claims', category: 'legal', priority: 'must-have', resistance: 'medium', status: 'open', position: '24 months', given: 0, received: 0, line: 28 },
      { id: 'payment-terms', label: 'payment terms', category: 'economic', status: 'conceded', given: 1, received: 0 },
      { id: 'go-live', label: 'go live', category: 'operational', status: 'agreed', given: 0, received: 1, line: 60 },
    ],
    byCategory: [
      { category: 'economic', counts: { open: 1, agreed: 0, conceded: 1, dropped: 0 } },
      { category: 'legal', counts: { open: 1, agreed: 0, conceded: 0, dropped: 0 } },
      { category: 'operational', counts: { open: 0, agreed: 1, conceded: 0, dropped: 0 } },
    ],
    ledger: {
      given: 3,
      received: 2,
      unreciprocated: 1,
      entries: [
        { give: "Accept Harbor's 45-day payment period", issue: 'payment-terms', line: 70 },
        { give: 'Accept the revised service credits', get: 'Harbor confirms the 36-month term', issue: 'fees', line: 72 },
      ],
    },
    benchmarks: { positions: 2, benchmarked: 1, missing: ['liability-cap'] },
    plan: [
      { order: 1, issue: 'go-live', label: 'go live', resistance: 'low', priority: 'want', status: 'agreed' },
      { order: 2, issue: 'fees', label: 'Fees', resistance: 'high', priority: 'must-have' },
    ],
    findings: [
      { rule: 'leaked-position', severity: 'error', count: 1 },
      { rule: 'unconditional-concession', severity: 'warning', count: 3 },
    ],
    progress: 'We have already aligned on the go-live date. The remaining points are the fees and the liability cap.',
    ...overrides,
  };
}

/** Every place a document value could land, filled with markup. */
function hostileFixture(): NegotiationSummary {
  const base = fixture();
  return fixture({
    title: HOSTILE,
    parties: { we: HOSTILE, they: HOSTILE },
    batna: HOSTILE,
    progress: HOSTILE,
    notes: `file:///tmp/${encodeURIComponent(HOSTILE)}.negotiation.yaml`,
    issues: base.issues.map((i) => ({ ...i, label: HOSTILE, position: HOSTILE, category: HOSTILE, priority: HOSTILE, resistance: HOSTILE })),
    byCategory: [{ category: HOSTILE, counts: { open: 1, agreed: 0, conceded: 0, dropped: 0 } }],
    ledger: { ...base.ledger, entries: [{ give: HOSTILE, get: HOSTILE, issue: HOSTILE, line: 3 }] },
    benchmarks: { positions: 2, benchmarked: 1, missing: [HOSTILE] },
    plan: [{ order: 1, issue: HOSTILE, label: HOSTILE, resistance: HOSTILE, priority: HOSTILE }],
  });
}

const PAGE = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'n0nceABC123', styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/summary.css', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/summary.js' };

describe('summary view HTML', () => {
  test('escapeHtml escapes the five characters that matter and nothing else', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a> § “q” 🤝`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; § “q” 🤝');
    assert.equal(escapeHtml(undefined), '');
    assert.equal(escapeHtml(3), '3');
  });

  test('every document value is escaped: no element or attribute from the notes reaches the page', () => {
    const html = renderBody({ state: 'summary', uri: 'file:///x.md', summary: hostileFixture() });
    // With every (double-quoted, escaped) attribute value blanked, only our tags and attribute names remain.
    const structure = html.replace(/="[^"]*"/g, '=""');
    const tags = structure.match(/<[^>]*>/g) ?? [];
    assert.ok(!tags.some((t) => /^<(img|script)|\s(on[a-z]+|src|href|style)=/i.test(t)), 'raw markup from the notes reached the page');
    assert.deepEqual([...new Set(structure.match(/<[a-z0-9]+/g))].sort(), [
      '<button', '<caption', '<code', '<div', '<h1', '<h2', '<header', '<li', '<ol', '<p', '<rect', '<section', '<span', '<strong', '<svg',
      '<table', '<tbody', '<td', '<tfoot', '<th', '<thead', '<title', '<tr', '<ul',
    ]);
    // The text is still there, escaped, in each place it was put.
    const escaped = escapeHtml(HOSTILE);
    const occurrences = html.split(escaped).length - 1;
    assert.ok(occurrences >= 12, `expected the escaped text in many places, saw ${occurrences}`);
    // Attribute values cannot be broken out of: every quote inside an attribute is escaped.
    for (const m of html.matchAll(/aria-label="([^"]*)"/g)) assert.ok(!m[1]!.includes('<'), m[1]);
  });

  test('the summary has the sections in order, with headings, captions and header cells', () => {
    const html = renderBody({ state: 'summary', uri: 'file:///x.md', summary: fixture() });
    const headings = [...html.matchAll(/<h([12])[^>]*>([^<]*)<\/h\1>/g)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(headings, [
      '1 Northwind / Harbor — “MSA” § 2 🤝',
      '2 Progress',
      '2 Issues',
      '2 Concession ledger',
      '2 Benchmarks',
      '2 Planned order of requests',
      '2 Unresolved findings',
      '2 Our alternative (BATNA)',
    ]);
    // Each section names its heading; each table has a caption and column headers.
    assert.equal((html.match(/<section aria-labelledby="/g) ?? []).length, 7);
    const tables = html.match(/<table[\s\S]*?<\/table>/g) ?? [];
    assert.equal(tables.length, 5);
    for (const t of tables) {
      assert.match(t, /<caption>[^<]+<\/caption>/);
      assert.match(t, /<th scope="col"/);
    }
    assert.match(html, /1 unreciprocated concession · 4 open findings/);
    assert.match(html, /notes: master-services-agreement\.negotiation\.yaml · draft: master services agreement\.md/);
    assert.match(html, /Go live<\/button> <span class="quiet">\(low resistance, want\)<\/span> <span class="status status-agreed">agreed<\/span><\/li>/);
    assert.match(html, /1 of 2 positions backed by a benchmark \(50%\)/);
    assert.match(html, /<p class="progress">We have already aligned on the go-live date\. The remaining points are the fees and the liability cap\.<\/p>/);
    assert.match(html, /<p class="batna">Renew the Crestline Freight platform contract<\/p>/);
  });

  test('the ledger chart: one labelled pair of bars per issue with concessions, scaled to the largest count', () => {
    const html = renderBody({ state: 'summary', uri: 'file:///x.md', summary: fixture() });
    const svgs = [...html.matchAll(/<svg class="bars"[^>]*aria-label="([^"]*)"[^>]*>([\s\S]*?)<\/svg>/g)];
    assert.deepEqual(
      svgs.map((m) => m[1]),
      ['Fees: given 2, received 1', 'Payment terms: given 1, received 0', 'Go live: given 0, received 1'],
    );
    for (const m of svgs) assert.match(m[0], /role="img"/);
    const widths = (svg: string) => [...svg.matchAll(/<rect class="(given|received)"[^>]*width="([\d.]+)"/g)].map((m) => `${m[1]}=${m[2]}`);
    assert.deepEqual(widths(svgs[0]![2]!), ['given=100.0', 'received=50.0']);
    assert.deepEqual(widths(svgs[1]![2]!), ['given=50.0', 'received=0.5']);
    // Issues that gave more than they got are marked.
    assert.equal((html.match(/<tr class="unbalanced">/g) ?? []).length, 3); // fees, payment terms, and the ledger entry with no get
    assert.equal(ledgerLabel({ label: 'Fees', given: 2, received: 1 }), 'Fees: given 2, received 1');
  });

  test('issues, plan steps and ledger entries reveal their line in the notes; without a line they are plain text', () => {
    const html = renderBody({ state: 'summary', uri: 'file:///x.md', summary: fixture() });
    const buttons = [...html.matchAll(/<button type="button" class="link issue-link" data-command="reveal" data-line="(\d+)" data-key="([^"]+)"[^>]*>([^<]*)<\/button>/g)];
    const issueButtons = buttons.filter((b) => b[2]!.startsWith('issue:')).map((b) => `${b[3]}@${b[1]}`);
    assert.deepEqual(issueButtons, ['Fees@20', 'Cap for data protection claims@28', 'Go live@60']);
    assert.ok(!buttons.some((b) => b[3] === 'Payment terms'), 'an issue without a line got a reveal button');
    assert.match(html, /<span class="issue-link">Payment terms<\/span>/);
    assert.deepEqual(
      buttons.filter((b) => b[2]!.startsWith('plan:')).map((b) => `${b[3]}@${b[1]}`),
      ['Go live@60', 'Fees@20'],
    );
    assert.match(html, /<button type="button" class="link" data-command="reveal" data-line="70" data-key="concession:0"[^>]*>Accept Harbor&#39;s 45-day payment period</);
    // Every interactive element is a real button.
    assert.ok(!/<a\s/.test(html));
    assert.ok(!/onclick|href="javascript/i.test(html));
  });

  test('a summary with nothing in it says so instead of drawing empty tables', () => {
    const html = renderBody({
      state: 'summary',
      uri: 'file:///x.md',
      summary: fixture({
        batna: undefined,
        issues: [],
        byCategory: [],
        ledger: { given: 0, received: 0, unreciprocated: 0, entries: [] },
        benchmarks: { positions: 0, benchmarked: 0, missing: [] },
        plan: [],
        findings: [],
        progress: '',
      }),
    });
    assert.ok(!html.includes('<table'), 'an empty table was drawn');
    for (const text of ['The notes list no issues yet.', 'Every concession has something in return.', 'No open findings.', 'No alternative recorded.', 'Nothing to report yet.'])
      assert.ok(html.includes(text), text);
  });

  test('a draft without notes: how to create them, and its own findings', () => {
    const html = renderBody({ state: 'no-notes', uri: 'file:///d/acme-msa.md', name: 'acme-msa.md', findings: [{ rule: 'over-disclosure', severity: 'warning', count: 2 }] });
    assert.match(html, /<code>acme-msa\.negotiation\.yaml<\/code>/);
    assert.match(html, /<button type="button" class="primary" data-command="createNotes"/);
    assert.match(html, /<code>over-disclosure<\/code><\/th><td><span class="severity severity-warning">warning<\/span><\/td><td class="num">2<\/td>/);
    assert.equal(notesNameFor('letter.v2.txt'), 'letter.v2.negotiation.yaml');
    assert.equal(notesNameFor('README'), 'README.negotiation.yaml');
  });

  test('the page: a strict CSP with one nonce, the media stylesheet and script, no inline style or remote content', () => {
    const html = renderPage({ ...PAGE, view: { state: 'summary', uri: 'file:///x.md', summary: hostileFixture() } });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(
      csp?.replace(/&#39;/g, "'"),
      `default-src 'none'; style-src ${PAGE.cspSource} 'nonce-${PAGE.nonce}'; script-src 'nonce-${PAGE.nonce}'; img-src ${PAGE.cspSource}`,
    );
    assert.equal(contentSecurityPolicy('S', 'N'), "default-src 'none'; style-src S 'nonce-N'; script-src 'nonce-N'; img-src S");
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0]![1], ` nonce="${PAGE.nonce}" src="${PAGE.scriptUri}"`);
    assert.equal(scripts[0]![2], '', 'no inline script');
    assert.ok(!/\sstyle=/.test(html), 'an inline style attribute would be blocked by the CSP');
    assert.ok(!/<style/.test(html));
    // The only URLs are the CSP source's (the media folder).
    const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    assert.deepEqual(urls, [PAGE.styleUri, PAGE.scriptUri]);
    assert.match(html, /<main id="summary" data-uri="file:\/\/\/x\.md" data-seq="0">/);
    assert.match(html, /<html lang="en">/);
  });

  test('media/summary.css and media/summary.js exist and ship in the .vsix; the CSS uses theme variables only', () => {
    const css = fs.readFileSync(path.join(ROOT, 'media', 'summary.css'), 'utf8');
    const js = fs.readFileSync(path.join(ROOT, 'media', 'summary.js'), 'utf8');
    assert.ok(!/#[0-9a-f]{3,8}\b|rgb\(|hsl\(/i.test(css.replace(/\/\*[\s\S]*?\*\//g, '')), 'a hard-coded colour does not follow the theme');
    assert.match(css, /vscode-high-contrast/);
    assert.match(css, /--vscode-focusBorder/);
    assert.ok(!/https?:|@import|url\(/.test(css + js), 'remote or imported content');
    assert.ok(!/\beval\(|new Function/.test(js));
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!media/**'), '.vscodeignore does not ship media/');
  });

  test('names and kinds: base names of paths and URIs, notes files, drafts', () => {
    assert.equal(baseName('file:///a/b%20c%C2%A7.md'), 'b c§.md');
    assert.equal(baseName('C:\\deals\\acme.md'), 'acme.md');
    assert.equal(baseName('deals/acme.negotiation.yaml'), 'acme.negotiation.yaml');
    assert.ok(isNotesPath('/a/acme.negotiation.yml'));
    assert.ok(!isNotesPath('/a/negotiation.yaml.md'));
    assert.equal(summaryKind({ uri: { scheme: 'file', path: '/a/x.negotiation.yaml' }, languageId: 'yaml' }), 'notes');
    assert.equal(summaryKind({ uri: { scheme: 'untitled', path: 'Untitled-1' }, languageId: 'markdown' }), 'draft');
    assert.equal(summaryKind({ uri: { scheme: 'file', path: '/a/settings.yaml' }, languageId: 'yaml' }), undefined);
    assert.equal(summaryKind({ uri: { scheme: 'git', path: '/a/x.md' }, languageId: 'markdown' }), undefined);
  });

  test('status bar text', () => {
    assert.equal(statusText(2, 5), '$(law) 2 unreciprocated · 5 findings');
    assert.equal(statusText(0, 1), '$(law) 0 unreciprocated · 1 finding');
    assert.equal(statusText(undefined, 0), '$(law) 0 findings');
  });
});
