import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/core/lines';

test('positions count UTF-16 code units across LF, CRLF and lone CR', () => {
  const text = 'a😀b\r\n§ c\rd\n“e”';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(text.indexOf('b')), { line: 0, character: 3 });
  assert.deepEqual(index.positionAt(text.indexOf('c')), { line: 1, character: 2 });
  assert.deepEqual(index.positionAt(text.indexOf('d')), { line: 2, character: 0 });
  assert.deepEqual(index.positionAt(text.indexOf('e')), { line: 3, character: 1 });
  assert.deepEqual(index.positionAt(text.length), { line: 3, character: 3 });
});

test('offsetAt inverts positionAt and clamps to the line', () => {
  const text = 'one\r\ntwo\nthree';
  const index = new LineIndex(text);
  for (let i = 0; i <= text.length; i++) {
    if (text[i - 1] === '\r' && text[i] === '\n') continue; // inside a CRLF
    assert.equal(index.offsetAt(index.positionAt(i)), i);
  }
  assert.equal(index.offsetAt({ line: 0, character: 99 }), 3);
  assert.equal(index.offsetAt({ line: 9, character: 0 }), text.length);
});

test('LF-only text (the fast path) gives the same positions as the general loop', () => {
  const text = 'a😀b\n§ c\n\nd “e”\n';
  const index = new LineIndex(text);
  const general = new LineIndex(text.replace(/\n/g, '\r\n'));
  assert.equal(index.lineCount, 5);
  for (let i = 0, j = 0; i <= text.length; i++, j++) {
    assert.deepEqual(index.positionAt(i), general.positionAt(j));
    if (text[i] === '\n') j++;
  }
});

test('an index made after an edit equals the index of the new text, across CR, LF and CRLF', () => {
  const piece = fc.constantFrom('a', 'bc', '😀', '§', '“x”', '\n', '\r', '\r\n', '\n\n', '\r\r\n');
  const textArb = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));
  fc.assert(
    fc.property(textArb, textArb, fc.nat(), fc.nat(), fc.nat(), fc.nat(), (old, inserted, a, b, shrinkPrefix, shrinkSuffix) => {
      const from = old.length === 0 ? 0 : a % (old.length + 1);
      const to = from + (old.length - from === 0 ? 0 : b % (old.length - from + 1));
      const text = old.slice(0, from) + inserted + old.slice(to);
      // The caller may know less than the exact shared ends: any smaller prefix and suffix hold too.
      const prefix = Math.max(0, from - (shrinkPrefix % 3));
      const suffix = Math.max(0, old.length - to - (shrinkSuffix % 3));
      const edited = LineIndex.afterEdit(new LineIndex(old), text, prefix, suffix);
      const fresh = new LineIndex(text);
      assert.equal(edited.lineCount, fresh.lineCount, JSON.stringify({ old, text, prefix, suffix }));
      for (let i = 0; i <= text.length; i++) assert.deepEqual(edited.positionAt(i), fresh.positionAt(i), `${JSON.stringify({ old, text, prefix, suffix })} at ${i}`);
    }),
    { seed: 20261126, numRuns: 2000 },
  );
});
