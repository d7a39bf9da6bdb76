// Test helpers for the notes checks, in the style of ../fixture.ts: a YAML text with caret
// annotations under the lines, checked in LF and CRLF, and every fix applied and re-checked.

import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { checkNotes, type NotesFinding, type NotesOptions } from '../../../server/src/core/notes/checks';
import type { TextEdit } from '../../../server/src/core/types';
import { applyEdits, parseFixture, type Expected } from '../fixture';

export { applyEdits, parseFixture };

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

export function assertWellFormed(text: string, findings: readonly NotesFinding[]): void {
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.start < f.end && f.end <= text.length, `${f.rule} range ${f.start}-${f.end} outside text`);
    assert.ok(!isLow(text.charCodeAt(f.start)), `${f.rule} starts inside a surrogate pair`);
    assert.ok(f.end === text.length || !isLow(text.charCodeAt(f.end)), `${f.rule} ends inside a surrogate pair`);
    assert.ok(f.message.length > 0 && !/[\r\n]/.test(f.message), `one-line message: ${f.message}`);
    assert.ok(f.fixes.filter((x) => x.preferred).length <= 1, 'at most one preferred fix');
    for (const fix of f.fixes) {
      assert.ok(fix.edits.length > 0, `fix "${fix.title}" has edits`);
      for (const e of fix.edits) {
        assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `fix "${fix.title}" edit outside text`);
        assert.ok(!isLow(text.charCodeAt(e.start)) && (e.end === text.length || !isLow(text.charCodeAt(e.end))));
      }
    }
  }
}

export function yamlErrors(text: string): string[] {
  return parseDocument(text).errors.map((e) => e.message);
}

const show = (text: string, xs: readonly Expected[]) => xs.map((x) => `${x.rule} ${JSON.stringify(text.slice(x.start, x.end))}@${x.start}`).join('\n');

/** Applies every fix of every finding of `rule`, asserting that the result is valid YAML with no
 *  new schema finding, that the text outside the edits is unchanged, and that the finding is gone
 *  (nothing of that rule left at its start, and fewer findings of the rule). Returns the texts. */
export function checkFixes(text: string, findings: readonly NotesFinding[], rule: string, options: NotesOptions = {}): string[] {
  const out: string[] = [];
  const before = findings.filter((f) => f.rule === rule);
  const schemaBefore = findings.filter((f) => f.rule === 'notes-schema').length;
  for (const f of before) {
    for (const fix of f.fixes) {
      const fixed = applyEdits(text, fix.edits);
      out.push(fixed);
      assert.deepEqual(yamlErrors(fixed), [], `fix "${fix.title}" broke the YAML:\n${fixed}`);
      const after = checkNotes(fixed, options).findings;
      // A schema fix may reveal what its finding hid (a misspelt key's value, now read and checked):
      // only the rules' fixes must add no schema finding.
      assert.ok(
        rule === 'notes-schema' || after.filter((x) => x.rule === 'notes-schema').length <= schemaBefore,
        `fix "${fix.title}" added a schema finding:\n${fixed}\n${after.filter((x) => x.rule === 'notes-schema').map((x) => x.message).join('\n')}`,
      );
      // For `notes-schema`, which gathers many checks, the finding itself must go.
      if (rule !== 'notes-schema') {
        assert.ok(after.filter((x) => x.rule === rule).length < before.length, `fix "${fix.title}" did not remove its ${rule} finding:\n${fixed}`);
      }
      assert.ok(!after.some((x) => x.rule === rule && x.start === f.start && x.message === f.message), `fix "${fix.title}" left its finding:\n${fixed}`);
      assertOutsideUntouched(text, fixed, fix.edits);
    }
  }
  return out;
}

function assertOutsideUntouched(text: string, fixed: string, edits: readonly TextEdit[]): void {
  const first = Math.min(...edits.map((e) => e.start));
  const last = Math.max(...edits.map((e) => e.end));
  assert.equal(fixed.slice(0, first), text.slice(0, first));
  assert.equal(fixed.slice(fixed.length - (text.length - last)), text.slice(last));
}

/** Asserts the annotated findings of the listed rules (and only those), in LF and CRLF, and that
 *  every fix of those rules applies cleanly, keeps the YAML valid and removes its finding. */
export function checkNotesFixture(source: string, rules: string[], options: NotesOptions = {}): void {
  for (const eol of ['\n', '\r\n']) {
    const { text, expected } = parseFixture(source, eol);
    const { findings } = checkNotes(text, options);
    assertWellFormed(text, findings);
    const actual = findings.filter((f) => rules.includes(f.rule)).map((f) => ({ rule: f.rule, start: f.start, end: f.end }));
    assert.deepEqual(show(text, actual), show(text, expected), `findings differ (eol ${JSON.stringify(eol)})`);
    for (const rule of rules) {
      for (const fixed of checkFixes(text, findings, rule, options)) {
        if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(fixed), `a fix wrote a bare LF into a CRLF file:\n${JSON.stringify(fixed)}`);
      }
    }
  }
}

/** The text after the preferred (else first) fix of the first finding of a rule. */
export function fixed(text: string, rule: string, options: NotesOptions = {}): string {
  const f = checkNotes(text, options).findings.find((x) => x.rule === rule);
  assert.ok(f, `no ${rule} finding in:\n${text}`);
  const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
  assert.ok(fix, `no fix for ${rule}`);
  return applyEdits(text, fix.edits);
}

/** Lines joined with "\n", so a test reads like the file it checks. */
export const yaml = (...lines: string[]) => lines.join('\n') + '\n';
