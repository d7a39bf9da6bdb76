// `leverage.*` settings, pulled per document with `workspace/configuration` (scopeUri = the
// document) and cached per URI until the client says the configuration changed. Clients that
// cannot answer configuration requests get the settings pushed in `didChangeConfiguration`.
// Values arrive as untrusted JSON: anything invalid is ignored with a one-line warning.

import { refProblem } from '../core/changed';
import { validateSettings as validatePhrases } from '../core/playbook';
import { RULE_IDS, type AnalysisOptions, type RuleSetting } from '../core/types';

export interface Settings {
  enable: boolean;
  options: AnalysisOptions;
  /** `leverage.changedSince`: a Git revision; only findings in text changed since it are shown. */
  changedSince?: string;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({ enable: true, options: Object.freeze({}) });

const RULE_SETTINGS: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];
const KNOWN_RULES: ReadonlySet<string> = new Set([...RULE_IDS, 'unused-suppression']);

/** Turns raw `leverage` configuration into settings; `warn` receives one line per problem. */
export function validateSettings(raw: unknown, warn: (message: string) => void): Settings {
  if (raw === undefined || raw === null) return DEFAULT_SETTINGS;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn(`leverage: expected an object, got ${describe(raw)}; using defaults`);
    return DEFAULT_SETTINGS;
  }
  const r = raw as Record<string, unknown>;
  const settings: Settings = { enable: true, options: {} };

  if (r.enable !== undefined) {
    if (typeof r.enable === 'boolean') settings.enable = r.enable;
    else warn(`leverage.enable: expected a boolean, got ${describe(r.enable)}; ignored`);
  }

  if (r.rules !== undefined && r.rules !== null) {
    if (typeof r.rules !== 'object' || Array.isArray(r.rules)) {
      warn(`leverage.rules: expected an object, got ${describe(r.rules)}; ignored`);
    } else {
      const rules: Record<string, RuleSetting> = {};
      for (const [id, value] of Object.entries(r.rules as Record<string, unknown>)) {
        if (!KNOWN_RULES.has(id)) warn(`leverage.rules: unknown rule "${clip(id)}"; ignored`);
        else if (typeof value !== 'string' || !RULE_SETTINGS.includes(value)) {
          warn(`leverage.rules.${id}: expected one of ${RULE_SETTINGS.join('|')}; ignored`);
        } else rules[id] = value as RuleSetting;
      }
      settings.options.rules = rules;
    }
  }

  if (r.changedSince !== undefined && r.changedSince !== null && r.changedSince !== '') {
    const problem = typeof r.changedSince === 'string' ? refProblem(r.changedSince.trim()) : `expected a string, got ${describe(r.changedSince)}`;
    if (problem) warn(`leverage.changedSince: not a Git revision (${problem}); checking whole documents`);
    else settings.changedSince = (r.changedSince as string).trim();
  }

  for (const key of ['tradeables', 'benchmarks'] as const) {
    const list = stringList(r[key], `leverage.${key}`, warn);
    if (list) settings.options[key] = list;
  }
  // Custom phrases and templates: validated by the core, as in the playbook.
  const extra = validatePhrases({ phrases: r.phrases ?? undefined, templates: r.templates ?? undefined });
  for (const p of extra.problems) warn(`leverage.${clip(p.path)}: ${p.message}`);
  if (extra.options.phrases) settings.options.phrases = extra.options.phrases;
  if (extra.options.templates) settings.options.templates = extra.options.templates;
  return settings;
}

function stringList(value: unknown, name: string, warn: (message: string) => void): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    warn(`${name}: expected a list of strings, got ${describe(value)}; ignored`);
    return undefined;
  }
  const strings = value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v !== '');
  // Item values can be confidential (counter-asks), so only their count is logged.
  if (strings.length !== value.length) warn(`${name}: ${value.length - strings.length} item(s) not non-empty strings; ignored`);
  return strings;
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

export interface ConfigurationSource {
  /** Whether the client answers `workspace/configuration` (known only after initialize). */
  available(): boolean;
  /** Asks the client for the `leverage` section in the scope of `uri`; undefined when it cannot. */
  fetch(uri: string): Promise<unknown>;
  warn(message: string): void;
}

export class SettingsStore {
  private readonly perUri = new Map<string, Promise<Settings>>();
  private readonly warned = new Set<string>();
  /** Pushed settings, for clients without `workspace/configuration`. */
  private global: Settings = DEFAULT_SETTINGS;
  /** Bumped whenever cached settings are dropped, so analyses made with old ones are not reused. */
  generation = 0;

  constructor(private readonly source: ConfigurationSource) {}

  get(uri: string): Promise<Settings> {
    if (!this.source.available()) return Promise.resolve(this.global);
    let settings = this.perUri.get(uri);
    if (!settings) {
      settings = this.source.fetch(uri).then(
        (raw) => validateSettings(raw, (m) => this.warnOnce(m)),
        (err: unknown) => {
          this.warnOnce(`leverage: could not read settings (${err instanceof Error ? err.message : 'unknown error'}); using defaults`);
          return DEFAULT_SETTINGS;
        },
      );
      this.perUri.set(uri, settings);
    }
    return settings;
  }

  /** On `didChangeConfiguration`: forget everything; `pushed` is the notification's settings. */
  reset(pushed: unknown): void {
    this.perUri.clear();
    this.warned.clear();
    this.generation++;
    if (!this.source.available()) {
      const section = pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>).leverage : undefined;
      this.global = validateSettings(section, (m) => this.warnOnce(m));
    }
  }

  forget(uri: string): void {
    this.perUri.delete(uri);
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.source.warn(message);
  }
}
