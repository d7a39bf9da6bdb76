// `leverage summary [--format text|json|markdown] [--config FILE] NOTES_OR_DRAFT`: the negotiation
// at a glance, from negotiation notes or from a draft with paired notes. `--format json` prints
// exactly what the `leverage/summary` request returns (with file paths relative to the working
// folder instead of URIs); text and Markdown are for people, and end with the progress paragraph.
//
// Exit status, as for `check`: 0 printed; 2 bad usage, a bad playbook, a file that cannot be read
// or is not supported, or a draft with no paired notes (one line on stderr says which).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { definedTerms } from '../core/summary/scaffold';
import { summarize } from '../core/summary/summarize';
import type { NegotiationSummary, SummaryIssue } from '../core/summary/types';
import type { DocumentKind } from '../core/types';
import { draftFor, findingsOf, notesForDraft } from '../summaryFiles';
import { loadConfig } from './config';
import { describeError, displayPath, fileKind, readText, SUPPORTED } from './files';
import type { Io } from './run';

export type SummaryFormat = 'text' | 'json' | 'markdown';
export const SUMMARY_FORMATS: readonly SummaryFormat[] = ['text', 'json', 'markdown'];

export interface SummaryCommand {
  command: 'summary';
  format: SummaryFormat;
  config?: string;
  path: string;
}

/** The exit statuses `check` uses (run.ts). */
const EXIT_OK = 0;
const EXIT_TROUBLE = 2;


