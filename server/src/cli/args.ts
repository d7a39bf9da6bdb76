// Command-line parsing for `leverage`. Pure: argv in, a command or a usage error out.

import { refProblem } from '../core/changed';
import { SUMMARY_FORMATS, type SummaryCommand, type SummaryFormat } from './summary';

export type Format = 'text' | 'json' | 'sarif';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];

export interface CheckCommand {
  command: 'check';
  format: Format;
  config?: string;
  /** `--since REF`: report only findings in text changed since this Git revision. */
  since?: string;
  /** -1: no limit. */
  maxWarnings: number;
  paths: string[];
}

export type Command = CheckCommand | SummaryCommand | { command: 'help' } | { command: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage: leverage check [options] PATH...
       leverage summary [--format text|json|markdown] [--config FILE] NOTES_OR_DRAFT
       leverage --help | --version

Checks contract drafts, correspondence and negotiation notes for text that gives leverage away.
A PATH may be a file or a folder. Folders are searched recursively for .md, .markdown, .txt,
.contract, *.negotiation.yaml and *.negotiation.yml files; node_modules and hidden folders are
skipped.

Options:
  --format text|json|sarif  output format (default: text)
  --config FILE             playbook to use (default: .leverage.yaml in the current folder, if any)
  --max-warnings N          exit with status 1 when there are more than N warnings
                            (default: -1, no limit)
  --since REF               report only findings in lines changed since the Git revision REF
                            (a tag, branch or commit: the version last sent); new files count as
                            changed, negotiation notes are always checked in full. Where Git, the
                            repository or REF is missing, one line on stderr says so and those
                            files are checked in full (the exit status is not changed by that)
  -h, --help                show this help
  --version                 show the version

Exit status: 0 no errors and warnings within the limit; 1 errors, or more warnings than allowed;
2 bad usage, a bad playbook, or a file that could not be checked.

\`summary\` prints the negotiation at a glance from negotiation notes, or from a draft with
paired notes: issues by category and status, the concession ledger, benchmark coverage, the
plan, unresolved findings by rule, the BATNA, and a progress paragraph for the other side
(it names issues only, never a private fact). --format json prints the same object as the
language server's leverage/summary request. Exit status: 0 printed; 2 bad usage, a bad
playbook, a file that could not be read, or a draft with no paired notes.
`;

const VALUE_FLAGS = ['--format', '--config', '--max-warnings', '--since'] as const;

export function parseArgs(argv: readonly string[]): Command {
  if (argv.includes('--help') || argv.includes('-h')) {
    // Help wins wherever it is, except after `--` (where it would be a path).
    const dashDash = argv.indexOf('--');
    const help = argv.findIndex((a) => a === '--help' || a === '-h');
    if (dashDash < 0 || help < dashDash) return { command: 'help' };
  }
  if (argv.length === 0) throw new UsageError('missing command: expected `check` or `summary`');
  const [first, ...rest] = argv;
  if (first === '--version') {
    if (rest.length > 0) throw new UsageError(`unexpected argument after --version: ${rest[0]}`);
    return { command: 'version' };
  }
  if (first === 'help') return { command: 'help' };
  if (first === 'summary') return parseSummaryArgs(rest);
  if (first !== 'check') {
    if (first!.startsWith('-')) throw new UsageError(`unknown option ${quote(first!)} (options come after the \`check\` command)`);
    throw new UsageError(`unknown command ${quote(first!)}: expected \`check\``);
  }

  const cmd: CheckCommand = { command: 'check', format: 'text', maxWarnings: -1, paths: [] };
  const unknown = (name: string) =>
    name === '--version' ? new UsageError('--version takes no command: run `leverage --version`') : new UsageError(`unknown option ${quote(name)}`);
  cmd.paths = splitArgs(rest, VALUE_FLAGS, unknown, (name, value) => {
    switch (name) {
      case '--format':
        if (!(FORMATS as readonly string[]).includes(value)) {
          throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not ${quote(value)}`);
        }
        cmd.format = value as Format;
        break;
      case '--since': {
        const problem = refProblem(value);
        if (problem) throw new UsageError(`--since needs a Git revision (a tag, branch or commit), but ${quote(value)} cannot be one: ${problem}`);
        cmd.since = value;
        break;
      }
      case '--config':
        if (value === '') throw new UsageError('--config needs a file name');
        cmd.config = value;
        break;
      case '--max-warnings': {
        const n = /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
        if (!Number.isSafeInteger(n) || n < -1) {
          throw new UsageError(`--max-warnings needs a whole number of at least -1 (no limit), not ${quote(value)}`);
        }
        cmd.maxWarnings = n;
        break;
      }
    }
  });
  if (cmd.paths.length === 0) throw new UsageError('missing PATH: give at least one file or folder to check');
  return cmd;
}

/** `leverage summary [--format F] [--config FILE] NOTES_OR_DRAFT`. */
function parseSummaryArgs(rest: readonly string[]): SummaryCommand {
  let format: SummaryFormat = 'text';
  let config: string | undefined;
  const unknown = (name: string) => new UsageError(`unknown option ${quote(name)} for \`summary\``);
  const paths = splitArgs(rest, ['--format', '--config'], unknown, (name, value) => {
    if (name === '--format') {
      if (!(SUMMARY_FORMATS as readonly string[]).includes(value)) throw new UsageError(`--format must be one of ${SUMMARY_FORMATS.join(', ')}, not ${quote(value)}`);
      format = value as SummaryFormat;
    } else {
      if (value === '') throw new UsageError('--config needs a file name');
      config = value;
    }
  });
  if (paths.length === 0) throw new UsageError('missing NOTES_OR_DRAFT: give the negotiation notes, or a draft with paired notes');
  if (paths.length > 1) throw new UsageError(`\`summary\` takes one file, not ${paths.length}`);
  return { command: 'summary', format, ...(config !== undefined ? { config } : {}), path: paths[0]! };
}

/** The arguments after a command: returns the paths, and hands each option to `option` in order
 *  (so the first bad argument is the one reported). An option takes a value, as `--name value` or
 *  `--name=value`; after `--`, a lone `-` and anything not starting with `-` are paths. */
function splitArgs(rest: readonly string[], valueFlags: readonly string[], unknown: (name: string) => UsageError, option: (name: string, value: string) => void): string[] {
  const paths: string[] = [];
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!valueFlags.includes(name)) throw unknown(name);
    if (eq >= 0) option(name, arg.slice(eq + 1));
    else if (i + 1 < rest.length) option(name, rest[++i]!);
    else throw new UsageError(`${name} needs a value`);
  }
  return paths;
}

function quote(s: string): string {
  return JSON.stringify(s);
}
