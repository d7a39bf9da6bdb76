// The team playbook (`.leverage.yaml`) and the `leverage.*` settings, validated into
// AnalysisOptions. Pure: text or JSON in, options and problems out; no I/O, nothing in a
// configuration is ever run. Both sources share one validator, so the same keys mean the same
// thing in both, and schemas/playbook.schema.json describes what it accepts.
//
// A bad entry is dropped with a problem and the rest still applies: a misspelt rule id does not
// turn the other rules back to their defaults. Messages never quote a configured phrase, template
// or counter-ask (they can be confidential); they name its position instead.

import { editDistance } from './notes/spelling';
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Pair } from 'yaml';
import { PHRASE_LIMITS, phraseProblem } from './phrases';
import { PHRASE_FAMILIES, RULE_IDS, type AnalysisOptions, type PhraseFamily, type RuleSetting } from './types';

/** The playbook's keys, which are also the analysis settings' names under `leverage.`. */
export const PLAYBOOK_KEYS = ['rules', 'tradeables', 'benchmarks', 'phrases', 'templates'] as const;
export const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'information', 'hint', 'off'];
/** What `rules` may set: every rule, and the report of a suppression comment that silences nothing. */
export const CONFIGURABLE_CODES: readonly string[] = [...RULE_IDS, 'unused-suppression'];
export const TEMPLATE_KINDS = ['concession'] as const;
/** The concession rule offers at most this many playbook templates (rules/unconditional-concession.ts). */
export const MAX_TEMPLATES = 5;
/** Settings under `leverage.` that are not analysis options: accepted by validateSettings, unused here. */
const OTHER_SETTINGS = ['enable', 'trace', 'changedSince'];

export type ProblemSeverity = 'error' | 'warning';

export interface PlaybookProblem {
  /** UTF-16 offsets into the playbook's text. */
  start: number;
  end: number;
  message: string;
  severity: ProblemSeverity;
}

export interface SettingsProblem {
  /** Where under `leverage.`: `rules.hostile-tone`, `phrases.concession[2]`, `` (the whole section). */
  path: string;
  message: string;
  severity: ProblemSeverity;
}

export interface ParsedPlaybook {
  options: AnalysisOptions;
  problems: PlaybookProblem[];
}

export interface ValidatedSettings {
  options: AnalysisOptions;
  problems: SettingsProblem[];
}

// ---------------------------------------------------------------------------------------------
// One validator over a small view of either source: YAML nodes (located by offsets) or plain JSON
// values (located by paths).

type Kind = 'map' | 'seq' | 'scalar' | 'null';

interface View<L> {
  kind: Kind;
  /** The value of a scalar. */
  value?: unknown;
  loc: L;
  entries(): Entry<L>[];
  items(): View<L>[];
}

interface Entry<L> {
  /** The key when it is a string; undefined for a number, a list, ... */
  key: string | undefined;
  keyLoc: L;
  value: View<L>;
}

type Report<L> = (loc: L, message: string, severity?: ProblemSeverity) => void;

function validate<L>(root: View<L>, report: Report<L>, otherKeys: readonly string[], noun: string): AnalysisOptions {
  const options: AnalysisOptions = {};
  if (root.kind === 'null') return options;
  if (root.kind !== 'map') {
    report(root.loc, `${noun} must be a mapping of keys (rules, tradeables, benchmarks, ...)`);
    return options;
  }
  for (const { key, keyLoc, value } of root.entries()) {
    if (key === undefined) {
      report(keyLoc, 'keys must be plain names');
      continue;
    }
    if (otherKeys.includes(key)) continue;
    if (!(PLAYBOOK_KEYS as readonly string[]).includes(key)) {
      report(keyLoc, `unknown key ${quote(key)} is ignored (known: ${PLAYBOOK_KEYS.join(', ')})`, 'warning');
      continue;
    }
    if (value.kind === 'null') continue; // `rules:` with nothing under it yet
    switch (key as (typeof PLAYBOOK_KEYS)[number]) {
      case 'rules': {
        const rules = validateRules(value, report);
        if (rules) options.rules = rules;
        break;
      }
      case 'tradeables':
      case 'benchmarks': {
        const list = validateTexts(value, key, report);
        if (list) options[key as 'tradeables' | 'benchmarks'] = list;
        break;
      }
      case 'phrases': {
        const phrases = validatePhrases(value, report);
        if (phrases) options.phrases = phrases;
        break;
      }
      case 'templates': {
        const templates = validateTemplates(value, report);
        if (templates) options.templates = templates;
        break;
      }
    }
  }
  return options;
}