/** Runs `leverage summary`; returns the exit status. */
export function runSummary(cmd: SummaryCommand, io: Io): number {
  const display = (abs: string) => displayPath(abs, io.cwd);
  const fail = (line: string) => {
    io.stderr(`leverage: ${line}\n`);
    return EXIT_TROUBLE;
  };
  const config = loadConfig(cmd.config, io.cwd, display);
  for (const w of config.warnings) io.stderr(`leverage: ${w.text}\n`);
  if (config.errors.length > 0) {
    for (const e of config.errors) io.stderr(`leverage: ${e.text}\n`);
    return EXIT_TROUBLE;
  }

  const abs = path.resolve(io.cwd, cmd.path);
  const shown = display(abs);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch (err) {
    return fail(`${shown}: ${describeError(err, 'path')}`);
  }
  if (stat.isDirectory()) return fail(`${shown}: is a folder: give the negotiation notes, or a draft with paired notes`);
  const kind = fileKind(abs);
  if (!kind) return fail(`${shown}: unsupported file type (expected ${SUPPORTED})`);
  const read = readText(abs);
  if (!read.ok) return fail(`${shown}: ${read.reason}`);

  let notes: { path: string; text: string };
  let draft: { path: string; text: string; kind: DocumentKind } | undefined;
  if (kind === 'notes') {
    notes = { path: abs, text: read.text };
    const found = draftFor(abs, read.text);
    const draftKind = found && fileKind(found.path);
    if (found && draftKind && draftKind !== 'notes') draft = { ...found, kind: draftKind };
  } else {
    const found = notesForDraft(abs);
    if (!found) return fail(`${shown}: no negotiation notes are paired with this draft (create ${path.basename(abs).replace(/\.[^.]+$/, '')}.negotiation.yaml beside it, or name it in the notes' draft: field)`);
    notes = found;
    draft = { path: abs, text: read.text, kind };
  }

  const summary = summarize({
    notesText: notes.text,
    notesFindings: findingsOf(notes.text, 'notes', config.options, 'cli'),
    draftFindings: draft ? findingsOf(draft.text, draft.kind, config.options, 'cli', notes.text) : [],
    notes: display(notes.path),
    ...(draft ? { draft: display(draft.path), definedTerms: definedTerms(draft.text) } : {}),
  });
  switch (cmd.format) {
    case 'json':
      io.stdout(JSON.stringify(summary, null, 2) + '\n');
      break;
    case 'markdown':
      io.stdout(formatMarkdown(summary));
      break;
    case 'text':
      io.stdout(formatText(summary));
      break;
  }
  return EXIT_OK;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function statusCounts(s: NegotiationSummary): string {
  const counts = new Map<string, number>();
  for (const i of s.issues) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
}

function issueFacts(i: SummaryIssue): string {
  const facts = [i.category, i.priority, i.resistance && `${i.resistance} resistance`].filter(Boolean).join(', ');
  return facts ? ` (${facts})` : '';
}

function findingsLine(s: NegotiationSummary): string {
  const by = new Map<string, number>();
  for (const f of s.findings) by.set(f.severity, (by.get(f.severity) ?? 0) + f.count);
  return [...by].map(([severity, n]) => (severity === 'information' || severity === 'hint' ? `${n} ${severity}` : plural(n, severity))).join(', ');
}

/** The summary for a terminal: plain lines, no colour. */
export function formatText(s: NegotiationSummary): string {
  const L: string[] = [s.title];
  if (s.notes) L.push(`Notes: ${s.notes}`);
  L.push(`Draft: ${s.draft ?? 'none found'}`);
  if (s.parties.we || s.parties.they) L.push(`We: ${s.parties.we ?? '?'} · They: ${s.parties.they ?? '?'}`);
  L.push(`BATNA: ${s.batna ?? 'none recorded'}`);
  L.push('');
  L.push(`Issues: ${s.issues.length}${s.issues.length ? ` (${statusCounts(s)})` : ''}`);
  for (const i of s.issues) {
    L.push(`  ${i.status.padEnd(8)} ${i.id || i.label}${issueFacts(i)}${i.given ? `, ${i.given} given / ${i.received} received` : ''}`);
    if (i.position) L.push(`           position: ${i.position}${i.benchmark ? '' : ' (no benchmark)'}`);
  }
  L.push('');
  L.push(`Ledger: ${s.ledger.given} given, ${s.ledger.received} received, ${s.ledger.unreciprocated} with nothing in return`);
  for (const e of s.ledger.entries) L.push(`  gave: ${e.give} → got: ${e.get ?? 'nothing yet'}${e.issue ? ` [${e.issue}]` : ''}`);
  L.push('');
  L.push(`Benchmarks: ${s.benchmarks.benchmarked} of ${plural(s.benchmarks.positions, 'position')}${s.benchmarks.missing.length ? `; missing: ${s.benchmarks.missing.join(', ')}` : ''}`);
  if (s.plan.length) L.push(`Plan: ${s.plan.map((p) => `${p.order}. ${p.issue}${p.resistance ? ` (${p.resistance})` : ''}`).join('  ')}`);
  L.push(`Findings: ${s.findings.length ? findingsLine(s) : 'none'}`);
  for (const f of s.findings) L.push(`  ${String(f.count).padStart(3)} ${f.rule} (${f.severity})`);
  L.push('');
  L.push('Progress paragraph, for the other side:');
  L.push(s.progress ? `  ${s.progress}` : '  (no issues are settled or open yet)');
  return L.join('\n') + '\n';
}

/** Table cells: one line, pipes escaped. */
const cell = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|');

/** The summary as Markdown, to paste into a memo or a ticket (it is private: it names the BATNA). */
export function formatMarkdown(s: NegotiationSummary): string {
  const L: string[] = [`# ${cell(s.title)}`, ''];
  if (s.notes) L.push(`- Notes: \`${s.notes}\``);
  L.push(`- Draft: ${s.draft ? `\`${s.draft}\`` : 'none found'}`);
  if (s.parties.we || s.parties.they) L.push(`- We: ${cell(s.parties.we ?? '?')}; they: ${cell(s.parties.they ?? '?')}`);
  L.push(`- BATNA: ${s.batna ? cell(s.batna) : '**none recorded**'}`, '');
  L.push('## Issues', '');
  if (s.issues.length) {
    L.push('| issue | category | priority | resistance | status | position | benchmark | given | received |', '|---|---|---|---|---|---|---|---|---|');
    for (const i of s.issues) {
      L.push(`| ${cell(i.label)} | ${cell(i.category)} | ${cell(i.priority)} | ${cell(i.resistance)} | ${i.status} | ${cell(i.position)} | ${i.position ? (i.benchmark ? cell(i.benchmark) : '**missing**') : ''} | ${i.given} | ${i.received} |`);
    }
  } else L.push('No issues recorded.');
  L.push('', '## Concession ledger', '', `${s.ledger.given} given, ${s.ledger.received} received, ${s.ledger.unreciprocated} with nothing in return.`, '');
  for (const e of s.ledger.entries) L.push(`- gave: ${cell(e.give)} → got: ${e.get ? cell(e.get) : '**nothing yet**'}${e.issue ? ` (\`${e.issue}\`)` : ''}`);
  L.push('', '## Benchmarks', '', `${s.benchmarks.benchmarked} of ${plural(s.benchmarks.positions, 'position')} have a benchmark${s.benchmarks.missing.length ? `; missing: ${s.benchmarks.missing.map((m) => `\`${m}\``).join(', ')}` : ''}.`);
  if (s.plan.length) {
    L.push('', '## Plan', '');
    for (const p of s.plan) L.push(`${p.order}. ${cell(p.label)}${p.resistance ? ` (${p.resistance} resistance)` : ''}${p.status && p.status !== 'open' ? ` — ${p.status}` : ''}`);
  }
  L.push('', '## Findings', '');
  if (s.findings.length) for (const f of s.findings) L.push(`- \`${f.rule}\` (${f.severity}): ${f.count}`);
  else L.push('None.');
  L.push('', '## Progress paragraph', '', s.progress ? `> ${s.progress}` : '_No issues are settled or open yet._');
  return L.join('\n') + '\n';
}
