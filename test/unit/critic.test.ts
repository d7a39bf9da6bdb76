// CriticMarkup redlines: the draft is read as accepted, positions stay exact in the marked-up text,
// findings are labelled as in our change or in the existing text, and fixes never break a mark.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../server/src/cli/run';
import { analyze, createAnalysisCache } from '../../server/src/core/analyze';
import { chunkStarts } from '../../server/src/core/chunks';
import { changeRanges, criticMask, hasCriticMarkup, parseCritic } from '../../server/src/core/critic';
import { segment } from '../../server/src/core/segment';
import type { DocumentKind, Finding } from '../../server/src/core/types';
import { applyEdits } from './fixture';
import { assertIncrementalMatches, documentArb, editArb, kindArb } from './generators';

const KINDS: DocumentKind[] = ['markdown', 'plaintext', 'contract'];
const only = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);
const spanOf = (text: string, needle: string, from = 0) => {
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `${needle} in ${JSON.stringify(text)}`);
  return { start, end: start + needle.length };
};

// "§ 4 “Fees” 😀 " is 14 code units: § (1), the curly quotes (1 each), the emoji (2).
const MARKED = '§ 4 “Fees” 😀 {++We can agree to that.++}\r\n{--This is ridiculous.--} {~~insulting~>firm~~} {==ok==}{>>take it or leave it<<}';

test('marks are parsed at exact UTF-16 offsets, CRLF and emoji included', () => {
  const marks = parseCritic(MARKED);
  assert.deepEqual(
    marks.map((m) => [m.kind, m.start, m.end, m.kept && [m.kept.start, m.kept.end], m.removed && [m.removed.start, m.removed.end]]),
    [
      ['insertion', 14, 41, [17, 38], undefined],
      ['deletion', 43, 68, undefined, [46, 65]],
      ['substitution', 69, 90, [83, 87], [72, 81]],
      ['highlight', 91, 99, [94, 96], undefined],
      ['comment', 99, 124, undefined, [102, 121]],
    ],
  );
  assert.equal(MARKED.slice(17, 38), 'We can agree to that.');
  assert.equal(MARKED.slice(83, 87), 'firm');
  assert.equal(MARKED.slice(72, 81), 'insulting');
  assert.deepEqual(changeRanges(marks), [
    { start: 17, end: 38 },
    { start: 83, end: 87 },
  ]);
});

test('the masked reading keeps the length and blanks delimiters, deleted text, old sides and comments', () => {
  const masked = criticMask(MARKED);
  assert.equal(masked.length, MARKED.length);
  assert.equal(masked, `§ 4 “Fees” 😀    We can agree to that.   \r\n${' '.repeat(25)} ${' '.repeat(14)}firm${' '.repeat(3)} ${'   ok   '}${' '.repeat(25)}`);
  // Line breaks inside a deletion are blanked too: the text around it reads as one paragraph.
  assert.equal(criticMask('a{--b\r\n\r\nc--}d'), `a${' '.repeat(12)}d`);
  // The segmentation every rule reads does the same, in every prose kind.
  for (const kind of KINDS) {
    const seg = segment(MARKED, kind);
    assert.equal(seg.masked.length, MARKED.length);
    assert.ok(!seg.masked.includes('ridiculous') && !seg.masked.includes('insulting') && !seg.masked.includes('take it'), kind);
    assert.ok(seg.masked.includes('We can agree to that.') && seg.masked.includes('firm'), kind);
  }
});

test('no marks, no cost and no change: openers without closers are plain text', () => {
  assert.equal(hasCriticMarkup('Fees are {amount} per month.'), false);
  assert.deepEqual(parseCritic('We {++ never close. And {-- neither'), []);
  assert.deepEqual(parseCritic('A {~~no arrow~~} here'), []);
  const text = 'Frankly, this is ridiculous.';
  const [f] = analyze(text, 'markdown').findings;
  assert.ok(f && !('change' in f), 'no change label without redlines');
});

