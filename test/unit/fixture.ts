// Annotated fixtures: a rule test reads like the document it checks. Under a line of text, a line
// of carets marks what must be flagged and by which rule:
//
//     Thanks. We can agree to that.
//             ^^^^^^^^^^^^^^^ unconditional-concession
//
// Carets count UTF-16 code units (an emoji takes two), as LSP positions do. Every finding of the
// rules under test must be annotated, and every annotation found. `checkFixture` also replays the
// text with CRLF line endings and applies every fix, checking that it removes its finding.

import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import type { AnalysisOptions, DocumentKind, Finding, TextEdit } from '../../server/src/core/types';

export interface Expected {
  rule: string;
  start: number;
  end: number;
}

const ANNOTATION = /^(\s*)(\^+)\s+([a-z-]+)\s*$/;

export function parseFixture(source: string, eol = '\n'): { text: string; expected: Expected[] } {
  const lines = source.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const textLines: string[] = [];
  const expected: Expected[] = [];
  let offset = 0;
  let lastLineStart = -1;
  for (const line of lines) {
    const m = ANNOTATION.exec(line);
    if (m && lastLineStart >= 0) {
      const col = m[1]!.length;
      expected.push({ rule: m[3]!, start: lastLineStart + col, end: lastLineStart + col + m[2]!.length });
      continue;
    }
    textLines.push(line);
    lastLineStart = offset;
    offset += line.length + eol.length;
  }
  return { text: textLines.join(eol), expected };
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export function assertWellFormed(text: string, findings: readonly Finding[]): void {
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.start < f.end && f.end <= text.length, `${f.rule} range ${f.start}-${f.end} outside text`);
    assert.ok(!isLowSurrogate(text.charCodeAt(f.start)), `${f.rule} starts inside a surrogate pair`);
    assert.ok(f.end === text.length || !isLowSurrogate(text.charCodeAt(f.end)), `${f.rule} ends inside a surrogate pair`);
    assert.ok(f.message.length > 0 && !f.message.includes('\n'), 'message is one line');
    assert.ok(f.fixes.filter((x) => x.preferred).length <= 1, 'at most one preferred fix');
    for (const fix of f.fixes) {
      for (const e of fix.edits) {
        assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `fix "${fix.title}" edit outside text`);
        assert.ok(!isLowSurrogate(text.charCodeAt(e.start)) && (e.end === text.length || !isLowSurrogate(text.charCodeAt(e.end))));
      }
    }
  }
}

export interface FixtureOptions {
  kind?: DocumentKind;
  rules: string[];
  options?: AnalysisOptions;
}

/** Asserts the annotated findings (and only those, for the listed rules), in LF and CRLF, and that
 *  every fix applies cleanly and removes its finding. */
export function checkFixture(source: string, opts: FixtureOptions): void {
  const kind = opts.kind ?? 'markdown';
  for (const eol of ['\n', '\r\n']) {
    const { text, expected } = parseFixture(source, eol);
    const { findings } = analyze(text, kind, opts.options ?? {});
    assertWellFormed(text, findings);
    const actual = findings.filter((f) => opts.rules.includes(f.rule)).map((f) => ({ rule: f.rule, start: f.start, end: f.end }));
    const show = (xs: Expected[]) => xs.map((x) => `${x.rule} ${JSON.stringify(text.slice(x.start, x.end))}@${x.start}`).join('\n');
    assert.deepEqual(show(actual), show(expected), `findings differ (eol ${JSON.stringify(eol)})`);
    for (const f of findings.filter((x) => opts.rules.includes(x.rule))) {
      for (const fix of f.fixes) {
        const fixed = applyEdits(text, fix.edits);
        const after = analyze(fixed, kind, opts.options ?? {}).findings.filter((x) => x.rule === f.rule);
        const before = findings.filter((x) => x.rule === f.rule);
        assert.ok(after.length < before.length, `fix "${fix.title}" did not remove its ${f.rule} finding:\n${fixed}`);
        // Text outside the edits is untouched.
        const first = Math.min(...fix.edits.map((e) => e.start));
        assert.equal(fixed.slice(0, first), text.slice(0, first));
        const last = Math.max(...fix.edits.map((e) => e.end));
        assert.equal(fixed.slice(fixed.length - (text.length - last)), text.slice(last));
      }
    }
  }
}

/** The text after the preferred fix of the first finding of a rule. */
export function preferredFixResult(text: string, rule: string, kind: DocumentKind = 'markdown', options: AnalysisOptions = {}): string {
  const f = analyze(text, kind, options).findings.find((x) => x.rule === rule);
  assert.ok(f, `no ${rule} finding in ${JSON.stringify(text)}`);
  const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
  assert.ok(fix, 'no fix');
  return applyEdits(text, fix.edits);
}