function validateRules<L>(value: View<L>, report: Report<L>): Record<string, RuleSetting> | undefined {
  if (value.kind !== 'map') {
    report(value.loc, `\`rules\` must map rule ids to ${RULE_SETTINGS.slice(0, -1).join(', ')} or off`);
    return undefined;
  }
  const rules: Record<string, RuleSetting> = {};
  for (const { key: id, keyLoc, value: setting } of value.entries()) {
    if (id === undefined || !CONFIGURABLE_CODES.includes(id)) {
      if (id === undefined) {
        report(keyLoc, 'a rule id must be a plain name');
        continue;
      }
      const hint = closest(id, CONFIGURABLE_CODES);
      report(keyLoc, `unknown rule ${quote(id)}${hint ? ` (did you mean ${quote(hint)}?)` : ''}`);
      continue;
    }
    if (setting.kind !== 'scalar' || typeof setting.value !== 'string' || !(RULE_SETTINGS as readonly string[]).includes(setting.value)) {
      const shown = setting.kind === 'scalar' || setting.kind === 'null' ? quote(setting.value ?? null) : `a ${setting.kind === 'map' ? 'mapping' : 'list'}`;
      report(setting.loc, `bad setting ${shown} for rule ${quote(id)}: expected ${RULE_SETTINGS.join(', ')}`);
      continue;
    }
    rules[id] = setting.value as RuleSetting;
  }
  return rules;
}

/** `tradeables` and `benchmarks`: lists of non-empty text, trimmed. */
function validateTexts<L>(value: View<L>, key: string, report: Report<L>): string[] | undefined {
  if (value.kind !== 'seq') {
    report(value.loc, `\`${key}\` must be a list of phrases`);
    return undefined;
  }
  const list: string[] = [];
  for (const item of value.items()) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string' || item.value.trim() === '') {
      report(item.loc, `every item of \`${key}\` must be a non-empty phrase in quotes or plain text`);
      continue;
    }
    list.push(item.value.trim());
  }
  return list;
}

function validatePhrases<L>(value: View<L>, report: Report<L>): Partial<Record<PhraseFamily, string[]>> | undefined {
  if (value.kind !== 'map') {
    report(value.loc, `\`phrases\` must map phrase families (${PHRASE_FAMILIES.join(', ')}) to lists of phrases`);
    return undefined;
  }
  const phrases: Partial<Record<PhraseFamily, string[]>> = {};
  for (const { key: family, keyLoc, value: list } of value.entries()) {
    if (family === undefined || !(PHRASE_FAMILIES as readonly string[]).includes(family)) {
      const hint = family === undefined ? undefined : closest(family, PHRASE_FAMILIES);
      report(
        keyLoc,
        `unknown phrase family ${family === undefined ? '' : `${quote(family)} `}(${hint ? `did you mean ${quote(hint)}? ` : ''}known: ${PHRASE_FAMILIES.join(', ')})`,
      );
      continue;
    }
    if (list.kind === 'null') continue;
    const name = `phrases.${family}`;
    if (list.kind !== 'seq') {
      report(list.loc, `\`${name}\` must be a list of phrases`);
      continue;
    }
    const usable: string[] = [];
    list.items().forEach((item, i) => {
      const phrase = item.kind === 'scalar' ? item.value : item.kind === 'null' ? null : {};
      const problem = phraseProblem(phrase);
      if (problem !== undefined) {
        report(item.loc, `phrase ${i + 1} of \`${name}\` cannot be used: ${problem}`);
        return;
      }
      if (usable.length === PHRASE_LIMITS.maxPhrases) {
        report(item.loc, `\`${name}\` holds more than ${PHRASE_LIMITS.maxPhrases} phrases: phrase ${i + 1} and the ones after it are not used`);
      }
      usable.push(phrase as string);
    });
    phrases[family as PhraseFamily] = usable.slice(0, PHRASE_LIMITS.maxPhrases);
  }
  return phrases;
}

