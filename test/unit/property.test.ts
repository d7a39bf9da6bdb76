// Property-based tests of the analysis core over generated documents (see generators.ts): Markdown
// and plain text mixed with negotiation phrases, odd characters, mixed line endings and unbalanced
// structure. A fixed seed keeps CI reproducible; a failure prints the seed, the path and the
// shrunk counterexample. To replay one, run that test alone (--test-name-pattern) with
// PROPERTY_SEED and PROPERTY_PATH set to the reported values.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/lines';
import { segment } from '../../server/src/core/segment';
import type { DocumentKind, Finding, Fix, TextEdit } from '../../server/src/core/types';
import { applyEdits } from './fixture';
import { documentArb, kindArb, splitsSurrogatePair } from './generators';

// PROPERTY_SEED / PROPERTY_RUNS_SCALE let a developer hunt with other seeds and more runs locally.
const SEED = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : 0x1e7e4a6e;
const SCALE = process.env.PROPERTY_RUNS_SCALE ? Number(process.env.PROPERTY_RUNS_SCALE) : 1;
const PATH = process.env.PROPERTY_PATH || undefined;
const KINDS: DocumentKind[] = ['markdown', 'plaintext', 'contract'];

let totalCases = 0;

/** Runs a property with the fixed seed, counts its cases and fails with fast-check's report.
 *  `examples` are minimal counterexamples found earlier: they run first on every run, so a fixed
 *  bug stays fixed whatever the random cases are. */
function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, numRuns: number, examples: Ts[] = []): void {
  const details = fc.check(property, {
    seed: SEED,
    path: PATH,
    numRuns: Math.max(1, Math.round(numRuns * SCALE)),
    examples,
    includeErrorInReport: true,
  });
  totalCases += details.numRuns;
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'property failed');
}

after(() => {
  console.log(`property tests: ${totalCases} generated cases in total (seed ${SEED})`);
});

function describe(text: string, f: Finding): string {
  return `${f.rule} ${f.start}-${f.end} ${JSON.stringify(text.slice(f.start, f.end))}`;
}