test('deleted text, the old side of a substitution and comments are not flagged', () => {
  for (const kind of KINDS) {
    const { findings } = analyze(MARKED, kind);
    assert.deepEqual(only(findings, 'hostile-tone'), [], kind);
    const concession = only(findings, 'unconditional-concession');
    assert.equal(concession.length, 1, kind);
    assert.deepEqual({ start: concession[0]!.start, end: concession[0]!.end }, spanOf(MARKED, 'We can agree to'));
  }
  // The new side is read: a hostile word brought in by our substitution is flagged, at its place.
  const text = 'The draft is {~~fine~>ridiculous~~}.';
  const [f] = only(analyze(text, 'plaintext').findings, 'hostile-tone');
  assert.deepEqual(f && { start: f.start, end: f.end, change: f.change }, { ...spanOf(text, 'ridiculous'), change: 'ours' });
});

test('each finding is labelled as in our change or in the existing text', () => {
  const text = 'Frankly, this markup is ridiculous.\n\nThanks. {++We can agree to that.++}\n\nWe can agree to the cap{-- if you pay in 15 days--}.\n';
  const findings = analyze(text, 'markdown').findings;
  const label = (needle: string) => findings.find((f) => f.start === text.indexOf(needle))?.change;
  assert.equal(label('ridiculous'), 'existing');
  assert.equal(label('We can agree to that'), 'ours');
  // Deleting the condition made the concession free: our change, though no character of it is ours.
  assert.equal(label('We can agree to the cap'), 'ours');
  for (const f of findings) assert.ok(f.change === 'ours' || f.change === 'existing', f.rule);
});

test('a fix for a finding inside an insertion edits the insertion and keeps the markup intact', () => {
  const text = '“Fees” 😀 § 2.\r\n{++We can agree to that. Thanks.++}\r\n';
  const [f] = only(analyze(text, 'markdown').findings, 'unconditional-concession');
  assert.ok(f);
  const insertion = parseCritic(text)[0]!.kept!;
  const fixes = f.fixes.filter((x) => !x.title.startsWith('Suppress'));
  assert.ok(fixes.length > 0);
  assert.equal(applyEdits(text, fixes.find((x) => x.preferred)!.edits), '“Fees” 😀 § 2.\r\n{++We can consider that if the payment terms are adjusted. Thanks.++}\r\n');
  for (const fix of fixes) {
    for (const e of fix.edits) assert.ok(insertion.start <= e.start && e.end <= insertion.end, `${fix.title}: ${e.start}-${e.end} inside ${insertion.start}-${insertion.end}`);
    const fixed = applyEdits(text, fix.edits);
    assert.equal(parseCritic(fixed).length, 1, fix.title);
    assert.ok(fixed.startsWith('“Fees” 😀 § 2.\r\n{++We can ') && fixed.endsWith(' Thanks.++}\r\n'), fixed);
    assert.deepEqual(only(analyze(fixed, 'markdown').findings, 'unconditional-concession'), [], fix.title);
  }
});

test('a fix in the existing text becomes a tracked change; one that would cut through a mark is not offered', () => {
  const text = 'This draft is ridiculous. {>>their wording<<}';
  const [f] = only(analyze(text, 'plaintext').findings, 'hostile-tone');
  assert.ok(f);
  const calmer = f.fixes.find((x) => x.preferred)!;
  const fixed = applyEdits(text, calmer.edits);
  assert.equal(fixed, 'This draft is {~~ridiculous~>difficult for us~~}. {>>their wording<<}');
  assert.deepEqual(only(analyze(fixed, 'plaintext').findings, 'hostile-tone'), []);

  // The sentence is half ours: replacing it whole would cut the insertion, so only the fix inside remains.
  const half = 'This draft is {++ridiculous++}. Thanks.';
  const [g] = only(analyze(half, 'plaintext').findings, 'hostile-tone');
  assert.ok(g);
  const titles = g.fixes.map((x) => x.title);
  assert.ok(!titles.some((t) => t.startsWith('Replace the sentence')), titles.join(' | '));
  assert.equal(applyEdits(half, g.fixes.find((x) => x.preferred)!.edits), 'This draft is {++difficult for us++}. Thanks.');
});

