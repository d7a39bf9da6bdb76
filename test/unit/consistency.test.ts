// Every place that lists the rules or the settings says the same thing: the rule registry, the
// `leverage.*` settings contributed in package.json, the playbook's JSON Schema and parser, and
// the README. A rule added in one place and forgotten in another fails here, not in a user's editor.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CONFIGURABLE_CODES, PLAYBOOK_KEYS, RULE_SETTINGS, TEMPLATE_KINDS, validateSettings } from '../../server/src/core/playbook';
import { RULES } from '../../server/src/core/rules/index';
import { PHRASE_FAMILIES, RULE_IDS } from '../../server/src/core/types';

const ROOT = path.resolve(__dirname, '../../..');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

interface Setting {
  type?: string | string[];
  default?: unknown;
  description?: string;
  markdownDescription?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
  properties?: Record<string, Setting>;
  additionalProperties?: boolean;
  [k: string]: unknown;
}

const pkg = JSON.parse(read('package.json')) as {
  contributes: { configuration: { properties: Record<string, Setting> }; yamlValidation?: { fileMatch: string | string[]; url: string }[] };
};
const SETTINGS = pkg.contributes.configuration.properties;
const RULE_SETTINGS_PKG = SETTINGS['leverage.rules']!.properties!;
const schema = JSON.parse(read('schemas/playbook.schema.json')) as Setting;
const README = read('README.md');
/** The diagnostic codes: the rules, then the core's report of a stale suppression comment. */
const CODES = [...RULE_IDS, 'unused-suppression'];
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

test('the rule registry and RULE_IDS list the same rules in the same order', () => {
  assert.deepEqual(
    RULES.map((r) => r.id),
    [...RULE_IDS],
  );
  for (const r of RULES) {
    assert.ok(['error', 'warning', 'information', 'hint'].includes(r.defaultSeverity), `${r.id}: default severity`);
    assert.ok(r.description.trim().length > 10, `${r.id}: description`);
  }
});

test('package.json: leverage.rules has one setting per rule, with the rule’s default, values and documentation', () => {
  assert.deepEqual(Object.keys(RULE_SETTINGS_PKG), [...RULE_IDS, 'unused-suppression']);
  assert.equal(SETTINGS['leverage.rules']!.additionalProperties, false);
  for (const rule of RULES) {
    const s = RULE_SETTINGS_PKG[rule.id]!;
    assert.equal(s.type, 'string', rule.id);
    assert.deepEqual(s.enum, [...RULE_SETTINGS], `${rule.id}: values`);
    assert.equal(s.default, rule.defaultSeverity, `${rule.id}: default`);
    assert.ok((s.markdownDescription ?? s.description ?? '').length > 10, `${rule.id}: description`);
    assert.ok((s.markdownDescription ?? s.description)!.includes(`Default: \`${rule.defaultSeverity}\``), `${rule.id}: the description names the default`);
    assert.equal(s.enumDescriptions?.length ?? s.markdownEnumDescriptions?.length, s.enum!.length, `${rule.id}: enumDescriptions`);
  }
});

test(
  'package.json: leverage.rules also offers unused-suppression, which the playbook and the settings validator accept',
  () => {
    assert.equal(RULE_SETTINGS_PKG['unused-suppression']?.default, 'information');
  },
);

test('package.json: every leverage.* setting has a description, a type and a default; enums have enumDescriptions', () => {
  const names = Object.keys(SETTINGS);
  assert.ok(names.length > 0);
  for (const name of names) {
    const s = SETTINGS[name]!;
    assert.match(name, /^leverage\.[a-z][A-Za-z.]*$/, name);
    assert.ok((s.markdownDescription ?? s.description ?? '').trim().length > 10, `${name}: description`);
    assert.ok(s.type !== undefined, `${name}: type`);
    assert.ok('default' in s, `${name}: default`);
    if (s.enum) {
      assert.equal(s.enumDescriptions?.length ?? s.markdownEnumDescriptions?.length, s.enum.length, `${name}: enumDescriptions`);
      assert.ok(s.enum.includes(s.default), `${name}: the default is one of the values`);
    }
  }
});

test('package.json: the analysis settings are playbook keys, and the settings validator accepts their defaults', () => {
  const analysis = Object.keys(SETTINGS)
    .map((n) => n.slice('leverage.'.length))
    // Not analysis settings: on/off, the changed-only revision (each reviewer's own), tracing.
    .filter((n) => n !== 'enable' && n !== 'changedSince' && !n.startsWith('trace.'));
  for (const key of analysis) assert.ok((PLAYBOOK_KEYS as readonly string[]).includes(key), `leverage.${key} is not a playbook key`);
  // What VS Code sends when nothing is set: every default, nested as `trace.server` is.
  const defaults: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(SETTINGS)) {
    const parts = name.split('.').slice(1);
    let at = defaults;
    for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
    at[parts.at(-1)!] = s.default;
  }
  assert.deepEqual(validateSettings(defaults).problems, []);
});

