// `leverage check --since REF`: each draft's findings are limited to the lines changed since REF
// (core/changed.ts), the base text read with Git (git.ts). Negotiation notes are private and never
// sent, so they have no "version last sent": they are always checked in full. Where the base
// cannot be had (no Git, a file outside a repository, an unknown REF), one line on stderr names the
// problem, once per cause, and those files are checked in full: nothing is hidden by a failure.

import * as path from 'node:path';
import { changedRanges, keepChanged, type ChangedRange } from '../core/changed';
import type { DocumentKind } from '../core/types';
import { newGitCache, readBaseSync, type GitCache } from '../git';
import { judgesWholeDocument } from '../core/rules/index';

/** The optional top-level `since` key of the JSON output. */
export interface SinceReport {
  ref: string;
  /** The commit REF resolved to, when all the files compared are in one repository. */
  commit?: string;
  /** Drafts checked in full although --since was given, and why. */
  checkedInFull?: { path: string; reason: string }[];
}

export class SinceFilter {
  private readonly cache: GitCache = newGitCache();
  private readonly commits = new Set<string>();
  private readonly full: { path: string; reason: string }[] = [];
  private readonly told = new Set<string>();

  constructor(
    readonly ref: string,
    private readonly warn: (line: string) => void,
    private readonly display: (abs: string) => string,
  ) {}

  /** What to keep of a file's findings: a filter, or undefined to keep everything. */
  filterFor(abs: string, rel: string, text: string, kind: DocumentKind): (<F extends { rule: string; start: number; end: number }>(xs: readonly F[]) => F[]) | undefined {
    if (kind === 'notes') return undefined;
    const base = readBaseSync(abs, this.ref, this.cache);
    if (!base.ok) {
      // Once per cause: Git missing is said once, an unknown revision once per repository, a folder
      // outside any repository once per folder, anything else once per file.
      let line: string;
      switch (base.problem) {
        case 'no-git':
          line = `--since ${this.ref}: warning: ${base.detail}; every file is checked in full`;
          break;
        case 'unknown-revision':
          line = `--since ${this.ref}: warning: ${base.detail} at ${this.display(base.root ?? path.dirname(abs))}; its files are checked in full`;
          break;
        case 'not-in-repository':
          line = base.root
            ? `${rel}: warning: ${base.detail}, so --since does not apply; checked in full`
            : `${this.display(path.dirname(abs)) || '.'}: warning: ${base.detail}, so --since does not apply; its files are checked in full`;
          break;
        default:
          line = `${rel}: warning: --since ${this.ref}: ${base.detail}; checked in full`;
      }
      if (!this.told.has(line)) {
        this.told.add(line);
        this.warn(line);
      }
      this.full.push({ path: rel, reason: base.detail });
      return undefined;
    }
    this.commits.add(base.commit);
    const ranges: ChangedRange[] = changedRanges(base.text, text);
    return (xs) => keepChanged(xs, ranges, judgesWholeDocument);
  }

  report(): SinceReport {
    return {
      ref: this.ref,
      ...(this.commits.size === 1 ? { commit: [...this.commits][0]! } : {}),
      ...(this.full.length > 0 ? { checkedInFull: this.full } : {}),
    };
  }

  /** For the text format, after the summary. */
  note(): string {
    const commit = this.commits.size === 1 ? ` (${[...this.commits][0]!.slice(0, 8)})` : '';
    const full = this.full.length > 0 ? `; ${this.full.length} file${this.full.length === 1 ? '' : 's'} checked in full` : '';
    return `Only lines changed since ${this.ref}${commit} were reviewed${full}.\n`;
  }
}