function assertRange(text: string, start: number, end: number, what: string, allowEmpty: boolean): void {
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: offsets ${start}-${end} are not integers`);
  assert.ok(start >= 0 && end <= text.length, `${what}: ${start}-${end} outside the text (length ${text.length})`);
  assert.ok(allowEmpty ? start <= end : start < end, `${what}: ${start}-${end} is ${allowEmpty ? 'reversed' : 'empty or reversed'}`);
  assert.ok(!splitsSurrogatePair(text, start), `${what}: starts inside a surrogate pair at ${start}`);
  assert.ok(!splitsSurrogatePair(text, end), `${what}: ends inside a surrogate pair at ${end}`);
}

/** Edits of one fix, sorted, must not overlap (nor be two insertions at one offset). */
function assertDisjoint(edits: readonly TextEdit[], what: string): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    assert.ok(a.end <= b.start && !(a.start === b.start && a.end === a.start && b.end === b.start), `${what}: edits overlap ${JSON.stringify(sorted)}`);
  }
}

// 1. Analysis never throws.
test('analysis never throws, for every document kind', () => {
  check(
    fc.property(documentArb, (text) => {
      for (const kind of KINDS) {
        analyze(text, kind);
        analyze(text, kind, { tradeables: ['Net-15 payment terms', '  '], benchmarks: ['the 2025 lease survey'] });
      }
    }),
    500,
  );
});

// 2. Every range is inside the document, non-empty and on code-point boundaries; the mask keeps offsets.
test('finding and edit ranges are well-formed; segment keeps the length', () => {
  check(
    fc.property(documentArb, kindArb, (text, kind) => {
      const seg = segment(text, kind);
      assert.equal(seg.masked.length, text.length, 'masked length');
      let previousEnd = 0;
      for (const s of seg.sentences) {
        assertRange(text, s.start, s.end, 'sentence', false);
        assert.ok(s.start >= previousEnd, `sentences overlap or are out of order at ${s.start}`);
        previousEnd = s.end;
      }
      const { findings } = analyze(text, kind);
      for (const f of findings) {
        assertRange(text, f.start, f.end, describe(text, f), false);
        for (const fix of f.fixes) {
          assert.ok(fix.edits.length > 0, `${describe(text, f)}: fix "${fix.title}" has no edits`);
          for (const e of fix.edits) assertRange(text, e.start, e.end, `${describe(text, f)}: fix "${fix.title}" edit`, true);
        }
      }
    }),
    600,
    [
      // A table row without a leading pipe: the block break overwrote the emoji's high surrogate.
      ['😀 | x', 'markdown'],
    ],
  );
});

// 3. Every fix applies cleanly, removes its finding and leaves the text outside its edits alone.
test('every fix applies cleanly, removes its finding and touches nothing outside its edits', () => {
  check(
    fc.property(documentArb, kindArb, (text, kind) => {
      const { findings } = analyze(text, kind);
      for (const f of findings) {
        const before = findings.filter((x) => x.rule === f.rule).length;
        for (const fix of f.fixes as Fix[]) {
          const what = `${describe(text, f)}: fix "${fix.title}"`;
          assertDisjoint(fix.edits, what);
          const fixed = applyEdits(text, fix.edits);
          const first = Math.min(...fix.edits.map((e) => e.start));
          const last = Math.max(...fix.edits.map((e) => e.end));
          assert.equal(fixed.slice(0, first), text.slice(0, first), `${what} changed text before its edits`);
          assert.equal(fixed.slice(fixed.length - (text.length - last)), text.slice(last), `${what} changed text after its edits`);
          const after = analyze(fixed, kind).findings.filter((x) => x.rule === f.rule).length;
          assert.ok(after < before, `${what} did not remove its finding (${before} -> ${after}) in ${JSON.stringify(fixed)}`);
        }
      }
    }),
    500,
    [
      // A phrase matched across a blank line: removing the sentence joins the halves again.
      ['Time is\n\nTime is running out.\n\nrunning out', 'markdown'],
      // A phrase matched across a table cell boundary; the fix replaces only the first cell.
      ['| The | most important thing for us is price |', 'markdown'],
      // The inserted " if ..." turns the line "4." into a clause number "4 ", a block of its own.
      ['We accept the changes in clause\n4.', 'contract'],
      // Replacing the sentence deletes the suppression comment inside it.
      ['This is ridiculous <!-- leverage-disable hostile-tone -- quoting them --> and absurd.\n\nThey said: take it or leave it.', 'markdown'],
      // The suppression comment line splits the paragraph: "We can accept your cap" loses the
      // condition on the next line and becomes a new finding.
      ['We can accept your cap\nif we get Net-15 terms. We will waive the deposit.', 'markdown'],
      // The suppression comment is inserted inside an open multi-line comment.
      ['<!-- leverage-enable\n-->That works for us.', 'markdown'],
      // Not pinned: "We have no other option.\n(a) \n\n\tTime is running out" — removing the first
      // sentence turns "(a)" into a list item and the indented line into prose, a limit of the
      // line-level Markdown reading (no full CommonMark parse) that only such contrived input shows.
      // A Markdown hard line break ("\\" at the end of a line) ends the sentence: the standard is
      // appended after the backslash, which then escapes the comma, and lands in a new sentence.
      ['We need a 10% discount.\\\n\nBest regards', 'markdown'],
      // The directive parser and the masker disagree on where "<!--<!--" starts a comment.
      ['<!--leverage-disable----><!--<!--leverage-disable-->failing that we could', 'plaintext'],
    ],
  );
});

// 4. Same text, same result, also after another document was analysed (no state leaks).
test('analysis is deterministic and keeps no state between documents', () => {
  check(
    fc.property(documentArb, documentArb, kindArb, kindArb, (a, b, kindA, kindB) => {
      const first = analyze(a, kindA);
      const again = analyze(a, kindA);
      assert.deepStrictEqual(again, first, 'second analysis differs');
      analyze(b, kindB);
      analyze(b, kindA, { tradeables: ['a deposit'], benchmarks: ['the survey'] });
      const later = analyze(a, kindA);
      assert.deepStrictEqual(later, first, 'analysis differs after another document was analysed');
    }),
    400,
  );
});

// 5. LineIndex: offsetAt inverts positionAt, except inside a CRLF pair.
test('LineIndex.offsetAt(positionAt(o)) === o outside CRLF pairs', () => {
  check(
    fc.property(documentArb, (text) => {
      const index = new LineIndex(text);
      for (let o = 0; o <= text.length; o++) {
        if (text[o - 1] === '\r' && text[o] === '\n') continue;
        const p = index.positionAt(o);
        assert.ok(p.line >= 0 && p.line < index.lineCount && p.character >= 0, `position ${JSON.stringify(p)} for ${o}`);
        assert.equal(index.offsetAt(p), o, `offset ${o} -> ${JSON.stringify(p)} -> ${index.offsetAt(p)}`);
      }
    }),
    500,
  );
});

// 6. Line endings do not change the verdict: the same document with CRLF instead of LF has the same
//    findings at the corresponding offsets (the fixture tests rely on this too).
test('CRLF and LF documents get the same findings', () => {
  check(
    fc.property(
      documentArb.map((t) => t.replace(/\r\n?/g, '\n')),
      kindArb,
      (lf, kind) => {
        const crlf = lf.replace(/\n/g, '\r\n');
        // Offset in the CRLF text of each LF offset.
        const map: number[] = [];
        let shift = 0;
        for (let i = 0; i <= lf.length; i++) {
          map.push(i + shift);
          if (lf[i] === '\n') shift++;
        }
        const show = (text: string, fs: readonly Finding[]) => fs.map((f) => `${f.rule} ${f.start}-${f.end} ${JSON.stringify(text.slice(f.start, f.end).replace(/\r\n/g, '\n'))}`);
        const expected = show(crlf, analyze(lf, kind).findings.map((f) => ({ ...f, start: map[f.start]!, end: map[f.end]! })));
        assert.deepEqual(show(crlf, analyze(crlf, kind).findings), expected);
      },
    ),
    400,
    [
      // CRLF is read as a paragraph break, so the standard on the next line no longer counts.
      ['We need a liability cap of\n12 months of fees, consistent with market practice.', 'markdown'],
    ],
  );
});
