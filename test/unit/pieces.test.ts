// A text kept in pieces (core/pieces.ts) reads as the string it stands for, after any edits; the
// server's documents built on it (lsp/pieceDocument.ts) give the same positions, offsets, lines
// and text as vscode-languageserver-textdocument's TextDocument after the same changes.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceText } from '../../server/src/core/pieces';
import { PieceDocument } from '../../server/src/lsp/pieceDocument';

/** Characters that matter to positions: line breaks of three kinds, an emoji (two UTF-16 units),
 *  curly quotes and a section sign. */
const unit = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '😀', '’', '§', 'We can agree. ');
const chunk = (max: number) => fc.array(unit, { maxLength: max }).map((a) => a.join(''));
/** Long enough to span many 4 KB pieces. */
const longText = fc.tuple(chunk(40), fc.integer({ min: 0, max: 3000 }), chunk(40)).map(([a, n, b]) => a + 'The Supplier shall deliver.\n'.repeat(n) + b);

test('a text in pieces reads as the string after random edits', () => {
  fc.assert(
    fc.property(longText, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(9000), chunk(12)), { maxLength: 25 }), (initial, edits) => {
      let text = initial;
      let pieces = PieceText.of(initial);
      for (const [where, remove, insert] of edits) {
        const start = Math.floor(where * text.length);
        const end = Math.min(text.length, start + remove);
        text = text.slice(0, start) + insert + text.slice(end);
        // Reversed arguments are ordered, as a reversed range is.
        pieces = remove % 2 ? pieces.edit(end, start, insert) : pieces.edit(start, end, insert);
        assert.equal(pieces.length, text.length);
        for (const [a, b] of [[0, text.length], [start, start + 5000], [Math.max(0, start - 1), start + 1], [end, end], [Math.max(0, text.length - 3), text.length + 10]] as const) {
          assert.equal(pieces.slice(a, b), text.slice(a, b), `slice(${a}, ${b})`);
        }
        for (const i of [-1, 0, start - 1, start, start + insert.length, text.length - 1, text.length]) {
          assert.ok(Object.is(pieces.charCodeAt(i), text.charCodeAt(i)), `charCodeAt(${i})`);
        }
      }
      assert.equal(pieces.toString(), text);
    }),
    { seed: 20261126, numRuns: 150 },
  );
});

test('an edit leaves the text it was made from unchanged', () => {
  const before = PieceText.of('x'.repeat(20_000));
  const after = before.edit(10_000, 10_001, 'yy');
  assert.equal(before.toString(), 'x'.repeat(20_000));
  assert.equal(after.length, 20_001);
  assert.equal(after.slice(9_999, 10_003), 'xyyx');
  assert.equal(PieceText.of('abc').edit(0, 3, '').toString(), '');
  assert.equal(PieceText.of('').edit(0, 0, 'a').toString(), 'a');
});

const position = fc.record({ line: fc.integer({ min: -1, max: 4000 }), character: fc.integer({ min: -1, max: 40 }) });
const change = fc.oneof(
  { weight: 9, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text: chunk(6) }) },
  { weight: 1, arbitrary: fc.record({ text: chunk(30) }) },
);

test('documents in pieces match vscode-languageserver-textdocument after the same changes', () => {
  fc.assert(
    fc.property(longText, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 12 }), fc.array(fc.nat(200_000), { minLength: 5, maxLength: 5 }), (initial, notifications, probes) => {
      const reference = TextDocument.create('file:///a.md', 'markdown', 1, initial);
      const ours = new PieceDocument('file:///a.md', 'markdown', 1, initial);
      let version = 1;
      for (const raw of notifications) {
        version++;
        // Lines within the document (or -1): past its end the library breaks (see the next test).
        const within = (p: { line: number; character: number }) => ({ line: Math.min(p.line, reference.lineCount - 1), character: p.character });
        const changes = raw.map((c) => ('range' in c ? { range: { start: within(c.range.start), end: within(c.range.end) }, text: c.text } : c));
        TextDocument.update(reference, changes, version);
        ours.update(changes, version);
        const text = reference.getText();
        assert.equal(ours.version, version);
        assert.equal(ours.source.length, text.length);
        assert.equal(ours.lineCount, reference.lineCount);
        for (const p of probes) {
          const offset = p % (text.length + 2);
          assert.deepEqual(ours.positionAt(offset), reference.positionAt(offset), `positionAt(${offset})`);
          const pos = { line: p % (reference.lineCount + 1), character: p % 30 };
          assert.equal(ours.offsetAt(pos), reference.offsetAt(pos), `offsetAt(${JSON.stringify(pos)})`);
          const line = (p % (reference.lineCount + 2)) - 1;
          assert.deepEqual(ours.getLineRange(line), reference.getLineRange(line), `getLineRange(${line})`);
          assert.equal(ours.getEOLCharacters(line), reference.getEOLCharacters(line), `getEOLCharacters(${line})`);
        }
        const first = changes[0]!;
        if ('range' in first) assert.equal(ours.getText(first.range), reference.getText(first.range));
      }
      assert.equal(ours.getText(), reference.getText());
    }),
    { seed: 20261126, numRuns: 150 },
  );
});

test('a change at a line past the end is made at the end, and the document stays whole', () => {
  const doc = new PieceDocument('file:///a.md', 'markdown', 1, 'a');
  doc.update([{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '\n' }], 2);
  doc.update([{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: 'x' }], 3);
  assert.equal(doc.getText(), 'ax\n');
  assert.equal(doc.source.length, 3);
  assert.equal(doc.lineCount, 2);
  assert.deepEqual(doc.positionAt(3), { line: 1, character: 0 });
  assert.equal(doc.offsetAt({ line: 1, character: 0 }), 3);
  // Offsets that are not numbers are read as the start, never as NaN.
  assert.equal(PieceText.of('abc').edit(NaN, 1, 'z').toString(), 'zbc');
});
