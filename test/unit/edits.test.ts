// The edit tracker of the server (server/src/lsp/edits.ts): whatever the change notifications,
// the region it reports must be true of the texts — the base and the current text share `prefix`
// characters at the start and `suffix` at the end — or it reports nothing.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { EditTracker } from '../../server/src/lsp/edits';

const URI = 'file:///drafts/letter.md';
const piece = fc.constantFrom('a', 'We can agree.', '😀', '§ 4', '“x”', '\n', '\r\n', '\r', ' ');
const textArb = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));

/** One notification: a ranged change (maybe reversed), a full-text change, two changes, or an analysis in between. */
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('ranged' as const), a: fc.nat(), b: fc.nat(), text: textArb }),
  fc.record({ kind: fc.constant('full' as const), text: textArb }),
  fc.record({ kind: fc.constant('two' as const), a: fc.nat(), text: textArb }),
  fc.record({ kind: fc.constant('analysed' as const) }),
);

test('the region since the last analysis is always true of the two texts, and known for single ranged changes', () => {
  fc.assert(
    fc.property(textArb, fc.array(stepArb, { maxLength: 8 }), (initial, steps) => {
      const tracker = new EditTracker();
      let doc = TextDocument.create(URI, 'markdown', 1, initial);
      tracker.analysed(URI, doc.getText(), doc.version);
      let onlyRanged = true;
      for (const step of steps) {
        if (step.kind === 'analysed') {
          tracker.analysed(URI, doc.getText(), doc.version);
          onlyRanged = true;
          continue;
        }
        const length = doc.getText().length;
        let changes: TextDocumentContentChangeEvent[];
        if (step.kind === 'full') changes = [{ text: step.text }];
        else if (step.kind === 'two') changes = [{ range: { start: doc.positionAt(0), end: doc.positionAt(0) }, text: step.text }, { range: { start: doc.positionAt(0), end: doc.positionAt(0) }, text: 'x' }];
        else {
          // Reversed on purpose half the time: the document orders the range itself.
          const p = doc.positionAt(step.a % (length + 1));
          const q = doc.positionAt(step.b % (length + 1));
          changes = [{ range: { start: p, end: q }, text: step.text }];
        }
        onlyRanged &&= step.kind === 'ranged';
        const version = doc.version + 1;
        tracker.record(doc, changes, version);
        doc = TextDocument.update(doc, changes, version);
      }
      const text = doc.getText();
      const region = tracker.since(URI, doc.version, text.length);
      if (onlyRanged) assert.ok(region, 'single ranged changes since the last analysis give a region');
      if (!region) return;
      assert.ok(region.prefix + region.suffix <= Math.min(region.base.length, text.length));
      assert.equal(text.slice(0, region.prefix), region.base.slice(0, region.prefix));
      assert.equal(text.slice(text.length - region.suffix), region.base.slice(region.base.length - region.suffix));
    }),
    { seed: 20261126, numRuns: 1500 },
  );
});

test('a region is only given for the version it describes', () => {
  const tracker = new EditTracker();
  let doc = TextDocument.create(URI, 'markdown', 1, 'We can agree to that.');
  tracker.analysed(URI, doc.getText(), 1);
  const change = { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 6 } }, text: 'will' };
  tracker.record(doc, [change], 2);
  doc = TextDocument.update(doc, [change], 2);
  assert.deepEqual(tracker.since(URI, 2, doc.getText().length), { base: 'We can agree to that.', prefix: 3, suffix: 15 });
  // A version the tracker never saw (a change it was not told of): nothing is known.
  assert.equal(tracker.since(URI, 3, doc.getText().length), undefined);
  tracker.forget(URI);
  assert.equal(tracker.since(URI, 2, doc.getText().length), undefined);
});
