// Changed-only mode, the pure part: which text changed since the base version, and which findings
// lie in it (server/src/core/changed.ts).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { changedRanges, inChangedText, keepChanged, MAX_LINE_EDITS, refProblem, type ChangedRange } from '../../server/src/core/changed';
import { judgesWholeDocument } from '../../server/src/core/rules/index';

/** The changed text itself, for readable assertions. */
const pieces = (text: string, ranges: ChangedRange[]) => ranges.map((r) => text.slice(r.start, r.end));

describe('changedRanges', () => {
  test('identical texts: nothing changed; an empty base: everything', () => {
    assert.deepEqual(changedRanges('a\nb\n', 'a\nb\n'), []);
    assert.deepEqual(changedRanges('', 'new\n'), [{ start: 0, end: 4 }]);
  });

  test('a changed line counts whole, with its line break; untouched lines do not', () => {
    const base = 'One.\nTwo.\nThree.\n';
    const text = 'One.\nTwo, changed.\nThree.\n';
    assert.deepEqual(pieces(text, changedRanges(base, text)), ['Two, changed.\n']);
  });

  test('inserted lines in several places, with offsets in UTF-16 code units (emoji, §, curly quotes, CRLF)', () => {
    const base = '§ 1 “Fees” 💶\r\nOld line.\r\nLast line.\r\n';
    const text = '§ 1 “Fees” 💶\r\nNew 😀 line.\r\nOld line.\r\nLast line.\r\nTail “§ 2”.\r\n';
    const ranges = changedRanges(base, text);
    assert.deepEqual(pieces(text, ranges), ['New 😀 line.\r\n', 'Tail “§ 2”.\r\n']);
    assert.equal(ranges[0]!.start, '§ 1 “Fees” 💶\r\n'.length);
  });

  test('line endings alone are not a change (CRLF <-> LF, a final newline added)', () => {
    assert.deepEqual(changedRanges('a\r\nb\r\nc', 'a\nb\nc\n'), []);
    assert.deepEqual(changedRanges('a\rb', 'a\nb'), []);
  });

  test('removed lines leave an empty range where they were', () => {
    const base = 'Keep.\nSubject to your approval of the budget,\nwe can agree to that.\nEnd.\n';
    const text = 'Keep.\nwe can agree to that.\nEnd.\n';
    const ranges = changedRanges(base, text);
    const at = text.indexOf('we can');
    assert.deepEqual(ranges, [{ start: at, end: at }]);
  });

  test('lines removed at the end: a point at the end of the text', () => {
    const text = 'a\nb\n';
    assert.deepEqual(changedRanges('a\nb\nc\nd', text), [{ start: text.length, end: text.length }]);
  });

  test('a replaced line: the new line, no separate point', () => {
    const text = 'a\nX\nc\n';
    assert.deepEqual(pieces(text, changedRanges('a\nb\nc\n', text)), ['X\n']);
  });

  test('texts with nothing in common beyond the bound: everything between the first and last change', () => {
    const n = MAX_LINE_EDITS + 10;
    const base = Array.from({ length: n }, (_, i) => `old ${i}`).join('\n');
    const text = 'same start\n' + Array.from({ length: n }, (_, i) => `new ${i}`).join('\n');
    const ranges = changedRanges('same start\n' + base, text);
    assert.equal(ranges.length, 1);
    assert.equal(ranges[0]!.start, 'same start\n'.length);
    assert.equal(ranges[0]!.end, text.length);
  });

  test('a moved paragraph: only the lines the diff cannot pair are changed', () => {
    const base = 'A.\nB.\nC.\nD.\n';
    const text = 'B.\nC.\nD.\nA.\n';
    const got = pieces(text, changedRanges(base, text));
    assert.ok(got.includes('A.\n'), JSON.stringify(got));
    assert.ok(!got.includes('C.\n'), JSON.stringify(got));
  });
});

describe('inChangedText', () => {
  const ranges = [
    { start: 10, end: 20 },
    { start: 30, end: 30 },
  ];
  test('overlap with a changed range', () => {
    assert.equal(inChangedText(5, 11, ranges), true);
    assert.equal(inChangedText(19, 25, ranges), true);
    assert.equal(inChangedText(0, 10, ranges), false, 'ends where the change starts');
    assert.equal(inChangedText(20, 25, ranges), false, 'starts where the change ends');
    assert.equal(inChangedText(12, 12, ranges), true, 'an empty finding inside');
  });
  test('a removal point: inside the finding, or where it starts', () => {
    assert.equal(inChangedText(25, 35, ranges), true);
    assert.equal(inChangedText(30, 35, ranges), true);
    assert.equal(inChangedText(25, 30, ranges), false, 'ends at the point: the removed text was after it');
    assert.equal(inChangedText(31, 40, ranges), false);
  });
  test('no ranges: nothing is in changed text', () => {
    assert.equal(inChangedText(0, 100, []), false);
  });
});

