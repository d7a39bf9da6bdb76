// The summary view's HTML, built from the server's NegotiationSummary. Pure (no `vscode` import):
// unit tests render it directly. Every value that comes from a document is escaped: notes and
// drafts are user data, and the webview must never run or load anything they contain.
//
// Styling lives in media/summary.css (theme colours through --vscode-* variables); the page's
// only script is media/summary.js, loaded with a nonce. No inline style attributes (the CSP has no
// 'unsafe-inline'): the ledger chart is inline SVG whose sizes are presentation attributes.

import type { IssueStatus, NegotiationSummary, SummaryFindingCount, SummaryIssue } from '../../../server/src/core/summary/types';

export const STATUSES: readonly IssueStatus[] = ['open', 'agreed', 'conceded', 'dropped'];

/** What the view shows. */
export type SummaryView =
  | { state: 'summary'; uri: string; summary: NegotiationSummary }
  /** A draft with no notes paired: how to create them, and the draft's own findings. */
  | { state: 'no-notes'; uri: string; name: string; findings: SummaryFindingCount[] }
  /** Waiting for the server's first answer. */
  | { state: 'loading'; uri: string; name: string }
  /** Neither a draft nor notes is (or was) active. */
  | { state: 'none' }
  | { state: 'error'; uri?: string; name?: string; message: string };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The last path segment of a file path or URI, decoded ("file:///a/b%20c.md" → "b c.md"). */
export function baseName(pathOrUri: string): string {
  const last = pathOrUri.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? pathOrUri;
  try {
    return /^[a-z][a-z0-9+.-]*:/i.test(pathOrUri) ? decodeURIComponent(last) : last;
  } catch {
    return last;
  }
}

const cap = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A button that reveals a line of the notes (only when the server gave the line). */
function revealButton(text: string, line: number | undefined, key: string, extraClass = ''): string {
  if (line === undefined || !Number.isInteger(line) || line < 0) return extraClass ? `<span class="${extraClass}">${escapeHtml(text)}</span>` : escapeHtml(text);
  return (
    `<button type="button" class="${['link', extraClass].filter(Boolean).join(' ')}" data-command="reveal" data-line="${line}" data-key="${escapeHtml(key)}"` +
    ` title="Show in the negotiation notes (line ${line + 1})">${escapeHtml(text)}</button>`
  );
}

function section(id: string, title: string, body: string): string {
  return `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(title)}</h2>${body}</section>`;
}

function findingsTable(findings: SummaryFindingCount[], caption: string): string {
  if (findings.length === 0) return '<p class="quiet">No open findings.</p>';
  const rows = findings
    .map(
      (f) =>
        `<tr><th scope="row"><code>${escapeHtml(f.rule)}</code></th><td><span class="severity severity-${escapeHtml(f.severity)}">${escapeHtml(f.severity)}</span></td><td class="num">${escapeHtml(f.count)}</td></tr>`,
    )
    .join('');
  return (
    `<table><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col" class="num">Findings</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>` +
    `<p><button type="button" class="secondary" data-command="showProblems" data-key="show-problems">Show in the Problems panel</button></p>`
  );
}

