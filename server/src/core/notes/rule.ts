// The shape of a notes rule: a pure function over the parsed model and the text, returning
// findings with exact ranges and fixes as text edits. A notes rule shares its id (and its setting,
// severity and hover text) with the prose rule of the same name, where there is one; the three
// rules that exist only for notes carry that metadata in `info`.

import type { Rule } from '../rule';
import type { RawFinding, RuleId } from '../types';
import type { NotesModel } from './model';

export interface NotesOptions {
  /** Counter-asks offered when the notes list no tradeable issue, e.g. "Net-15 payment terms". */
  tradeables?: string[];
  /** Standards offered by the benchmark fix before its TODO stub. */
  benchmarks?: string[];
}

export interface NotesContext {
  readonly text: string;
  readonly model: NotesModel;
  /** The file's line ending, for inserted lines. */
  readonly eol: string;
  readonly options: NotesOptions;
}

export interface NotesRule {
  readonly id: RuleId;
  /** Registration data for rules that have no prose counterpart. */
  readonly info?: Omit<Rule, 'check' | 'appliesTo'>;
  check(ctx: NotesContext): RawFinding[];
}

/** Issues still on the table: open, or with no status yet. */
export function isOpen(issue: { status?: { value: string } }): boolean {
  return !issue.status || issue.status.value === 'open';
}

/** A value for a message: one line, at most `max` characters. */
export function quote(s: string, max = 60): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
