// The three output formats. Each takes the checked files with their findings converted to line
// and character positions (0-based, UTF-16 code units, as in LSP) and returns the text to print.

import type { Range } from '../core/lines';
import type { Rule } from '../core/rule';
import type { Severity } from '../core/types';

export interface ReportedEdit {
  range: Range;
  newText: string;
}

export interface ReportedDiagnostic {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: { title: string; edits: ReportedEdit[] }[];
  /** Only in a draft with CriticMarkup redlines: in our change, or in the existing text. */
  change?: 'ours' | 'existing';
}

/** A finding silenced by a suppression comment: in JSON (`suppressed`, with its reason) and SARIF (`suppressions`). */
export interface ReportedSuppression {
  rule: string;
  severity: Severity;
  range: Range;
  reason?: string;
}

export interface CheckedFile {
  path: string;
  diagnostics: ReportedDiagnostic[];
  suppressed?: ReportedSuppression[];
}

export interface Counts {
  errors: number;
  warnings: number;
  /** information and hint */
  info: number;
}

export function count(files: readonly CheckedFile[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, info: 0 };
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (d.severity === 'error') c.errors++;
      else if (d.severity === 'warning') c.warnings++;
      else c.info++;
    }
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// JSON: exactly the shape of the product note's CLI contract.

/** `extra.since`: with `--since REF` only, an optional top-level key (see cli/since.ts). */
export function formatJson(files: readonly CheckedFile[], extra?: { since?: object }): string {
  const out = {
    version: 1,
    files: files.map((f) => ({
      path: f.path,
      diagnostics: f.diagnostics.map((d) => ({
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        range: d.range,
        fixes: d.fixes.map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ range: e.range, newText: e.newText })) })),
        // Only for a redlined draft, so the fixed shape is unchanged otherwise.
        ...(d.change ? { change: d.change } : {}),
      })),
      // The audit trail of accepted findings: only present when a file has suppressions, so the
      // product's JSON shape is unchanged for everything else.
      ...(f.suppressed?.length
        ? { suppressed: f.suppressed.map((x) => ({ rule: x.rule, severity: x.severity, range: x.range, reason: x.reason ?? null })) }
        : {}),
    })),
    ...(extra?.since ? { since: extra.since } : {}),
  };
  return JSON.stringify(out) + '\n';
}

// ---------------------------------------------------------------------------------------------
// Text: `path:line:col: severity rule: message`, 1-based like eslint and tsc, then a summary.

const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  blue: '\x1b[34m',
  cyan: '\x1b[36m',
};

export function formatText(files: readonly CheckedFile[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? code + s + ANSI.reset : s);
  const severityColor: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, information: ANSI.blue, hint: ANSI.dim };
  let out = '';
  for (const f of files) {
    for (const d of f.diagnostics) {
      const where = `${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      out += `${paint(ANSI.bold, where)}: ${paint(severityColor[d.severity], d.severity)} ${paint(ANSI.dim, d.rule)}: ${oneLine(d.message)}${d.change ? ` ${CHANGE_MARKERS[d.change]}` : ''}\n`;
    }
  }
  const c = count(files);
  const total = c.errors + c.warnings + c.info;
  const summary =
    `${plural(total, 'problem')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${c.info} info)` +
    ` in ${plural(files.length, 'file')}`;
  const suppressed = files.reduce((n, f) => n + (f.suppressed?.length ?? 0), 0);
  const summaryWithSuppressed = suppressed > 0 ? `${summary}; ${suppressed} suppressed with a comment` : summary;
  const summaryColor = c.errors > 0 ? ANSI.red : c.warnings > 0 ? ANSI.yellow : '';
  out += (total > 0 ? '\n' : '') + (summaryColor ? paint(ANSI.bold + summaryColor, summaryWithSuppressed) : summaryWithSuppressed) + '\n';
  return out;
}

/** After the message of a redlined draft's finding (the LSP message says the same). */
const CHANGE_MARKERS = { ours: '[in our change]', existing: '[in the existing text]' } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A message is one sentence, but a terminal line must not be broken or recoloured by it. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0, for code-scanning uploads. 1-based lines and columns; columns in UTF-16 code units.

export const INFORMATION_URI = 'https://github.com/leverage-dev/leverage';
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(s: Severity): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

function sarifRegion(r: Range) {
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

/** A relative path as a URI reference: every segment percent-encoded, slashes kept. */
export function uriOf(relPath: string): string {
  return relPath
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** `unconditional-concession` -> `UnconditionalConcession`: SARIF's human-readable rule name. */
function ruleName(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** A file that could not be checked, reported in SARIF as a tool execution notification. */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** Codes the core reports that are not rules: described here so that every result has a rule. */
type Descriptor = Pick<Rule, 'description' | 'principle' | 'defaultSeverity' | 'example'> & { id: string };
const OTHER_CODES: Descriptor[] = [
  {
    id: 'unused-suppression',
    defaultSeverity: 'information',
    description: 'A leverage suppression comment that silences nothing, or names an unknown rule.',
    principle: 'A stale suppression comment would hide a future finding on that line; remove it.',
    example: { before: '<!-- leverage-disable-next-line hostile-tone -- quoting them --> (nothing hostile below)', after: '(the comment removed)' },
  },
];

export function formatSarif(files: readonly CheckedFile[], rules: readonly Rule[], version: string, skipped: readonly SkippedFile[] = []): string {
  const descriptors: Descriptor[] = [...rules, ...OTHER_CODES.filter((c) => !rules.some((r) => r.id === c.id))];
  const index = new Map(descriptors.map((r, i) => [r.id as string, i]));
  const results: object[] = [];
  for (const f of files) {
    const artifactLocation = { uri: uriOf(f.path), uriBaseId: '%SRCROOT%' };
    for (const d of f.diagnostics) {
      const ruleIndex = index.get(d.rule);
      results.push({
        ruleId: d.rule,
        ...(ruleIndex === undefined ? {} : { ruleIndex }),
        level: sarifLevel(d.severity),
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation, region: sarifRegion(d.range) } }],
        ...(d.fixes.length === 0
          ? {}
          : {
              fixes: d.fixes.map((x) => ({
                description: { text: x.title },
                artifactChanges: [
                  {
                    artifactLocation,
                    replacements: x.edits.map((e) => ({
                      deletedRegion: sarifRegion(e.range),
                      insertedContent: { text: e.newText },
                    })),
                  },
                ],
              })),
            }),
      });
    }
    for (const x of f.suppressed ?? []) {
      const ruleIndex = index.get(x.rule);
      results.push({
        ruleId: x.rule,
        ...(ruleIndex === undefined ? {} : { ruleIndex }),
        level: sarifLevel(x.severity),
        message: { text: ruleIndex === undefined ? x.rule : descriptors[ruleIndex]!.description },
        locations: [{ physicalLocation: { artifactLocation, region: sarifRegion(x.range) } }],
        suppressions: [{ kind: 'inSource', ...(x.reason ? { justification: x.reason } : {}) }],
      });
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'leverage',
            version,
            semanticVersion: version,
            informationUri: INFORMATION_URI,
            rules: descriptors.map((r) => ({
              id: r.id,
              name: ruleName(r.id),
              shortDescription: { text: r.description },
              fullDescription: { text: r.principle },
              helpUri: `${INFORMATION_URI}#${r.id}`,
              help: { text: `${r.principle}\nBefore: ${r.example.before}\nAfter: ${r.example.after}` },
              defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: skipped.length === 0,
            toolExecutionNotifications: skipped.map((p) => ({
              level: 'error',
              message: { text: p.reason },
              locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(p.path), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