function issuesSection(s: NegotiationSummary): string {
  if (s.issues.length === 0) return section('issues', 'Issues', '<p class="quiet">The notes list no issues yet.</p>');
  const totals = Object.fromEntries(STATUSES.map((st) => [st, s.issues.filter((i) => i.status === st).length])) as Record<IssueStatus, number>;
  const head = `<thead><tr><th scope="col">Category</th>${STATUSES.map((st) => `<th scope="col" class="num">${cap(st)}</th>`).join('')}</tr></thead>`;
  const rows = s.byCategory
    .map((c) => `<tr><th scope="row">${escapeHtml(cap(c.category))}</th>${STATUSES.map((st) => `<td class="num">${escapeHtml(c.counts[st] ?? 0)}</td>`).join('')}</tr>`)
    .join('');
  const foot = `<tfoot><tr><th scope="row">All</th>${STATUSES.map((st) => `<td class="num">${totals[st]}</td>`).join('')}</tr></tfoot>`;
  const byCategory = `<table class="by-category"><caption>Issues by category and status</caption>${head}<tbody>${rows}</tbody>${foot}</table>`;
  const issueRows = s.issues
    .map(
      (i) =>
        `<tr class="issue-${escapeHtml(i.status)}"><th scope="row">${revealButton(cap(i.label), i.line, `issue:${i.id}`, 'issue-link')}</th>` +
        `<td>${escapeHtml(cap(i.category ?? 'uncategorised'))}</td><td>${escapeHtml(i.priority ?? '')}</td><td>${escapeHtml(i.resistance ?? '')}</td>` +
        `<td><span class="status status-${escapeHtml(i.status)}">${escapeHtml(i.status)}</span></td><td>${escapeHtml(i.position ?? '')}</td></tr>`,
    )
    .join('');
  const list =
    `<table class="issues"><caption>Every issue, as listed in the notes</caption><thead><tr><th scope="col">Issue</th><th scope="col">Category</th>` +
    `<th scope="col">Priority</th><th scope="col">Resistance</th><th scope="col">Status</th><th scope="col">Our position</th></tr></thead><tbody>${issueRows}</tbody></table>`;
  const summaryLine = `<p>${plural(s.issues.length, 'issue')} on the table: ${STATUSES.filter((st) => totals[st] > 0)
    .map((st) => `${totals[st]} ${st}`)
    .join(', ')}.</p>`;
  return section('issues', 'Issues', summaryLine + byCategory + list);
}

/** The accessible description of one issue's bars, e.g. "Fees: given 2, received 1". */
export function ledgerLabel(issue: Pick<SummaryIssue, 'label' | 'given' | 'received'>): string {
  return `${cap(issue.label)}: given ${issue.given}, received ${issue.received}`;
}

const BAR_HEIGHT = 7;
const BAR_GAP = 2;

function ledgerBars(issue: SummaryIssue, max: number): string {
  const width = (n: number) => (max > 0 ? Math.max((n / max) * 100, n > 0 ? 2 : 0.5) : 0.5).toFixed(1);
  const label = ledgerLabel(issue);
  return (
    `<svg class="bars" viewBox="0 0 100 ${2 * BAR_HEIGHT + BAR_GAP}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(label)}">` +
    `<title>${escapeHtml(label)}</title>` +
    `<rect class="given" x="0" y="0" width="${width(issue.given)}" height="${BAR_HEIGHT}"></rect>` +
    `<rect class="received" x="0" y="${BAR_HEIGHT + BAR_GAP}" width="${width(issue.received)}" height="${BAR_HEIGHT}"></rect></svg>`
  );
}

function ledgerSection(s: NegotiationSummary): string {
  const { given, received, unreciprocated, entries } = s.ledger;
  const totals =
    `<p>${plural(given, 'concession')} given, ${received} received in return. ` +
    (unreciprocated > 0
      ? `<strong class="warn">${plural(unreciprocated, 'concession has', 'concessions have')} nothing in return yet.</strong>`
      : 'Every concession has something in return.') +
    '</p>';
  const charted = s.issues.filter((i) => i.given > 0 || i.received > 0);
  const max = Math.max(0, ...charted.map((i) => Math.max(i.given, i.received)));
  const chart = charted.length
    ? `<table class="ledger-chart"><caption>Given and received per issue</caption><thead><tr><th scope="col">Issue</th><th scope="col" class="num">Given</th>` +
      `<th scope="col" class="num">Received</th><th scope="col" class="chart-col"><span class="legend"><span class="swatch given" aria-hidden="true"></span>given ` +
      `<span class="swatch received" aria-hidden="true"></span>received</span></th></tr></thead><tbody>` +
      charted
        .map(
          (i) =>
            `<tr${i.given > i.received ? ' class="unbalanced"' : ''}><th scope="row">${revealButton(cap(i.label), i.line, `ledger:${i.id}`, 'issue-link')}</th>` +
            `<td class="num">${i.given}</td><td class="num">${i.received}</td><td class="chart-col">${ledgerBars(i, max)}</td></tr>`,
        )
        .join('') +
      '</tbody></table>'
    : '<p class="quiet">No concessions recorded on an issue yet.</p>';
  const entryRows = entries
    .map(
      (e, n) =>
        `<tr${e.get ? '' : ' class="unbalanced"'}><td>${revealButton(e.give, e.line, `concession:${n}`)}</td>` +
        `<td>${e.get ? escapeHtml(e.get) : '<em class="warn">nothing yet</em>'}</td><td>${escapeHtml(e.issue ?? '')}</td></tr>`,
    )
    .join('');
  const table = entries.length
    ? `<table class="entries"><caption>The ledger: every give needs a get</caption><thead><tr><th scope="col">We gave</th><th scope="col">We got</th><th scope="col">Issue</th></tr></thead><tbody>${entryRows}</tbody></table>`
    : '';
  return section('ledger', 'Concession ledger', totals + chart + table);
}

