// `leverage` as a function of its arguments and environment, so tests can run it in-process.
// Only I/O glue around the analysis core: no document text is ever written to stderr.

import { notesFor } from '../pairing';
import { analyze, severityOf } from '../core/analyze';
import { LineIndex } from '../core/lines';
import { RULES, ruleById } from '../core/rules/index';
import { boundInput, keepForPrefix } from '../lsp/limits';
import { VERSION } from '../version';
import { parseArgs, UsageError, USAGE, type CheckCommand } from './args';
import { runSummary } from './summary';
import { loadConfig } from './config';
import { SinceFilter } from './since';
import { collectFiles, compare, displayPath, readText, type FileToCheck } from './files';
import { count, formatJson, formatSarif, formatText, type CheckedFile, type ReportedDiagnostic, type SkippedFile } from './report';

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stdout(s: string): void;
  stderr(s: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_TROUBLE = 2;

/** Runs the CLI; returns the exit status. */
export function run(argv: readonly string[], io: Io): number {
  let cmd;
  try {
    cmd = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`leverage: ${err.message}\nRun 'leverage --help'.\n`);
    return EXIT_TROUBLE;
  }
  switch (cmd.command) {
    case 'help':
      io.stdout(USAGE);
      return EXIT_OK;
    case 'version':
      io.stdout(VERSION + '\n');
      return EXIT_OK;
    case 'check':
      return check(cmd, io);
    case 'summary':
      return runSummary(cmd, io);
  }
}

function check(cmd: CheckCommand, io: Io): number {
  const display = (abs: string) => displayPath(abs, io.cwd);
  const fail = (line: string) => io.stderr(`leverage: ${line}\n`);

  const config = loadConfig(cmd.config, io.cwd, display);
  for (const w of config.warnings) fail(w.text);
  if (config.errors.length > 0) {
    for (const e of config.errors) fail(e.text);
    return EXIT_TROUBLE;
  }

  const collected = collectFiles(cmd.paths, io.cwd);
  // --since REF: only findings in lines changed since REF (drafts; notes are checked in full).
  const since = cmd.since === undefined ? undefined : new SinceFilter(cmd.since, fail, display);
  for (const folder of collected.emptyFolders) fail(`${folder}: warning: no supported files in this folder`);
  // Problems and files in one path order, so that stderr is as deterministic as stdout.
  const work: { rel: string; file?: FileToCheck; problem?: string }[] = [
    ...collected.problems.map((p) => ({ rel: p.rel, problem: p.reason })),
    ...collected.files.map((f) => ({ rel: f.rel, file: f })),
  ].sort((a, b) => compare(a.rel, b.rel));

  const skipped: SkippedFile[] = [];
  const checked: CheckedFile[] = [];
  for (const item of work) {
    const read = item.file ? readText(item.file.abs) : { ok: false as const, reason: item.problem! };
    if (!read.ok) {
      fail(`${item.rel}: ${read.reason}`);
      skipped.push({ path: item.rel, reason: read.reason });
      continue;
    }
    // Over the size limit, the first part only (or nothing, for notes), as in the editor; the notice
    // is an information diagnostic at the top of the file and a warning on stderr.
    const input = boundInput(read.text, item.file!.kind, 'cli');
    if (input.notice) fail(`${item.rel}: warning: ${input.notice.message}`);
    // A draft is read with its negotiation notes (the notes' draft: field, else the same base name).
    const notes = item.file!.kind === 'notes' ? undefined : notesFor(item.file!.abs);
    const analysis =
      input.text === undefined
        ? { findings: [], suppressed: [] }
        : analyze(input.text, item.file!.kind, config.options, undefined, notes ? { notes: notes.text } : undefined);
    const changedOnly = since?.filterFor(item.file!.abs, item.rel, read.text, item.file!.kind) ?? ((xs) => [...xs]);
    const findings = changedOnly(input.partial ? keepForPrefix(analysis.findings) : analysis.findings);
    const suppressed = changedOnly(analysis.suppressed);
    const lines = new LineIndex(read.text);
    const diagnostics: ReportedDiagnostic[] = findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: lines.rangeOf(f.start, f.end),
      fixes: f.fixes.map((x) => ({
        title: x.title,
        edits: x.edits.map((e) => ({ range: lines.rangeOf(e.start, e.end), newText: e.newText })),
      })),
      ...(f.change ? { change: f.change } : {}),
    }));
    if (input.notice) {
      const firstLine = lines.rangeOf(0, lines.offsetAt({ line: 0, character: 200 }));
      diagnostics.unshift({ rule: input.notice.code, severity: 'information', message: input.notice.message, range: firstLine, fixes: [] });
    }
    checked.push({
      path: item.rel,
      diagnostics,
      suppressed: suppressed.map((x) => {
        const rule = ruleById(x.rule);
        const setting = rule ? severityOf(rule, config.options) : 'warning';
        return { rule: x.rule, severity: setting === 'off' ? 'hint' : setting, range: lines.rangeOf(x.start, x.end), reason: x.reason };
      }),
    });
  }

  const counts = count(checked);
  const tooManyWarnings = cmd.maxWarnings >= 0 && counts.warnings > cmd.maxWarnings;
  switch (cmd.format) {
    case 'json':
      io.stdout(formatJson(checked, since && { since: since.report() }));
      break;
    case 'sarif':
      io.stdout(formatSarif(checked, RULES, VERSION, skipped));
      break;
    case 'text': {
      // Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org).
      const color = io.stdoutIsTTY && io.env.NO_COLOR === undefined;
      io.stdout(formatText(checked, color) + (since ? since.note() : ''));
      break;
    }
  }
  if (tooManyWarnings) {
    const note = `too many warnings: ${counts.warnings}, the maximum allowed is ${cmd.maxWarnings}`;
    if (cmd.format === 'text') io.stdout(note.charAt(0).toUpperCase() + note.slice(1) + '.\n');
    else fail(note);
  }
  if (skipped.length > 0) return EXIT_TROUBLE;
  return counts.errors > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
}
