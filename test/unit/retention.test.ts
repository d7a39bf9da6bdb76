// What an analysis cache keeps alive. A server keeps one per open document for as long as it is
// open; anything a cached chunk result holds that points into a document version keeps that whole
// version in memory (a slice of a string keeps its parent).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { analyze, createAnalysisCache } from '../../server/src/core/analyze';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Bytes in V8's large-object space, where strings of this size live. */
function largeObjects(): number {
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'large_object_space')!.space_used_size;
}

test('a cached analysis does not keep earlier versions of the document alive', () => {
  // About 600 KB: one version is a large object; read in 8 KB chunks, with findings in each.
  const paragraph = 'The Supplier shall deliver the Services under this Agreement. We can agree to that, and we accept your price.\n\n';
  let text = paragraph.repeat(5400);
  const cache = createAnalysisCache();
  analyze(text, 'markdown', {}, cache);
  gc();
  const before = largeObjects();
  // An edit in a different chunk each time: each chunk's findings come from another version.
  for (let i = 0; i < 30; i++) {
    const at = Math.floor(((i + 0.5) / 30) * text.length);
    text = `${text.slice(0, at)}x${text.slice(at)}`;
    analyze(text, 'markdown', {}, cache);
  }
  gc();
  const grown = largeObjects() - before;
  // The current version (and a copy of it) at most; thirty versions would be ~18 MB.
  assert.ok(grown < 3 * text.length, `large objects grew by ${(grown / 1e6).toFixed(1)} MB over 30 edits`);
});
