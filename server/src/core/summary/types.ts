// The negotiation summary: what `leverage/summary` returns to any editor, what `leverage summary
// --format json` prints and what the VS Code summary view draws. Plain data (JSON-safe), built by
// the pure core from a notes model and a draft's findings; no private fact's value is ever put in
// a field meant for outgoing text (`progress`).

import type { FindingCode, Severity } from '../types';

export const SUMMARY_VERSION = 1;

export type IssueStatus = 'open' | 'agreed' | 'conceded' | 'dropped';

export interface SummaryIssue {
  id: string;
  /** The issue's title, else its id made readable ("liability-cap" → "liability cap"). */
  label: string;
  category?: string;
  priority?: string;
  resistance?: string;
  status: IssueStatus;
  position?: string;
  benchmark?: string;
  /** Ledger entries on this issue: what we gave, and what we got in return. */
  given: number;
  received: number;
  /** 0-based line of the issue in the notes, for "reveal". */
  line?: number;
}

export interface SummaryConcession {
  give: string;
  get?: string;
  issue?: string;
  line?: number;
}

export interface SummaryPlanStep {
  /** 1-based order of the request. */
  order: number;
  issue: string;
  label: string;
  resistance?: string;
  priority?: string;
  /** The issue's status; absent when the plan names an id that no issue has. */
  status?: IssueStatus;
}

export interface SummaryFindingCount {
  rule: FindingCode;
  severity: Severity;
  count: number;
}

export interface NegotiationSummary {
  version: typeof SUMMARY_VERSION;
  /** The notes' `negotiation:` title, else the notes' or draft's file name. */
  title: string;
  /** File paths or URIs as the caller gave them; absent when there is none. */
  notes?: string;
  draft?: string;
  parties: { we?: string; they?: string };
  batna?: string;
  issues: SummaryIssue[];
  /** Issue counts by category (missing category: "uncategorised") and by status. */
  byCategory: { category: string; counts: Record<IssueStatus, number> }[];
  ledger: {
    given: number;
    received: number;
    /** Gives with no get: the concessions still to be traded. */
    unreciprocated: number;
    entries: SummaryConcession[];
  };
  /** Our positions (issues with a `position`) and how many have a benchmark behind them. */
  benchmarks: { positions: number; benchmarked: number; missing: string[] };
  /** The planned order of requests (`plan:`, else issues as listed), easiest first if reordered. */
  plan: SummaryPlanStep[];
  /** Unresolved findings in the draft and the notes, by rule, most severe first. */
  findings: SummaryFindingCount[];
  /** The progress paragraph to insert into outgoing text: agreed issues, then open ones. Never a private fact. */
  progress: string;
}

/** What `leverage/scaffoldNotes` proposes for a draft: notes to create beside it. */
export interface ScaffoldedNotes {
  /** Where to create them: the draft's folder and base name, `.negotiation.yaml`. */
  uri: string;
  /** The YAML to write (it parses without a `notes-schema` finding). */
  text: string;
  /** A file (or an open document) is already at `uri`: do not overwrite it. */
  exists: boolean;
  /** Notes already paired with the draft (they apply to it now), if any. */
  paired?: string;
}
