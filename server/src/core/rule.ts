// The shape of a rule and the context it reads. A rule sees the document once segmented and
// returns findings as UTF-16 offsets with their fixes; it never sees LSP types or files.

import type { Segmentation, Span } from './segment';
import type { AnalysisOptions, DocumentKind, RawFinding, RuleId, Severity } from './types';

export interface RuleContext {
  readonly text: string;
  readonly kind: DocumentKind;
  readonly seg: Segmentation;
  readonly options: AnalysisOptions;
  /** The sentence containing the offset, if any. */
  sentenceAt(offset: number): Span | undefined;
  /** The sentence after the given one, when it is in the same paragraph. */
  nextSentence(sentence: Span): Span | undefined;
  /** The sentence before the given one, when it is in the same paragraph. */
  previousSentence(sentence: Span): Span | undefined;
}

export interface Rule {
  readonly id: RuleId;
  readonly defaultSeverity: Severity;
  /** One sentence: what it catches. Used by settings, SARIF and the README. */
  readonly description: string;
  /** The negotiation principle behind it, shown on hover. */
  readonly principle: string;
  /** A short before/after example, shown on hover. */
  readonly example: { before: string; after: string };
  readonly appliesTo: readonly DocumentKind[];
  /** Its findings judge the document as it now reads (narrow-issue-framing): a review of one
   *  round's changes shows them whenever the document changed at all, wherever they point. */
  readonly judgesWholeDocument?: boolean;
  /** Rules run on each chunk of the document (see chunks.ts), cached with it. A rule about the
   *  document as a whole also collects what it needs from each chunk (cached too) and concludes
   *  once from all of them, with offsets made document-relative by the caller. */
  collect?(ctx: RuleContext): unknown;
  conclude?(parts: readonly { offset: number; data: unknown }[]): RawFinding[];
  check(ctx: RuleContext): RawFinding[];
}
