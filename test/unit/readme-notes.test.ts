// The README's complete notes example is valid notes: no schema finding, and every field the
// schema knows appears in it (so the documentation shows every field).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';

const README = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
const SCHEMA = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../schemas/negotiation-notes.schema.json'), 'utf8')) as {
  properties: Record<string, { properties?: Record<string, unknown>; items?: { properties?: Record<string, unknown> } }>;
};

test("the README's notes example is valid and shows every field", () => {
  const start = README.indexOf('```yaml\nnegotiation:');
  assert.ok(start >= 0, 'the README has a notes example');
  const example = README.slice(start + 8, README.indexOf('```', start + 8));
  assert.deepEqual(analyze(example, 'notes').findings.map((f) => `${f.rule}: ${f.message}`), []);
  const keys = new Set([...example.matchAll(/([a-z_]+):/g)].map((m) => m[1]));
  for (const [key, def] of Object.entries(SCHEMA.properties)) {
    assert.ok(keys.has(key), `top-level key ${key} is shown`);
    for (const sub of Object.keys(def.properties ?? def.items?.properties ?? {})) assert.ok(keys.has(sub), `${key}.${sub} is shown`);
  }
});