test('package.json: every playbook key is also a setting, phrase families and template kinds included', () => {
  for (const key of PLAYBOOK_KEYS) assert.ok(SETTINGS[`leverage.${key}`], `leverage.${key}`);
  const p = schema.properties!;
  for (const key of ['phrases', 'templates']) {
    const setting = SETTINGS[`leverage.${key}`]!;
    assert.deepEqual(Object.keys(setting.properties ?? {}), Object.keys(p[key]!.properties!), `leverage.${key}: the playbook schema's keys`);
    assert.equal(setting.additionalProperties, false, `leverage.${key}: additionalProperties`);
    for (const [k, s] of Object.entries(setting.properties!)) assert.ok((s.markdownDescription ?? s.description ?? '').length > 10, `leverage.${key}.${k}: description`);
  }
  assert.deepEqual(Object.keys(p['phrases']!.properties!), [...PHRASE_FAMILIES]);
  assert.deepEqual(Object.keys(p['templates']!.properties!), [...TEMPLATE_KINDS]);
});

test('the playbook schema: rules by the same ids as the parser (every rule and unused-suppression), with the rules’ defaults', () => {
  const rules = schema.properties!['rules']!.properties!;
  assert.deepEqual(Object.keys(rules), CODES);
  assert.deepEqual([...CONFIGURABLE_CODES], CODES);
  for (const rule of RULES) {
    assert.equal(rules[rule.id]!.default, rule.defaultSeverity, rule.id);
    assert.deepEqual(rules[rule.id]!.enum, RULE_SETTINGS_PKG[rule.id]!.enum, `${rule.id}: the same values as the setting`);
  }
});

test('package.json: the schemas are contributed for the YAML extension, and shipped', () => {
  const entries = pkg.contributes.yamlValidation ?? [];
  const byUrl = new Map(entries.map((e) => [e.url, [e.fileMatch].flat()]));
  assert.deepEqual(byUrl.get('./schemas/playbook.schema.json'), ['.leverage.yaml']);
  assert.deepEqual(byUrl.get('./schemas/negotiation-notes.schema.json'), ['*.negotiation.yaml', '*.negotiation.yml']);
  for (const e of entries) assert.ok(fs.existsSync(path.join(ROOT, e.url)), `${e.url} exists`);
  const ignore = read('.vscodeignore').split(/\r?\n/);
  assert.ok(ignore.includes('!schemas/**'), '.vscodeignore re-includes schemas/**');
});

/** The `### \`id\`` headings of the README's rule list, with the severity its entry starts with. */
function readmeRules(): { id: string; severity: string | undefined }[] {
  const section = README.split(/^## /m).find((s) => s.startsWith('What it checks'));
  assert.ok(section, 'the README has a "What it checks" section');
  return [...section.matchAll(/^### `([^`]+)`\r?\n\*\*([A-Za-z]+)\b/gm)].map((m) => ({ id: m[1]!, severity: m[2] }));
}

test('README: one "### `id`" heading per rule, in the registry’s order, then unused-suppression', () => {
  const headings = [...README.matchAll(/^### `([^`]+)`/gm)].map((m) => m[1]);
  assert.deepEqual(headings, CODES);
  assert.deepEqual(
    readmeRules().map((r) => r.id),
    CODES,
    'every heading is followed by its **Severity.**',
  );
});

test('README: each rule’s entry starts with its default severity', () => {
  for (const { id, severity } of readmeRules()) {
    const rule = RULES.find((r) => r.id === id);
    assert.equal(severity, cap(rule ? rule.defaultSeverity : 'information'), id);
  }
});

test('README: the settings table lists every leverage.* setting with its default', () => {
  const section = README.split(/^## /m).find((s) => s.startsWith('Settings'));
  assert.ok(section, 'the README has a "Settings" section');
  const rows = new Map([...section.matchAll(/^\| `(leverage\.[^`]+)` \| `([^`]*)` \|/gm)].map((m) => [m[1]!, m[2]!]));
  assert.deepEqual([...rows.keys()].sort(), Object.keys(SETTINGS).sort());
  for (const [name, s] of Object.entries(SETTINGS)) {
    const shown = rows.get(name)!;
    assert.ok(shown === JSON.stringify(s.default) || shown === s.default, `${name}: README says ${shown}, package.json ${JSON.stringify(s.default)}`);
  }
});

test('the bench launches the server with the V8 flags the VS Code client uses', async () => {
  const client = /export const SERVER_NODE_FLAGS = (\[[^\]]*\]);/.exec(read('client/src/extension.ts'))?.[1];
  const bench = (await import(path.join(ROOT, 'scripts/bench/lsp.mjs'))) as { SERVER_NODE_FLAGS: string[] };
  assert.ok(client, 'SERVER_NODE_FLAGS in client/src/extension.ts');
  assert.deepEqual(JSON.parse(client.replace(/'/g, '"')), bench.SERVER_NODE_FLAGS);
});