test('a mark across a chunk boundary is read whole, and incremental analysis equals analysis from scratch', () => {
  const filler = 'The Supplier shall provide the Services in a professional manner and in accordance with the Order Form. '.repeat(30);
  const text = `${filler}\n\n{--We can agree to that.\n\n${filler}\n\nThis is ridiculous.--}\n\n${filler}\n\nWe can agree to that.\n`;
  // Without the mark, a chunk would start inside it.
  const natural = chunkStarts(text, 'markdown');
  const mark = parseCritic(text)[0]!;
  assert.ok(natural.some((s) => s > mark.start && s < mark.end), 'the test needs a natural chunk start inside the mark');
  const cache = createAnalysisCache();
  const full = analyze(text, 'markdown');
  assert.deepEqual(analyze(text, 'markdown', {}, cache), full);
  assert.deepEqual(only(full.findings, 'hostile-tone'), []);
  assert.deepEqual(
    only(full.findings, 'unconditional-concession').map((f) => f.start),
    [text.lastIndexOf('We can agree to that')],
  );
  // Closing the mark early, then removing its closer, re-reads the chunks it spans.
  const edited = text.replace('that.\n\n', 'that.--}\n\n');
  assert.deepEqual(analyze(edited, 'markdown', {}, cache), analyze(edited, 'markdown'));
  const unclosed = edited.replace('ridiculous.--}', 'ridiculous.');
  assert.deepEqual(analyze(unclosed, 'markdown', {}, cache), analyze(unclosed, 'markdown'));
});

test('incremental re-analysis with CriticMarkup edits equals analysis from scratch', () => {
  const filler = 'Each party shall keep the other party\'s Confidential Information confidential. ';
  const big = fc.array(documentArb, { minLength: 8, maxLength: 12 }).map((parts) => parts.map((p, i) => `${p}\n\n${filler.repeat(2 + (i % 4))}`).join('\n\n'));
  const edit = editArb(['{++', '++}', '{--', '--}', '{~~', '~>', '~~}', '{>>', '<<}', '{==', '==}', '{++We can agree to that.++}', '{--ridiculous--}', '\n\n', 'x'], 4);
  fc.assert(
    fc.property(big, kindArb, fc.array(edit, { minLength: 1, maxLength: 8 }), (initial, kind, edits) => assertIncrementalMatches(initial, kind, edits)),
    { seed: 20261126, numRuns: 60 },
  );
});

test('the CLI: an optional "change" key in JSON and a marker in text, only for files with redlines', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-critic-'));
  try {
    fs.writeFileSync(path.join(dir, 'redline.md'), 'This is ridiculous.\r\n{++We can agree to that.++}\r\n');
    fs.writeFileSync(path.join(dir, 'plain.md'), 'This is ridiculous.\n');
    const check = (format: string) => {
      let out = '';
      run(['check', '--format', format, 'plain.md', 'redline.md'], { cwd: dir, env: {}, stdoutIsTTY: false, stdout: (s) => (out += s), stderr: () => {} });
      return out;
    };
    const json = JSON.parse(check('json')) as { files: { path: string; diagnostics: { rule: string; change?: string; range: unknown }[] }[] };
    const byPath = new Map(json.files.map((f) => [f.path, f.diagnostics]));
    assert.deepEqual(byPath.get('plain.md')!.map((d) => 'change' in d), [false]);
    assert.deepEqual(
      byPath.get('redline.md')!.map((d) => [d.rule, d.change, d.range]),
      [
        ['hostile-tone', 'existing', { start: { line: 0, character: 8 }, end: { line: 0, character: 18 } }],
        ['unconditional-concession', 'ours', { start: { line: 1, character: 3 }, end: { line: 1, character: 18 } }],
      ],
    );
    const text = check('text');
    assert.match(text, /^redline\.md:1:9: information hostile-tone: .* \[in the existing text\]$/m);
    assert.match(text, /^redline\.md:2:4: warning unconditional-concession: .* \[in our change\]$/m);
    assert.doesNotMatch(text, /^plain\.md:.*\[in /m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
