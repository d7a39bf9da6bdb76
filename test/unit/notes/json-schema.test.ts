// schemas/negotiation-notes.schema.json (for editors) and the analyser must agree: the file is the
// rendering of the analyser's schema, uses only the keywords a small validator understands, and
// accepts exactly the samples the analyser accepts. ajv would do the validating, but it is not a
// dependency, and this subset is small enough to validate here.
//
// After changing server/src/core/notes/schema.ts, regenerate the file with
//   npx tsc -p . && LEVERAGE_UPDATE_SCHEMA=1 node --test out/test/unit/notes/json-schema.test.js

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseNotes } from '../../../server/src/core/notes/parse';
import { toJsonSchema } from '../../../server/src/core/notes/schema';
import { yaml } from './helpers';
import { jsonOf, validate, type JsonSchema } from '../../support/json-schema';

const ROOT = join(__dirname, '..', '..', '..', '..');
const FILE = join(ROOT, 'schemas', 'negotiation-notes.schema.json');
if (process.env['LEVERAGE_UPDATE_SCHEMA'] === '1') writeFileSync(FILE, `${format(toJsonSchema(), '')}\n`);
const schema = JSON.parse(readFileSync(FILE, 'utf8')) as JsonSchema;

/** JSON with short lists of values on one line, for a file people read. */
function format(v: unknown, indent: string): string {
  if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) return JSON.stringify(v).replace(/,/g, ', ');
  const inner = `${indent}  `;
  if (Array.isArray(v)) return `[\n${v.map((x) => inner + format(x, inner)).join(',\n')}\n${indent}]`;
  if (v !== null && typeof v === 'object') {
    return `{\n${Object.entries(v).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${format(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}


const KEYWORDS = new Set(['$schema', 'title', 'description', 'type', 'properties', 'additionalProperties', 'required', 'enum', 'items']);

test('the schema file is the rendering of the analyser’s schema', () => {
  assert.deepEqual(schema, toJsonSchema(), 'regenerate schemas/negotiation-notes.schema.json from toJsonSchema()');
});

test('the schema uses only the keywords the validator understands, and documents every property', () => {
  const walk = (s: JsonSchema, path: string) => {
    for (const k of Object.keys(s)) assert.ok(KEYWORDS.has(k), `${path}: keyword ${k}`);
    assert.ok(typeof s.description === 'string' && s.description.length > 10, `${path}: description`);
    if (s.properties) {
      assert.equal(s.additionalProperties, false, `${path}: additionalProperties`);
      for (const [k, p] of Object.entries(s.properties)) walk(p, `${path}.${k}`);
    }
    if (s.items && s.items.properties) walk(s.items, `${path}[]`);
  };
  walk(schema, '$');
});

const VALID: Record<string, string> = {
  sketch: yaml(
    'negotiation: Acme master services agreement',
    'we: Supplier',
    'they: Customer',
    'draft: acme-msa.md',
    'batna: Extend the Gamma pilot on current terms',
    'private:',
    '  walk_away: 95000',
    '  deadline: 2026-12-15',
    'their_interests: [speed, certainty, confidentiality]',
    'issues:',
    '  - id: fees',
    '    category: economic',
    '    priority: must-have',
    '    resistance: high',
    '    position: Annual fee of 120,000',
    '    benchmark: Median of comparable 3-year SaaS deals, 2025 survey',
    '    status: open',
    'concessions:',
    '  - give: Accept a 12-month minimum term',
    '    get: Net-15 payment terms',
    '    issue: term',
    'moves:',
    '  - by: us',
    '    on: fees',
    '    offer: 120,000',
    '  - by: them',
    '    on: fees',
    '    offer: 90,000',
  ),
  example: readFileSync(join(ROOT, 'examples', 'northwind-msa', 'master-services-agreement.negotiation.yaml'), 'utf8'),
  empty: '',
  'comments only': '# to be written\n',
  'empty values': yaml('batna:', 'private:', 'their_interests:', 'plan:', 'issues:', 'concessions:', 'moves:'),
  'empty item values': yaml('issues:', '  - id: fees', '    category:', '    priority: ~', '    position: null', 'concessions:', '  - give:', '    issue:'),
  numbers: yaml('private: {walk_away: 195000, budget_ceiling: 2.5e5}', 'plan: [fees, 2]', 'moves: [{by: us, on: fees, offer: 120000}]'),
  'flow style': '{batna: x, issues: [{id: a, category: legal}], private: {other: [a, b]}}\n',
  'quoted text': yaml('negotiation: "Acme: phase 2"', "they: 'Customer'", 'batna: |', '  Keep the pilot', '  on current terms'),
  'all enums': yaml(
    'issues:',
    ...['economic', 'legal', 'operational', 'relationship'].map((c, i) => `  - {id: c${i}, category: ${c}}`),
    ...['must-have', 'want', 'tradeable', 'cannot-accept'].map((p, i) => `  - {id: p${i}, priority: ${p}}`),
    ...['low', 'medium', 'high'].map((r, i) => `  - {id: r${i}, resistance: ${r}}`),
    ...['open', 'agreed', 'conceded', 'dropped'].map((s, i) => `  - {id: s${i}, status: ${s}}`),
    'moves: [{by: us, on: c0, ask: Why?}, {by: them, on: c0, date: 2026-11-14, note: x}]',
  ),
};

const INVALID: Record<string, string> = {
  'unknown top key': 'batna: x\nbudget: 1\n',
  'unknown issue key': 'issues:\n  - id: a\n    benchmak: x\n',
  'unknown private key': 'private:\n  walk-away: 1\n',
  'unknown move key': 'moves:\n  - {by: us, on: a, ofer: 1}\n',
  'unknown concession key': 'concessions:\n  - {give: a, gets: b}\n',
  'numeric key': '1: x\n',
  'text for a list': 'their_interests: speed\n',
  'text for issues': 'issues: fees\n',
  'mapping for issues': 'issues: {id: fees}\n',
  'text item in issues': 'issues:\n  - fees\n',
  'empty item in issues': 'issues:\n  -\n',
  'null item in flow issues': 'issues: [~]\n',
  'mapping item in a text list': 'their_interests:\n  - {a: 1}\n',
  'empty item in a text list': 'plan:\n  - fees\n  -\n',
  'boolean item in a text list': 'plan: [true]\n',
  'misspelt priority': 'issues:\n  - {id: a, priority: must have}\n',
  'misspelt resistance': 'issues:\n  - {id: a, resistance: hgh}\n',
  'numeric category': 'issues:\n  - {id: a, category: 1}\n',
  'unknown status': 'issues:\n  - {id: a, status: closed}\n',
  'unknown side': 'moves:\n  - {by: we, on: a}\n',
  'empty side': 'moves:\n  - {by: , on: a}\n',
  'missing id': 'issues:\n  - {category: legal}\n',
  'empty id': 'issues:\n  - id:\n',
  'numeric id': 'issues:\n  - id: 12\n',
  'numeric reference': 'moves:\n  - {by: us, on: 12}\n',
  'missing by': 'moves:\n  - {on: a}\n',
  'missing on': 'moves:\n  - {by: us}\n',
  'missing give': 'concessions:\n  - {get: a}\n',
  'boolean text': 'batna: true\n',
  'list for text': 'issues:\n  - {id: a, position: [1, 2]}\n',
  'mapping for text': 'private:\n  walk_away: {min: 1}\n',
  'text for private': 'private: secret\n',
  'list for private': 'private: [95000]\n',
  'root list': '- a\n- b\n',
  'root text': 'just some text\n',
};

for (const [name, text] of Object.entries(VALID)) {
  test(`both accept: ${name}`, () => {
    assert.deepEqual(validate(schema, jsonOf(text)), []);
    assert.deepEqual(parseNotes(text).findings.map((f) => f.message), []);
  });
}

for (const [name, text] of Object.entries(INVALID)) {
  test(`both reject: ${name}`, () => {
    assert.notDeepEqual(validate(schema, jsonOf(text)), [], 'the JSON Schema accepts it');
    assert.notDeepEqual(parseNotes(text).findings, [], 'the analyser accepts it');
  });
}
