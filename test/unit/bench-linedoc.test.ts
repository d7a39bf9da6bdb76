// The bench's client keeps its copy of the draft it types into as lines (scripts/bench/linedoc.mjs)
// instead of a TextDocument rebuilt per keystroke. The edits it sends must be the ones a
// TextDocument would describe, or the bench would measure a server reading another text.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';

interface LineDocLike {
  length: number;
  positionAt(offset: number): { line: number; character: number };
  insert(offset: number, ch: string): void;
  remove(offset: number): void;
  getText(): string;
}

const ROOT = path.resolve(__dirname, '../../..');

test('the bench client positions and applies edits as a TextDocument does, line breaks and emoji included', async () => {
  const { LineDoc } = (await import(path.join(ROOT, 'scripts/bench/linedoc.mjs'))) as { LineDoc: new (text: string) => LineDocLike };
  const textArb = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\n\n', '😀', '§', '“'), { minLength: 1, maxLength: 80 }).map((p) => p.join(''));
  const editArb = fc.array(fc.tuple(fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('x', ' ', 'é')), { minLength: 1, maxLength: 40 });
  fc.assert(
    fc.property(textArb, editArb, (text, edits) => {
      const ours = new LineDoc(text);
      let doc = TextDocument.create('file:///t.md', 'markdown', 1, text);
      for (const [insert, where, ch] of edits) {
        const length = doc.getText().length;
        assert.equal(ours.length, length);
        if (!insert && length === 0) continue;
        const offset = Math.min(length - (insert ? 0 : 1), Math.floor(where * length));
        for (const o of [offset, offset + 1]) assert.deepEqual(ours.positionAt(o), doc.positionAt(o), `position of ${o}`);
        const start = ours.positionAt(offset);
        const change = insert ? { range: { start, end: start }, text: ch } : { range: { start, end: ours.positionAt(offset + 1) }, text: '' };
        if (insert) ours.insert(offset, ch);
        else ours.remove(offset);
        doc = TextDocument.update(doc, [change], doc.version + 1);
        assert.equal(ours.getText(), doc.getText());
      }
    }),
    { seed: 20261126, numRuns: 300 },
  );
});
