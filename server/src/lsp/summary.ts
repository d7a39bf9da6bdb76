// The negotiation summary for any editor, as custom requests:
//
// - `leverage/summary` `{ uri }` (a draft, a letter or negotiation notes; open or on disk) →
//   `NegotiationSummary` (core/summary/types.ts), or `null` when the document is not one of ours
//   or is a draft with no paired notes. `notes` and `draft` in the answer are URIs. A client keeps
//   it current by asking again when the document, its notes or its draft (the answer's `notes`
//   and `draft`) change, or when diagnostics change (settings, the playbook, files on disk).
// - `leverage/scaffoldNotes` `{ uri }` (a draft) → `{ uri, text, exists, paired? }`: proposed
//   notes beside the draft (`uri`), their YAML `text`, whether a file is already at `uri`, and the
//   URI of notes already paired with the draft, if any. The client creates the file; nothing is
//   written here. `null` for negotiation notes and documents that are not ours.
//
// Findings come from the shared per-document analysis for open documents and are computed here,
// with the document's settings and playbook, for files that are only on disk.

import { ResponseError } from 'vscode-languageserver/node';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { kindOf } from '../core/analyze';
import { definedTerms, scaffoldNotes } from '../core/summary/scaffold';
import { summarize } from '../core/summary/summarize';
import type { NegotiationSummary, ScaffoldedNotes } from '../core/summary/types';
import type { AnalysisOptions, DocumentKind, Finding } from '../core/types';
import { diskReader, draftFor, findingsOf, MAX_DRAFT_BYTES, MAX_NOTES_BYTES, notesForDraft, type Reader } from '../summaryFiles';
import { filePath, kindFor } from './analysis';
import { cancelled, type ServerContext } from './context';
import { guarded } from './errors';

export const SUMMARY_REQUEST = 'leverage/summary';
export const SCAFFOLD_NOTES_REQUEST = 'leverage/scaffoldNotes';

/** A document's settings as the analysis uses them: whether Leverage is on, and its options
 *  (the playbook merged with the editor's settings). */
export type OptionsFor = (uri: string) => Promise<{ enable: boolean; options: AnalysisOptions }>;

const INVALID_PARAMS = -32602;

export function registerSummary(ctx: ServerContext, optionsFor: OptionsFor): void {
  const { connection, documents, analyses, logError } = ctx;

  /** An open document's text by file path, else undefined. */
  const openText = (file: string) => documents.all().find((d) => filePath(d.uri) === file)?.getText();
  const read: Reader = (file, maxBytes) => openText(file) ?? diskReader(file, maxBytes);
  const uriOf = (file: string) => documents.all().find((d) => filePath(d.uri) === file)?.uri ?? pathToFileURL(file).href;

  /** A document's text and kind: the editor's when open, else the file's. */
  function source(uri: string): { text: string; kind: DocumentKind | undefined; path?: string } | undefined {
    const doc = documents.get(uri);
    const file = filePath(uri);
    if (doc) return { text: doc.getText(), kind: kindFor(uri, doc.languageId), ...(file ? { path: file } : {}) };
    if (!file) return undefined;
    const kind = kindOf(file);
    const text = kind ? diskReader(file, kind === 'notes' ? MAX_NOTES_BYTES : MAX_DRAFT_BYTES) : undefined;
    return text === undefined ? undefined : { text, kind, path: file };
  }

  /** The findings of a document: the shared analysis when it is open, else computed here. */
  async function findings(uri: string, text: string, kind: DocumentKind, notesText?: string): Promise<Finding[]> {
    if (documents.get(uri)) return (await analyses.get(uri))?.findings ?? [];
    const { enable, options } = await optionsFor(uri);
    return enable ? findingsOf(text, kind, options, 'editor', notesText) : [];
  }

  connection.onRequest(
    SUMMARY_REQUEST,
    guarded(SUMMARY_REQUEST, logError, async (params: { uri?: unknown } | undefined, token): Promise<NegotiationSummary | null> => {
      if (typeof params?.uri !== 'string') throw new ResponseError(INVALID_PARAMS, 'Expected { uri: string }');
      const uri = params.uri;
      const doc = source(uri);
      if (!doc?.kind) return null;

      let notes: { uri: string; text: string };
      let draft: { uri: string; text: string; kind: DocumentKind } | undefined;
      if (doc.kind === 'notes') {
        notes = { uri, text: doc.text };
        const found = doc.path ? draftFor(doc.path, doc.text, read) : undefined;
        const kind = found && kindOf(found.path);
        if (found && kind && kind !== 'notes') draft = { uri: uriOf(found.path), text: found.text, kind };
      } else {
        const found = doc.path ? notesForDraft(doc.path, read) : undefined;
        if (!found) return null;
        notes = { uri: uriOf(found.path), text: found.text };
        draft = { uri, text: doc.text, kind: doc.kind };
      }

      const notesFindings = await findings(notes.uri, notes.text, 'notes');
      const draftFindings = draft ? await findings(draft.uri, draft.text, draft.kind, notes.text) : [];
      if (token.isCancellationRequested) throw cancelled();
      return summarize({
        notesText: notes.text,
        notesFindings,
        draftFindings,
        notes: notes.uri,
        ...(draft ? { draft: draft.uri, definedTerms: definedTerms(draft.text.slice(0, MAX_SCANNED_CHARS)) } : {}),
      });
    }),
  );

  connection.onRequest(
    SCAFFOLD_NOTES_REQUEST,
    guarded(SCAFFOLD_NOTES_REQUEST, logError, async (params: { uri?: unknown } | undefined, token): Promise<ScaffoldedNotes | null> => {
      if (typeof params?.uri !== 'string') throw new ResponseError(INVALID_PARAMS, 'Expected { uri: string }');
      const uri = params.uri;
      const doc = source(uri);
      if (!doc?.kind || doc.kind === 'notes') return null;
      const { base, name, notesUri } = notesBeside(uri);
      const text = scaffoldNotes(doc.text.slice(0, MAX_SCANNED_CHARS), doc.kind, name || `${base}.md`);
      const notesPath = filePath(notesUri);
      const exists = documents.get(notesUri) !== undefined || (notesPath !== undefined && diskReader(notesPath, MAX_NOTES_BYTES) !== undefined);
      const paired = doc.path ? notesForDraft(doc.path, read) : undefined;
      if (token.isCancellationRequested) throw cancelled();
      return { uri: notesUri, text, exists, ...(paired ? { paired: uriOf(paired.path) } : {}) };
    }),
  );
}

/** A draft's text is scanned this far for defined terms and topics (as far as it is analysed). */
const MAX_SCANNED_CHARS = 2_000_000;

/** The proposed notes' URI beside a draft's: same folder, same base name, `.negotiation.yaml`. */
export function notesBeside(uri: string): { base: string; name: string; notesUri: string } {
  const cut = uri.search(/[?#]/);
  const head = cut >= 0 ? uri.slice(0, cut) : uri;
  const slash = Math.max(head.lastIndexOf('/'), head.lastIndexOf(':'));
  const encoded = head.slice(slash + 1);
  let name = encoded;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    // Keep it as written.
  }
  const base = path.posix.basename(name).replace(/\.[^.]*$/, '') || 'draft';
  const encodedBase = encoded.replace(/\.[^.]*$/, '') || 'draft';
  return { base, name, notesUri: `${head.slice(0, slash + 1)}${encodedBase}.negotiation.yaml` };
}
