// Which files a negotiation summary is about, for the server and the CLI alike: for a draft, its
// paired notes (pairing.ts); for notes, their draft (the `draft:` field, else the file with the
// same base name in the same folder). Also the findings of a file that no editor has open, bounded
// as the editor and the CLI bound them. The summary itself is the core's (core/summary/).

import * as path from 'node:path';
import { analyze } from './core/analyze';
import type { AnalysisOptions, DocumentKind, Finding } from './core/types';
import { boundInput, keepForPrefix, type Audience } from './lsp/limits';
import { draftNamedBy, notesFor, readSmallText } from './pairing';

/** The extensions a draft may have, in the order a same-named draft is looked for. */
export const DRAFT_EXTENSIONS = ['.md', '.markdown', '.mdown', '.mkd', '.contract', '.txt'] as const;
/** Notes larger than this are not read (as in pairing.ts). */
export const MAX_NOTES_BYTES = 1_000_000;
/** Drafts larger than this are not read from disk for a summary (the analysis reads at most 2 M characters). */
export const MAX_DRAFT_BYTES = 16_000_000;

export interface SummaryFile {
  path: string;
  text: string;
}

/** Reads a file's text: an editor's unsaved text first, then the disk; undefined when neither has it. */
export type Reader = (file: string, maxBytes: number) => string | undefined;

export const diskReader: Reader = (file, maxBytes) => readSmallText(file, maxBytes);

/** The draft that notes are about: the `draft:` field when it names a readable file, else a draft
 *  with the notes' base name in their folder (`acme.negotiation.yaml` → `acme.md`). */
export function draftFor(notesPath: string, notesText: string, read: Reader = diskReader): SummaryFile | undefined {
  const named = draftNamedBy(notesPath, notesText);
  const candidates = named
    ? [named]
    : DRAFT_EXTENSIONS.map((ext) => path.join(path.dirname(notesPath), path.basename(notesPath).replace(/\.negotiation\.ya?ml$/i, '') + ext));
  for (const file of candidates) {
    const text = read(file, MAX_DRAFT_BYTES);
    if (text !== undefined) return { path: file, text };
  }
  return undefined;
}

/** The notes of a draft (pairing.ts), with an editor's unsaved notes first. */
export function notesForDraft(draftPath: string, read: Reader = diskReader): SummaryFile | undefined {
  return notesFor(draftPath, (p) => read(p, MAX_NOTES_BYTES));
}

/** The findings of a text, read as the editor (or the CLI) reads it: at most the first 2 M
 *  characters, whole-document rules left out on a prefix, nothing for binary content. */
export function findingsOf(text: string, kind: DocumentKind, options: AnalysisOptions, audience: Audience, notesText?: string): Finding[] {
  const input = boundInput(text, kind, audience);
  if (input.text === undefined) return [];
  const findings = analyze(input.text, kind, options, undefined, kind !== 'notes' && notesText !== undefined ? { notes: notesText } : undefined).findings;
  return input.partial ? keepForPrefix(findings) : findings;
}
