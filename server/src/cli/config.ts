// The team playbook (`.leverage.yaml`) for the CLI: read, validated, turned into AnalysisOptions.
// Data only: nothing in it is ever run. Problems carry the file and, where known, line and column.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { RULE_IDS, type AnalysisOptions } from '../core/types';
import { describeError } from './files';

export const DEFAULT_CONFIG = '.leverage.yaml';
const SETTINGS = ['error', 'warning', 'information', 'hint', 'off'] as const;
/** Keys the product defines; `phrases` and `templates` are accepted but not used by the CLI yet. */
const KNOWN_KEYS = ['rules', 'tradeables', 'benchmarks', 'phrases', 'templates'] as const;

export interface ConfigMessage {
  /** e.g. `.leverage.yaml:3:5: unknown rule "foo"` — file as given, line and column 1-based. */
  text: string;
}

export interface LoadedConfig {
  options: AnalysisOptions;
  /** Fatal problems: the CLI stops with status 2 when there is any. */
  errors: ConfigMessage[];
  /** Not fatal (unknown keys). */
  warnings: ConfigMessage[];
  /** The file that was read, for display; undefined when there is none. */
  file?: string;
}

/**
 * Loads `explicit` (from --config, relative to cwd) or, without it, `.leverage.yaml` in cwd if it
 * exists. `display` turns an absolute path into what the messages show.
 */
export function loadConfig(explicit: string | undefined, cwd: string, display: (abs: string) => string): LoadedConfig {
  const abs = path.resolve(cwd, explicit ?? DEFAULT_CONFIG);
  const shown = display(abs);
  let source: string;
  try {
    const bytes = fs.readFileSync(abs);
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (explicit === undefined && code === 'ENOENT') return { options: {}, errors: [], warnings: [] };
    const reason = err instanceof TypeError ? 'not valid UTF-8 text' : describeError(err, 'playbook');
    return { options: {}, errors: [{ text: `${shown}: cannot read the playbook: ${reason}` }], warnings: [], file: shown };
  }
  return { ...parseConfig(source, shown), file: shown };
}

/** Validates a playbook's text. `shown` is the file name used in messages. */
export function parseConfig(source: string, shown: string): Omit<LoadedConfig, 'file'> {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const errors: ConfigMessage[] = [];
  const warnings: ConfigMessage[] = [];
  const at = (offset: number | undefined): string => {
    if (offset === undefined) return shown;
    const { line, col } = lines.linePos(offset);
    return `${shown}:${line}:${col}`;
  };
  const nodeAt = (node: unknown): string => at((node as Node | null)?.range?.[0]);
  const error = (where: string, message: string) => errors.push({ text: `${where}: ${message}` });

  if (doc.errors.length > 0) {
    for (const e of doc.errors) error(at(e.pos[0]), `invalid YAML: ${firstLine(e.message)}`);
    return { options: {}, errors, warnings };
  }
  const options: AnalysisOptions = {};
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { options, errors, warnings }; // empty file
  if (!isMap(root)) {
    error(nodeAt(root), 'a playbook must be a mapping of keys (rules, tradeables, benchmarks, ...)');
    return { options, errors, warnings };
  }

  for (const pair of root.items as Pair<unknown, unknown>[]) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== 'string') {
      error(nodeAt(pair.key), 'keys must be plain names');
      continue;
    }
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
      warnings.push({ text: `${nodeAt(pair.key)}: warning: unknown key ${JSON.stringify(key)} is ignored (known: ${KNOWN_KEYS.join(', ')})` });
      continue;
    }
    const value = pair.value;
    const where = isEmpty(value) ? nodeAt(pair.key) : nodeAt(value);
    switch (key) {
      case 'rules': {
        if (isEmpty(value)) break;
        if (!isMap(value)) {
          error(where, '`rules` must map rule ids to error, warning, information, hint or off');
          break;
        }
        const rules: Record<string, (typeof SETTINGS)[number]> = {};
        for (const rule of value.items as Pair<unknown, unknown>[]) {
          const id = isScalar(rule.key) ? rule.key.value : undefined;
          if (typeof id !== 'string' || !(RULE_IDS as readonly string[]).includes(id)) {
            const hint = typeof id === 'string' ? closest(id, RULE_IDS) : undefined;
            error(
              nodeAt(rule.key),
              `unknown rule ${JSON.stringify(id)}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`,
            );
            continue;
          }
          const setting = isScalar(rule.value) ? rule.value.value : undefined;
          if (typeof setting !== 'string' || !(SETTINGS as readonly string[]).includes(setting)) {
            const shownSetting = isScalar(rule.value) ? JSON.stringify(rule.value.value) : 'that value';
            error(
              isEmpty(rule.value) ? nodeAt(rule.key) : nodeAt(rule.value),
              `bad setting ${shownSetting} for rule ${JSON.stringify(id)}: expected ${SETTINGS.join(', ')}`,
            );
            continue;
          }
          rules[id] = setting as (typeof SETTINGS)[number];
        }
        options.rules = rules;
        break;
      }
      case 'tradeables':
      case 'benchmarks': {
        if (isEmpty(value)) break;
        if (!isSeq(value)) {
          error(where, `\`${key}\` must be a list of phrases`);
          break;
        }
        const list: string[] = [];
        for (const item of value.items) {
          const s = isScalar(item) ? item.value : undefined;
          if (typeof s !== 'string' || s.trim() === '') {
            error(nodeAt(item), `every item of \`${key}\` must be a non-empty phrase in quotes or plain text`);
            continue;
          }
          list.push(s.trim());
        }
        options[key] = list;
        break;
      }
      case 'phrases':
      case 'templates':
        // Part of the playbook; used by the editor's analysis settings, not yet by the CLI.
        if (!isEmpty(value) && !isMap(value)) error(where, `\`${key}\` must be a mapping`);
        break;
    }
  }
  return { options, errors, warnings };
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (isScalar(value) && value.value === null);
}

function firstLine(s: string): string {
  return s.split(/\r?\n/, 1)[0]!.trim();
}

/** The known id closest to a misspelling, when it is close enough to be a likely typo. */
function closest(id: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(id.toLowerCase(), k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(id.length / 4)) ? best : undefined;
}

function distance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