describe('keepChanged over real findings', () => {
  const base = 'Dear Ms Díaz,\n\nWe can agree to that.\n\nThe price is 100,000.\n';
  const text = 'Dear Ms Díaz,\n\nWe can agree to that.\n\nThe price is 100,000.\n\nWe accept your 🙂 “termination” wording in § 9.\n';

  test('the old concession is dropped, the new one kept', () => {
    const { findings } = analyze(text, 'markdown', {});
    const concessions = findings.filter((f) => f.rule === 'unconditional-concession');
    assert.equal(concessions.length, 2, 'both concessions are found in full');
    const kept = keepChanged(findings, changedRanges(base, text), judgesWholeDocument).filter((f) => f.rule === 'unconditional-concession');
    assert.deepEqual(
      kept.map((f) => text.slice(f.start, f.end)),
      concessions.filter((f) => f.start > text.indexOf('🙂') - 20).map((f) => text.slice(f.start, f.end)),
    );
    assert.equal(kept.length, 1);
    assert.ok(text.slice(kept[0]!.start, kept[0]!.end).includes('accept'));
  });

  test('a document-level finding stays while anything changed, and goes with no change', () => {
    const priceOnly = 'We propose a price of 120,000.\n';
    const { findings } = analyze(priceOnly + 'Kind regards.\n', 'markdown', {});
    assert.ok(findings.some((f) => f.rule === 'narrow-issue-framing'), 'the fixture has a narrowly framed letter');
    const someChange = keepChanged(findings, changedRanges(priceOnly, priceOnly + 'Kind regards.\n'), judgesWholeDocument);
    assert.ok(someChange.some((f) => f.rule === 'narrow-issue-framing'));
    assert.deepEqual(keepChanged(findings, [], judgesWholeDocument), []);
    // Without the predicate it is judged by its anchor, the first mention, which did not change.
    assert.ok(!keepChanged(findings, changedRanges(priceOnly, priceOnly + 'Kind regards.\n')).some((f) => f.rule === 'narrow-issue-framing'));
  });

  test('a defined-term finding is shown only when its own line changed', () => {
    const terms = [
      'This agreement is between Acme Ltd ("Supplier") and Beta Inc ("Customer").',
      '',
      'The Supplier shall deliver the Licensed Software. The Customer may use the Licensed Software.',
      '',
      'Payment is due within 30 days.',
      '',
    ].join('\n');
    const edited = terms.replace('30 days', '45 days');
    const { findings } = analyze(edited, 'markdown', {});
    assert.ok(findings.some((f) => f.rule === 'defined-term'), 'the fixture uses a term it never defines');
    assert.ok(!keepChanged(findings, changedRanges(terms, edited), judgesWholeDocument).some((f) => f.rule === 'defined-term'));
    const renamed = edited.replace('deliver the Licensed Software', 'deliver the Licensed Software promptly');
    assert.ok(keepChanged(analyze(renamed, 'markdown', {}).findings, changedRanges(terms, renamed), judgesWholeDocument).some((f) => f.rule === 'defined-term'));
  });

  test('a removed condition puts the concession it guarded under review', () => {
    const before = 'Subject to your approval of the budget,\nwe can agree to that.\n';
    const after = 'we can agree to that.\n';
    const { findings } = analyze(after, 'markdown', {});
    assert.ok(findings.some((f) => f.rule === 'unconditional-concession'));
    assert.ok(keepChanged(findings, changedRanges(before, after)).some((f) => f.rule === 'unconditional-concession'));
  });
});

describe('refProblem', () => {
  test('accepts revisions Git understands', () => {
    for (const ref of ['HEAD', 'HEAD~2', 'v2-sent', 'origin/main', 'a1b2c3d', 'round-2@{1}', 'räte/2']) assert.equal(refProblem(ref), undefined, ref);
  });
  test('refuses what Git could read as an option, or garbage', () => {
    for (const ref of ['', ' ', '-n', '--output=/tmp/x', ' HEAD', 'a\nb', 'x'.repeat(300)]) assert.ok(refProblem(ref), JSON.stringify(ref));
  });
});