function validateTemplates<L>(value: View<L>, report: Report<L>): { concession?: string[] } | undefined {
  if (value.kind !== 'map') {
    report(value.loc, `\`templates\` must map ${TEMPLATE_KINDS.join(', ')} to a list of wordings`);
    return undefined;
  }
  const templates: { concession?: string[] } = {};
  for (const { key: kind, keyLoc, value: list } of value.entries()) {
    if (kind === undefined || !(TEMPLATE_KINDS as readonly string[]).includes(kind)) {
      const hint = kind === undefined ? undefined : closest(kind, TEMPLATE_KINDS);
      report(keyLoc, `unknown template ${kind === undefined ? '' : `${quote(kind)} `}(${hint ? `did you mean ${quote(hint)}? ` : ''}known: ${TEMPLATE_KINDS.join(', ')})`);
      continue;
    }
    if (list.kind === 'null') continue;
    const name = `templates.${kind}`;
    if (list.kind !== 'seq') {
      report(list.loc, `\`${name}\` must be a list of wordings`);
      continue;
    }
    const kept: string[] = [];
    list.items().forEach((item, i) => {
      if (item.kind !== 'scalar' || typeof item.value !== 'string' || item.value.trim() === '') {
        report(item.loc, `template ${i + 1} of \`${name}\` must be non-empty text`);
        return;
      }
      if (kept.length === MAX_TEMPLATES) {
        report(item.loc, `only the first ${MAX_TEMPLATES} templates of \`${name}\` are offered: template ${i + 1} and the ones after it are not used`, 'warning');
      }
      if (!item.value.includes('{ask}')) {
        report(item.loc, `template ${i + 1} of \`${name}\` has no {ask}: the counter-ask will not appear in the fix`, 'warning');
      }
      kept.push(item.value);
    });
    templates[kind as (typeof TEMPLATE_KINDS)[number]] = kept.slice(0, MAX_TEMPLATES);
  }
  return templates;
}

// ---------------------------------------------------------------------------------------------
// The playbook: YAML text.

interface Span {
  start: number;
  end: number;
}