function benchmarksSection(s: NegotiationSummary): string {
  const { positions, benchmarked, missing } = s.benchmarks;
  if (positions === 0) return section('benchmarks', 'Benchmarks', '<p class="quiet">No positions recorded yet.</p>');
  const pct = Math.round((benchmarked / positions) * 100);
  const meter =
    `<svg class="coverage" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(`${benchmarked} of ${positions} positions benchmarked`)}">` +
    `<rect class="track" x="0" y="0" width="100" height="8"></rect><rect class="covered" x="0" y="0" width="${pct}" height="8"></rect></svg>`;
  const byId = new Map(s.issues.map((i) => [i.id, i]));
  const list = missing.length
    ? `<p>Positions with no objective standard behind them:</p><ul>${missing
        .map((id) => {
          const issue = byId.get(id);
          return `<li>${revealButton(cap(issue?.label ?? id), issue?.line, `benchmark:${id}`, 'issue-link')}</li>`;
        })
        .join('')}</ul>`
    : '<p>Every position has a benchmark.</p>';
  return section('benchmarks', 'Benchmarks', `<p>${benchmarked} of ${plural(positions, 'position')} backed by a benchmark (${pct}%).</p>${meter}${list}`);
}

function planSection(s: NegotiationSummary): string {
  if (s.plan.length === 0) return section('plan', 'Planned order of requests', '<p class="quiet">No plan recorded.</p>');
  const byId = new Map(s.issues.map((i) => [i.id, i]));
  const items = s.plan
    .map((p) => {
      const facts = [p.resistance && `${p.resistance} resistance`, p.priority].filter(Boolean).join(', ');
      const status = p.status ? ` <span class="status status-${escapeHtml(p.status)}">${escapeHtml(p.status)}</span>` : '';
      return `<li>${revealButton(cap(p.label), byId.get(p.issue)?.line, `plan:${p.order}`, 'issue-link')}${facts ? ` <span class="quiet">(${escapeHtml(facts)})</span>` : ''}${status}</li>`;
    })
    .join('');
  return section('plan', 'Planned order of requests', `<ol class="plan">${items}</ol>`);
}

function batnaSection(s: NegotiationSummary): string {
  const body = s.batna
    ? `<p class="batna">${escapeHtml(s.batna)}</p>`
    : '<p class="warn">No alternative recorded. Add a <code>batna:</code> to the notes: without one, every other point is weaker.</p>';
  return section('batna', 'Our alternative (BATNA)', body);
}

function summaryBody(s: NegotiationSummary): string {
  const parties = [s.parties.we && `for ${s.parties.we}`, s.parties.they && `with ${s.parties.they}`].filter(Boolean).join(' ');
  const files = [s.notes && `notes: ${baseName(s.notes)}`, s.draft && `draft: ${baseName(s.draft)}`].filter(Boolean).join(' · ');
  const openFindings = s.findings.reduce((n, f) => n + f.count, 0);
  const header =
    `<header><h1>${escapeHtml(s.title)}</h1>` +
    (parties || files ? `<p class="quiet">${escapeHtml([parties, files].filter(Boolean).join(' — '))}</p>` : '') +
    `<p class="glance" role="status">${plural(s.ledger.unreciprocated, 'unreciprocated concession')} · ${plural(openFindings, 'open finding')}</p>` +
    `<div class="toolbar">` +
    (s.notes ? `<button type="button" class="secondary" data-command="openNotes" data-key="open-notes">Open the notes</button>` : '') +
    `</div></header>`;
  const progress = section(
    'progress',
    'Progress',
    s.progress
      ? `<p class="progress">${escapeHtml(s.progress)}</p><p><button type="button" class="secondary" data-command="copyProgress" data-key="copy-progress">Copy paragraph</button></p>`
      : '<p class="quiet">Nothing to report yet.</p>',
  );
  return (
    header +
    progress +
    issuesSection(s) +
    ledgerSection(s) +
    benchmarksSection(s) +
    planSection(s) +
    section('findings', 'Unresolved findings', findingsTable(s.findings, 'Open findings in the draft and the notes, by rule')) +
    batnaSection(s)
  );
}

