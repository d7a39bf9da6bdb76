// The analysis core's vocabulary. Offsets are UTF-16 code units into the document text, which is
// what JavaScript string indices already are and what LSP positions count.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type RuleSetting = Severity | 'off';

export type DocumentKind = 'markdown' | 'plaintext' | 'contract' | 'notes';

export const RULE_IDS = [
  'unconditional-concession',
  'unbenchmarked-demand',
  'narrow-issue-framing',
  'over-disclosure',
  'leaked-position',
  'hostile-tone',
  'negotiating-against-yourself',
  'open-ended-concession',
  'missing-batna',
  'request-sequencing',
  'notes-schema',
  'defined-term',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** A replacement of text[start, end) by newText. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix that `source.fixAll.leverage` applies; at most one per finding. */
  preferred?: boolean;
}

/** What a rule reports; severity is decided by configuration, not by the rule. */
export interface RawFinding {
  start: number;
  end: number;
  message: string;
  fixes: Fix[];
}

/** A diagnostic code: a rule id, or `unused-suppression` for a suppression comment that silences nothing. */
export type FindingCode = RuleId | 'unused-suppression';

export interface Finding extends RawFinding {
  rule: FindingCode;
  severity: Severity;
  /** Places in the paired negotiation notes that explain the finding (offsets in the notes text). */
  related?: { start: number; end: number; message: string }[];
  /** In a draft with CriticMarkup redlines only: whether the finding is in (or caused by) our
   *  change, or in the existing text (critic.ts). Absent when the document has no redlines. */
  change?: 'ours' | 'existing';
}

/** Configuration the core understands. Everything is data: no code from a workspace is run. */
export interface AnalysisOptions {
  rules?: Partial<Record<string, RuleSetting>>;
  /** Counter-asks offered by concession fixes, e.g. "Net-15 payment terms". */
  tradeables?: string[];
  /** Standards offered by the demand fix, e.g. "the 2025 regional lease survey". */
  benchmarks?: string[];
  /** Extra phrases per family, literal words with `*` for one to six words; `ignore` is never flagged. */
  phrases?: Partial<Record<PhraseFamily, string[]>>;
  /** Reciprocal wording offered by fixes; `{ask}` stands for the counter-ask. */
  templates?: { concession?: string[] };
  /** The parties as the draft names them (from the paired notes): clauses where `we` gives ground
   *  are concessions even in the third person. */
  parties?: { we?: string; they?: string };
}

export const PHRASE_FAMILIES = ['concession', 'demand', 'disclosure', 'hostile', 'ignore'] as const;
export type PhraseFamily = (typeof PHRASE_FAMILIES)[number];
