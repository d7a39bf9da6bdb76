// The subset of JSON Schema (draft-07) that the project's schema files use — type, enum,
// properties, additionalProperties: false, required, items, maxItems, maxLength, pattern — for the
// tests that check a schema file and the analyser accept the same documents. ajv would do it, but
// it is not a dependency, and this subset is small. Each test checks separately that its schema
// uses no keyword beyond those it knows.

import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';

/** A YAML sample as the JSON a schema validates (an empty document as {}); the sample must be valid YAML. */
export function jsonOf(text: string): unknown {
  const doc = parseDocument(text);
  assert.deepEqual(doc.errors, [], 'samples are valid YAML');
  return doc.toJS() ?? {};
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  maxItems?: number;
  maxLength?: number;
  pattern?: string;
  description?: string;
  markdownEnumDescriptions?: string[];
  [k: string]: unknown;
}

function isType(t: string, v: unknown): boolean {
  switch (t) {
    case 'null':
      return v === null;
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    default:
      throw new Error(`unsupported type ${t}`);
  }
}

/** The paths at which `v` fails `s`. maxLength counts code points, as JSON Schema does. */
export function validate(s: JsonSchema, v: unknown, at = '$'): string[] {
  const errors: string[] = [];
  if (s.enum && !s.enum.some((e) => e === v)) errors.push(`${at}: not in enum`);
  if (s.type !== undefined && ![s.type].flat().some((t) => isType(t, v))) return [...errors, `${at}: not ${[s.type].flat().join('|')}`];
  if (isType('object', v)) {
    const o = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (!Object.prototype.hasOwnProperty.call(o, r)) errors.push(`${at}: missing ${r}`);
    for (const [k, x] of Object.entries(o)) {
      if (s.properties && Object.prototype.hasOwnProperty.call(s.properties, k)) errors.push(...validate(s.properties[k]!, x, `${at}.${k}`));
      else if (s.additionalProperties === false) errors.push(`${at}: unknown ${k}`);
    }
  }
  if (Array.isArray(v)) {
    if (s.maxItems !== undefined && v.length > s.maxItems) errors.push(`${at}: more than ${s.maxItems} items`);
    if (s.items) v.forEach((x, i) => errors.push(...validate(s.items!, x, `${at}[${i}]`)));
  }
  if (typeof v === 'string') {
    if (s.maxLength !== undefined && [...v].length > s.maxLength) errors.push(`${at}: longer than ${s.maxLength}`);
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v)) errors.push(`${at}: does not match ${s.pattern}`);
  }
  return errors;
}
