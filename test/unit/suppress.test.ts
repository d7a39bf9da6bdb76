import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from './fixture';

test('disable-next-line silences one rule on the next line and keeps the reason', () => {
  const text = [
    '<!-- leverage-disable-next-line unconditional-concession -- agreed on the call of 3 May -->',
    'We can agree to that.',
    'We can agree to that.',
  ].join('\r\n');
  const { findings, suppressed } = analyze(text, 'markdown');
  assert.deepEqual(
    findings.map((f) => f.rule),
    ['unconditional-concession'],
  );
  assert.equal(findings[0]!.start, text.lastIndexOf('We can'));
  assert.equal(suppressed.length, 1);
  assert.equal(suppressed[0]!.reason, 'agreed on the call of 3 May');
  assert.equal(suppressed[0]!.rule, 'unconditional-concession');
});

test('disable ... enable covers a region; no rule list means every rule', () => {
  const text = 'Ridiculous.\n<!-- leverage-disable -->\nWe can agree to that. Ridiculous.\n<!-- leverage-enable -->\nWe can agree to that.';
  const { findings, suppressed } = analyze(text, 'markdown');
  assert.deepEqual(
    findings.map((f) => [f.rule, f.start]),
    [
      ['hostile-tone', 0],
      ['unconditional-concession', text.lastIndexOf('We can')],
    ],
  );
  assert.equal(suppressed.length, 2);
});

test('an unused or unknown suppression is reported, with a fix that removes it', () => {
  const text = 'Intro.\n<!-- leverage-disable-next-line hostile-tone -->\nAll good here.\n<!-- leverage-disable-next-line no-such-rule -->\nFine.\n';
  const { findings } = analyze(text, 'markdown');
  assert.deepEqual(
    findings.map((f) => f.rule),
    ['unused-suppression', 'unused-suppression'],
  );
  assert.match(findings[1]!.message, /no-such-rule/);
  const fixed = applyEdits(text, findings[0]!.fixes[0]!.edits);
  assert.equal(fixed, 'Intro.\nAll good here.\n<!-- leverage-disable-next-line no-such-rule -->\nFine.\n');
});

test('every finding offers a suppression fix that works, in Markdown and plain text', () => {
  const cases = [
    // The first line of a paragraph: the comment goes on its own line, with the quote prefix.
    ['Intro.\n\n  > We can agree to that.', 'Intro.\n\n  > <!-- leverage-disable-next-line unconditional-concession -- reason -->\n  > We can agree to that.'],
    // Inside a paragraph a comment line would split it: it goes at the end of the line before.
    ['We can accept your cap\nif we get Net-15 terms. We will waive the deposit.', 'We can accept your cap <!-- leverage-disable-next-line unconditional-concession -- reason -->\nif we get Net-15 terms. We will waive the deposit.'],
    // Inside an open multi-line comment: the finding itself is wrapped.
    ['<!-- note\n-->We can agree to that.', '<!-- note\n--><!-- leverage-disable unconditional-concession -- reason -->We can agree to<!-- leverage-enable unconditional-concession --> that.'],
  ];
  for (const kind of ['markdown', 'plaintext'] as const) {
    for (const [text, expected] of cases) {
      const f = analyze(text!, kind).findings.find((x) => x.rule === 'unconditional-concession')!;
      const fix = f.fixes.find((x) => x.title.startsWith('Suppress'))!;
      const fixed = applyEdits(text!, fix.edits);
      assert.equal(fixed, expected, kind);
      const again = analyze(fixed, kind);
      assert.deepEqual(again.findings.map((x) => x.rule), [], `${kind}: ${fixed}`);
      assert.equal(again.suppressed.length, 1);
    }
  }
});

test('a <!-- in a code block opens no comment: a finding after the block gets a line of its own to suppress it', () => {
  // The suppression fix asks whether the finding's line is inside an HTML comment. A `<!--` shown
  // in a code block (or front matter) is not one, even unclosed; read as one, it made every later
  // finding's fix wrap the finding inline, and a chunk read alone (which never sees it) disagreed.
  const text = 'Intro.\n\n```html\n<!-- a template\n```\n\nWe can agree to that.\n';
  const f = analyze(text, 'markdown').findings.find((x) => x.rule === 'unconditional-concession')!;
  const fix = f.fixes.find((x) => x.title.startsWith('Suppress'))!;
  const fixed = applyEdits(text, fix.edits);
  assert.equal(fixed, 'Intro.\n\n```html\n<!-- a template\n```\n\n<!-- leverage-disable-next-line unconditional-concession -- reason -->\nWe can agree to that.\n');
  const again = analyze(fixed, 'markdown');
  assert.deepEqual(again.findings.map((x) => x.rule), []);
  assert.equal(again.suppressed.length, 1);
});

test('a directive shown in a code block is an example, not a directive', () => {
  const text = 'How to silence one:\n\n```markdown\n<!-- leverage-disable-next-line unconditional-concession -- reason -->\n```\n\nWe can agree to that.\n';
  const { findings, suppressed } = analyze(text, 'markdown');
  assert.deepEqual(findings.map((f) => f.rule), ['unconditional-concession']);
  assert.deepEqual(suppressed, []);
});

test('a reason inside the comment is never analysed as prose', () => {
  const text = '<!-- leverage-disable-next-line hostile-tone -- they said take it or leave it -->\nThis is ridiculous.';
  const { findings } = analyze(text, 'plaintext');
  assert.deepEqual(findings, []);
});
