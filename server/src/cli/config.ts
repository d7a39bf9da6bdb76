// The team playbook (`.leverage.yaml`) for the CLI: read, validated by the core's parsePlaybook,
// turned into AnalysisOptions. Data only: nothing in it is ever run. Problems carry the file and,
// where known, line and column (1-based; columns in UTF-16 code units, as in the text report).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex } from '../core/lines';
import { parsePlaybook } from '../core/playbook';
import type { AnalysisOptions } from '../core/types';
import { describeError } from './files';

export const DEFAULT_CONFIG = '.leverage.yaml';

export interface ConfigMessage {
  /** e.g. `.leverage.yaml:3:5: unknown rule "foo"` — file as given, line and column 1-based. */
  text: string;
}

export interface LoadedConfig {
  options: AnalysisOptions;
  /** Fatal problems: the CLI stops with status 2 when there is any. */
  errors: ConfigMessage[];
  /** Not fatal (unknown keys, a template without `{ask}`). */
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

/**
 * Validates a playbook's text. `shown` is the file name used in messages. The options hold every
 * valid entry even when there are errors (the core drops only the bad ones); the CLI still treats
 * any error as fatal, so that CI never runs with half a playbook unnoticed.
 */
export function parseConfig(source: string, shown: string): Omit<LoadedConfig, 'file'> {
  const { options, problems } = parsePlaybook(source);
  const lines = new LineIndex(source);
  const at = (offset: number): string => {
    const { line, character } = lines.positionAt(offset);
    return `${shown}:${line + 1}:${character + 1}`;
  };
  const errors: ConfigMessage[] = [];
  const warnings: ConfigMessage[] = [];
  for (const p of problems) {
    if (p.severity === 'error') errors.push({ text: `${at(p.start)}: ${p.message}` });
    else warnings.push({ text: `${at(p.start)}: warning: ${p.message}` });
  }
  return { options, errors, warnings };
}