/** Validates a playbook's text. Invalid YAML is one error at the parser's position and no options. */
export function parsePlaybook(text: string): ParsedPlaybook {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const start = clamp(e.pos[0], text.length);
    return { options: {}, problems: [{ start, end: Math.max(start, clamp(e.pos[1], text.length)), message: `invalid YAML: ${firstLine(e.message)}`, severity: 'error' }] };
  }
  const problems: PlaybookProblem[] = [];
  const seen = new Set<string>();
  const report: Report<Span> = (loc, message, severity = 'error') => {
    // An alias repeats the nodes of its anchor: report each of them once.
    const key = `${loc.start}:${loc.end}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ start: loc.start, end: loc.end, message, severity });
  };
  for (const w of doc.warnings) report({ start: clamp(w.pos[0], text.length), end: clamp(w.pos[1], text.length) }, firstLine(w.message), 'warning');
  visit(doc, {
    Alias(_, alias) {
      const span = spanOf(text, alias);
      if (span && !alias.resolve(doc)) report(span, `unknown alias *${alias.source}: no anchor &${alias.source} before it`);
    },
  });
  const root = yamlView(text, doc, doc.contents, { start: 0, end: 0 });
  const options = validate(root, report, [], 'a playbook');
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return { options, problems };
}

function yamlView(text: string, doc: Document, node: unknown, fallback: Span): View<Span> {
  const own = spanOf(text, node);
  const resolved = isAlias(node) ? node.resolve(doc) : node;
  const loc = own ?? fallback;
  const none = () => [];
  if (isMap(resolved)) {
    return {
      kind: 'map',
      loc,
      items: none,
      entries: () =>
        (resolved.items as Pair<unknown, unknown>[]).map((pair) => {
          const keyNode = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
          const keyLoc = spanOf(text, pair.key) ?? loc;
          const key = isScalar(keyNode) && typeof keyNode.value === 'string' ? keyNode.value : undefined;
          // `key:` with no value: problems about the value point at the key.
          const empty = pair.value === null || (isScalar(pair.value) && pair.value.value === null && spanOf(text, pair.value)?.start === spanOf(text, pair.value)?.end);
          return { key, keyLoc, value: yamlView(text, doc, empty ? null : pair.value, keyLoc) };
        }),
    };
  }
  if (isSeq(resolved)) {
    return { kind: 'seq', loc, entries: none, items: () => resolved.items.map((item) => yamlView(text, doc, item, loc)) };
  }
  if (isScalar(resolved)) {
    const value = resolved.value;
    return { kind: value === null || value === undefined ? 'null' : 'scalar', value: value ?? null, loc, entries: none, items: none };
  }
  return { kind: 'null', value: null, loc, entries: none, items: none };
}

/** A node's value, without the line breaks and blanks a block collection ends with. */
function spanOf(text: string, node: unknown): Span | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) return undefined;
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1]!)) end--;
  return { start: range[0], end };
}

function clamp(offset: number | undefined, length: number): number {
  return Math.max(0, Math.min(offset ?? 0, length));
}

// ---------------------------------------------------------------------------------------------
// The settings: the `leverage` section as plain JSON.

/**
 * Validates the `leverage` settings section (plain JSON, e.g. from `workspace/configuration`) into
 * options. `enable`, `trace` and `changedSince` are settings too, but not analysis options: they are skipped.
 */
export function validateSettings(value: unknown): ValidatedSettings {
  const problems: SettingsProblem[] = [];
  const report: Report<string> = (path, message, severity = 'error') => problems.push({ path, message, severity });
  const options = validate(jsonView(value, ''), report, OTHER_SETTINGS, 'the `leverage` settings');
  return { options, problems };
}

function jsonView(value: unknown, path: string): View<string> {
  const none = () => [];
  if (value === null || value === undefined) return { kind: 'null', value: null, loc: path, entries: none, items: none };
  if (Array.isArray(value)) return { kind: 'seq', loc: path, entries: none, items: () => value.map((x, i) => jsonView(x, `${path}[${i}]`)) };
  if (typeof value === 'object') {
    return {
      kind: 'map',
      loc: path,
      items: none,
      entries: () =>
        Object.entries(value as Record<string, unknown>).map(([k, x]) => {
          const at = path === '' ? k : `${path}.${k}`;
          return { key: k, keyLoc: at, value: jsonView(x, at) };
        }),
    };
  }
  return { kind: 'scalar', value, loc: path, entries: none, items: none };
}

// ---------------------------------------------------------------------------------------------

/**
 * The options of `override` (the settings) over those of `base` (the playbook): rules one by one,
 * phrase families one by one, and a list (tradeables, benchmarks, templates) from the override
 * replaces the base's when it is present and not empty. An empty list does not count as present:
 * VS Code reports a setting's default (`[]`) for a setting nobody set, which must not wipe out
 * the team playbook's list.
 */
export function mergeOptions(base: AnalysisOptions, override: AnalysisOptions): AnalysisOptions {
  const out: AnalysisOptions = { ...base };
  const present = (list: readonly unknown[] | undefined): list is string[] => Array.isArray(list) && list.length > 0;
  if (override.rules) out.rules = { ...base.rules, ...override.rules };
  if (present(override.tradeables)) out.tradeables = override.tradeables;
  if (present(override.benchmarks)) out.benchmarks = override.benchmarks;
  if (override.phrases) {
    const phrases: Partial<Record<PhraseFamily, string[]>> = { ...base.phrases };
    for (const family of PHRASE_FAMILIES) {
      const list = override.phrases[family];
      if (present(list)) phrases[family] = list;
    }
    out.phrases = phrases;
  }
  if (override.templates) {
    const templates = { ...base.templates };
    if (present(override.templates.concession)) templates.concession = override.templates.concession;
    out.templates = templates;
  }
  if (override.parties) out.parties = override.parties;
  return out;
}

// ---------------------------------------------------------------------------------------------

function quote(v: unknown): string {
  const s = typeof v === 'string' && v.length > 40 ? `${v.slice(0, 40)}…` : v;
  return JSON.stringify(s) ?? String(s);
}

function firstLine(s: string): string {
  return s.split(/\r?\n/, 1)[0]!.trim();
}

/** The known name closest to a misspelling, when it is close enough to be a likely typo. */
export function closest(id: string, known: readonly string[]): string | undefined {
  if (id.length > 64) return undefined;
  const limit = Math.max(2, Math.floor(id.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const k of known) {
    if (k.length > 64) continue;
    // The notes' Levenshtein with a cut-off: beyond `limit` no candidate is accepted anyway.
    const d = editDistance(id.toLowerCase(), k, limit);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}
