// The negotiation at a glance, from the notes and the findings: issues by category and status,
// the concession ledger, benchmark coverage, the planned order of requests, unresolved findings
// by rule, the BATNA, and the progress paragraph for outgoing text. Pure: texts and findings in,
// plain data out (see types.ts); the server, the CLI and the VS Code view all call this.

import { LineIndex } from '../lines';
import { checkNotes } from '../notes/checks';
import type { NotesModel } from '../notes/model';
import { CATEGORIES, STATUSES } from '../notes/schema';
import type { FindingCode, Severity } from '../types';
import { issueLabel, properNounsOf, readableId } from './labels';
import { progressParagraph } from './progress';
import { SUMMARY_VERSION, type IssueStatus, type NegotiationSummary, type SummaryFindingCount, type SummaryIssue, type SummaryPlanStep } from './types';

export interface SummaryInput {
  /** The negotiation notes' text. */
  notesText: string;
  /** The notes already parsed from `notesText`, when the caller has them. */
  notesModel?: NotesModel;
  /** The draft's findings (after suppressions), when there is a paired draft. */
  draftFindings?: readonly { rule: FindingCode; severity: Severity }[];
  /** The notes' own findings (after suppressions). */
  notesFindings?: readonly { rule: FindingCode; severity: Severity }[];
  /** How to name the files in the summary (paths or URIs, as the caller likes). */
  notes?: string;
  draft?: string;
  /** Defined terms of the draft ("Services", "Customer"), kept capitalised in the paragraph. */
  definedTerms?: readonly string[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };
const UNCATEGORISED = 'uncategorised';

const text = (f: { value: string } | undefined): string | undefined => {
  const v = f?.value.trim();
  return v ? v : undefined;
};

const baseName = (p: string): string => {
  const clean = p.replace(/[?#].*$/, '').replace(/[\\/]+$/, '');
  const name = clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
};

export function summarize(input: SummaryInput): NegotiationSummary {
  const { notesText } = input;
  const model = input.notesModel ?? checkNotes(notesText).model;
  const lines = new LineIndex(notesText);
  const lineOf = (offset: number) => lines.positionAt(offset).line;

  const issues: SummaryIssue[] = [];
  for (const issue of model.issues) {
    const id = text(issue.id) ?? '';
    const label = issueLabel(issue);
    if (!id && !label) continue;
    const ledger = id ? model.concessions.filter((c) => text(c.issue) === id) : [];
    issues.push({
      id,
      label: label || readableId(id),
      ...(issue.category ? { category: issue.category.value } : {}),
      ...(issue.priority ? { priority: issue.priority.value } : {}),
      ...(issue.resistance ? { resistance: issue.resistance.value } : {}),
      status: issue.status?.value ?? 'open',
      ...(text(issue.position) ? { position: text(issue.position) } : {}),
      ...(text(issue.benchmark) ? { benchmark: text(issue.benchmark) } : {}),
      given: ledger.filter((c) => text(c.give)).length,
      received: ledger.filter((c) => text(c.give) && text(c.get)).length,
      line: lineOf(issue.range.start),
    });
  }

  const categories = [...CATEGORIES, UNCATEGORISED].filter((c) => issues.some((i) => (i.category ?? UNCATEGORISED) === c));
  const byCategory = categories.map((category) => {
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<IssueStatus, number>;
    for (const i of issues) if ((i.category ?? UNCATEGORISED) === category) counts[i.status]++;
    return { category, counts };
  });

  const entries = model.concessions
    .filter((c) => text(c.give))
    .map((c) => ({
      give: text(c.give)!,
      ...(text(c.get) ? { get: text(c.get) } : {}),
      ...(text(c.issue) ? { issue: text(c.issue) } : {}),
      line: lineOf(c.range.start),
    }));

  // Positions still in play: a dropped issue's position is no longer asked for.
  const positioned = issues.filter((i) => i.position && i.status !== 'dropped');
  const missing = positioned.filter((i) => !i.benchmark).map((i) => i.id || i.label);

  const plan: SummaryPlanStep[] = [];
  const planned = model.plan?.items.length ? model.plan.items.map((item) => item.value.trim()) : issues.map((i) => i.id);
  for (const id of planned) {
    if (!id) continue;
    const issue = issues.find((i) => i.id === id);
    plan.push({
      order: plan.length + 1,
      issue: id,
      label: issue?.label ?? readableId(id),
      ...(issue?.resistance ? { resistance: issue.resistance } : {}),
      ...(issue?.priority ? { priority: issue.priority } : {}),
      ...(issue ? { status: issue.status } : {}),
    });
  }

  const counts = new Map<string, SummaryFindingCount>();
  for (const f of [...(input.draftFindings ?? []), ...(input.notesFindings ?? [])]) {
    const key = `${f.rule}\u0000${f.severity}`;
    const c = counts.get(key);
    if (c) c.count++;
    else counts.set(key, { rule: f.rule, severity: f.severity, count: 1 });
  }
  const findings = [...counts.values()].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.count - a.count || a.rule.localeCompare(b.rule));

  const batna = text(model.batna) ?? text(model.private?.batna);
  const title = text(model.negotiation) ?? (input.notes ? baseName(input.notes) : input.draft ? baseName(input.draft) : 'Negotiation');
  const we = text(model.we);
  const they = text(model.they);

  return {
    version: SUMMARY_VERSION,
    title,
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
    ...(input.draft !== undefined ? { draft: input.draft } : {}),
    parties: { ...(we ? { we } : {}), ...(they ? { they } : {}) },
    ...(batna ? { batna } : {}),
    issues,
    byCategory,
    ledger: {
      given: entries.length,
      received: entries.filter((e) => e.get).length,
      unreciprocated: entries.filter((e) => !e.get).length,
      entries,
    },
    benchmarks: { positions: positioned.length, benchmarked: positioned.length - missing.length, missing },
    plan,
    findings,
    progress: progressParagraph(model, properNounsOf(model, input.definedTerms ?? [])),
  };
}