/** The content of the page's <main>, for the first load and for every update. */
export function renderBody(view: SummaryView): string {
  switch (view.state) {
    case 'summary':
      return summaryBody(view.summary);
    case 'no-notes':
      return (
        `<header><h1>${escapeHtml(view.name)}</h1></header>` +
        section(
          'no-notes',
          'No negotiation notes',
          `<p>No negotiation notes are paired with this draft. Notes named like the draft (<code>${escapeHtml(notesNameFor(view.name))}</code>) ` +
            'in the same folder, or any notes whose <code>draft:</code> field names it, are picked up automatically.</p>' +
            '<p><button type="button" class="primary" data-command="createNotes" data-key="create-notes">Create negotiation notes</button></p>',
        ) +
        section('findings', 'Unresolved findings', findingsTable(view.findings, 'Open findings in this draft, by rule'))
      );
    case 'error':
      return (
        (view.name ? `<header><h1>${escapeHtml(view.name)}</h1></header>` : '') +
        `<p class="warn" role="alert">${escapeHtml(view.message)}</p>` +
        '<p><button type="button" class="secondary" data-command="refresh" data-key="refresh">Try again</button></p>'
      );
    case 'loading':
      return `<header><h1>${escapeHtml(view.name)}</h1></header><p class="quiet">Reading the negotiation…</p>`;
    case 'none':
      return '<p class="quiet">Open a draft, a letter or negotiation notes (<code>*.negotiation.yaml</code>) to see its negotiation summary.</p>';
  }
}

/** "acme-msa.md" → "acme-msa.negotiation.yaml". */
export function notesNameFor(draftName: string): string {
  const dot = draftName.lastIndexOf('.');
  return `${dot > 0 ? draftName.slice(0, dot) : draftName}.negotiation.yaml`;
}

export function viewTitle(view: SummaryView): string {
  if (view.state === 'summary') return `Summary: ${view.summary.title}`;
  if (view.state === 'no-notes') return `Summary: ${view.name}`;
  return 'Negotiation Summary';
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource}`;
}

export interface PageParts {
  cspSource: string;
  nonce: string;
  styleUri: string;
  scriptUri: string;
  view: SummaryView;
  /** The render's number, echoed by the page once it shows it. */
  seq?: number;
}

/** The whole document: CSP, the stylesheet and script from media/, and the body. */
export function renderPage({ cspSource, nonce, styleUri, scriptUri, view, seq = 0 }: PageParts): string {
  const uri = 'uri' in view && view.uri ? view.uri : '';
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(cspSource, nonce))}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<link rel="stylesheet" href="${escapeHtml(styleUri)}" nonce="${escapeHtml(nonce)}">` +
    `<title>${escapeHtml(viewTitle(view))}</title></head>` +
    `<body><main id="summary" data-uri="${escapeHtml(uri)}" data-seq="${seq}">${renderBody(view)}</main>` +
    `<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script></body></html>`
  );
}

/** The status bar text: "$(law) 2 unreciprocated · 5 findings" with notes, "$(law) 5 findings" without. */
export function statusText(unreciprocated: number | undefined, findings: number): string {
  const f = `${findings} ${findings === 1 ? 'finding' : 'findings'}`;
  return unreciprocated === undefined ? `$(law) ${f}` : `$(law) ${unreciprocated} unreciprocated · ${f}`;
}
