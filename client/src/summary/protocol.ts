// The two custom requests the summary features send to the language server (server/src/lsp/summary.ts),
// and which documents they apply to. No `vscode` import here, so unit tests can load this file.

import type { NegotiationSummary, ScaffoldedNotes } from '../../../server/src/core/summary/types';

export type { NegotiationSummary, ScaffoldedNotes };

/** `{ uri }` of a draft or notes → the summary, or null when no notes are paired with it. */
export const SUMMARY_REQUEST = 'leverage/summary';
/** `{ uri }` of a draft → the proposed notes file beside it (not created by the server). */
export const SCAFFOLD_NOTES_REQUEST = 'leverage/scaffoldNotes';

export interface UriParams {
  uri: string;
}

/** Languages the server checks as drafts and correspondence (client/src/extension.ts sends these). */
export const DRAFT_LANGUAGES: readonly string[] = ['markdown', 'plaintext', 'contract'];
export const DRAFT_SCHEMES: readonly string[] = ['file', 'untitled'];

export function isNotesPath(p: string): boolean {
  return /\.negotiation\.ya?ml$/i.test(p);
}

export type SummaryDocumentKind = 'draft' | 'notes';

/** Whether a document has a summary: negotiation notes on disk, or a draft Leverage checks. */
export function summaryKind(doc: { uri: { scheme: string; path: string }; languageId: string }): SummaryDocumentKind | undefined {
  if (doc.uri.scheme === 'file' && isNotesPath(doc.uri.path)) return 'notes';
  if (DRAFT_SCHEMES.includes(doc.uri.scheme) && DRAFT_LANGUAGES.includes(doc.languageId)) return 'draft';
  return undefined;
}
