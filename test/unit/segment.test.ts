import assert from 'node:assert/strict';
import { test } from 'node:test';
import { segment, splitClauses } from '../../server/src/core/segment';

function sentences(text: string, kind: 'markdown' | 'plaintext' | 'contract' = 'markdown'): string[] {
  const seg = segment(text, kind);
  assert.equal(seg.masked.length, text.length, 'the mask keeps offsets');
  return seg.sentences.map((s) => text.slice(s.start, s.end));
}

test('splits sentences, not abbreviations, initials or clause numbers', () => {
  assert.deepEqual(sentences('See Sec. 4.2 of the MSA, e.g. the cap. J. Smith agreed! Did he? Yes.'), [
    'See Sec. 4.2 of the MSA, e.g. the cap.',
    'J. Smith agreed!',
    'Did he?',
    'Yes.',
  ]);
  assert.deepEqual(sentences('He paid $1.5 million. “Fine,” she said. Then she left.'), ['He paid $1.5 million.', '“Fine,” she said.', 'Then she left.']);
});

test('blank lines, headings, list items and table cells are block boundaries', () => {
  assert.deepEqual(sentences('# Fees\nWe can agree\n\nto that\n- first item\n- second item\n\n| a cell | another |\n|---|---|\n'), [
    'Fees',
    'We can agree',
    'to that',
    'first item',
    'second item',
    'a cell',
    'another',
  ]);
});

test('a sentence wraps across lines of a paragraph and of a block quote', () => {
  const text = '> We can agree\n> to that.';
  const seg = segment(text, 'markdown');
  assert.equal(seg.sentences.length, 1);
  assert.equal(seg.masked.slice(seg.sentences[0]!.start, seg.sentences[0]!.end), 'We can agree\n  to that.');
});

test('masks code, front matter, comments, link targets, HTML and emphasis markers', () => {
  const text = [
    '---',
    'title: x',
    '---',
    'Text with `code` and <!-- a comment --> and [a link](http://x.y/z) and **bold** and <b>tag</b>.',
    '',
    '```js',
    'let x = 1;',
    '',
    '```',
    '',
    '    indented code',
    '',
    '[ref]: http://example.com',
  ].join('\n');
  const { masked } = segment(text, 'markdown');
  assert.ok(!masked.includes('title'));
  assert.ok(!masked.includes('code`') && !masked.includes('`code'));
  assert.ok(!masked.includes('comment'));
  assert.ok(!masked.includes('http'));
  assert.ok(masked.includes('a link'));
  assert.ok(masked.includes('  bold  '));
  assert.ok(!masked.includes('<b>'));
  assert.ok(!masked.includes('let x'));
  assert.ok(!masked.includes('indented'));
});

test('an unclosed fence and an unclosed comment run to the end, as in CommonMark', () => {
  assert.deepEqual(sentences('Before.\n```\nWe can agree to that.'), ['Before.']);
  assert.deepEqual(sentences('Before. <!-- open\nWe can agree to that.\nstill'), ['Before.']);
});

test('CRLF and lone CR break lines like LF', () => {
  assert.deepEqual(sentences('One.\r\n\r\nTwo.\r\rThree.'), ['One.', 'Two.', 'Three.']);
});

test('contract clause numbers are not prose and start a block', () => {
  assert.deepEqual(sentences('1.1 The Supplier shall deliver.\n2.3(a) The Customer shall pay\n(b) on time.', 'contract'), [
    'The Supplier shall deliver.',
    'The Customer shall pay',
    'on time.',
  ]);
});

test('clauses split at semicolons, colons and dashes', () => {
  const text = 'We accept the cap; however: the term — as drafted — stays.';
  const { masked, sentences: [s] } = segment(text, 'plaintext');
  assert.deepEqual(
    splitClauses(masked, s!).map((c) => text.slice(c.start, c.end)),
    ['We accept the cap', 'however', 'the term', 'as drafted', 'stays.'],
  );
});

test('a block boundary before content never replaces it (a table row that starts with an emoji)', () => {
  assert.deepEqual(sentences('Intro line\n😀 cell | other'), ['Intro line', '😀 cell', 'other']);
  assert.deepEqual(sentences('TERM AND TERMINATION\nThe term is one year.', 'plaintext'), ['TERM AND TERMINATION', 'The term is one year.']);
});

test('a CRLF followed by text is a line break, not a blank line', () => {
  const lf = 'We can agree to that. \nwe will waive the deposit.';
  assert.deepEqual(sentences(lf.replace(/\n/g, '\r\n')).map((s) => s.replace(/\r/g, '')), sentences(lf));
});
