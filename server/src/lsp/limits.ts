// What the server and the CLI analyse of a document, and what they say about the rest. Shared by
// both (the CLI imports it), so a document gets the same findings in the editor and in CI. Pure:
// no LSP or Node imports.
//
// Size. Analysis is synchronous and runs on every change, so its cost is the delay before hover,
// code actions and the next diagnostics. Measured with the core as it is now (Node 20, a loaded
// 2-core machine): about 2-3 MB/s for prose with a finding every few hundred characters (CaSiNo
// utterances), 0.7 MB/s when a whole document is one long line, 4-5 MB/s for the Common Paper
// contracts.
// The first analysis of 2,000,000 characters (about 330,000 words, 700 pages, far beyond any draft
// or letter) is then under a second; later edits re-read only their chunk (core/chunks.ts). Longer documents are analysed up to the last paragraph break
// before the limit (findings there are as good as ever), and a notice at the top says so.
// Whole-document checks are left out for such a prefix: they would judge the document by its
// beginning. Negotiation notes are YAML, whose prefix is not the notes: they are not analysed at
// all when too large.
//
// Binary. A file with NUL characters near its start is not text (the CLI's reading test, applied
// to the text the editor sends): it gets a notice and no analysis.

import { ruleById } from '../core/rules/index';
import type { Text } from '../core/pieces';
import type { DocumentKind, Finding } from '../core/types';

/** Documents longer than this (UTF-16 code units, i.e. JavaScript string length) are analysed in part. */
// Analysis is incremental (core/chunks.ts): after the first pass, an edit re-reads only its chunk,
// so the bound is about the first pass and memory: about 2 M characters is 0.3-1 s on this kind
// of machine, some 700 pages.
export const MAX_ANALYSED_CHARS = 2_000_000;
/** A NUL character among the first this many characters marks binary content (as `decodeText` in the CLI). */
export const BINARY_SNIFF_CHARS = 8192;
/** How far back from the limit a paragraph (then a line) break is looked for before cutting mid-line. */
const CUT_SEARCH_CHARS = 50_000;

/** `internal-error` is the server's: the analysis failed, and the log has the details. */
export type NoticeCode = 'too-large' | 'binary' | 'internal-error';

/** Something to tell the user about the document as a whole: shown at its start as information. */
export interface InputNotice {
  code: NoticeCode;
  message: string;
}

export interface BoundedInput {
  /** What to analyse: the text, a prefix of it, or undefined for nothing. */
  text: Text | undefined;
  /** The text is a prefix: leave out findings of whole-document rules. */
  partial: boolean;
  notice?: InputNotice;
}

/** Where the reader is, for the notice's reason. */
export type Audience = 'editor' | 'cli';

export function boundInput(text: Text, kind: DocumentKind, audience: Audience, limit = MAX_ANALYSED_CHARS): BoundedInput {
  if (looksBinary(text)) {
    return {
      text: undefined,
      partial: false,
      notice: { code: 'binary', message: 'Leverage did not check this document: it contains NUL characters, so it looks like a binary file rather than text.' },
    };
  }
  if (text.length <= limit) return { text, partial: false };

  const size = `the document has ${count(text.length)} characters`;
  const why = audience === 'editor' ? 'the limit keeps typing responsive' : 'the limit keeps checking fast';
  if (kind === 'notes') {
    return {
      text: undefined,
      partial: false,
      notice: { code: 'too-large', message: `Leverage did not check these notes (${size}; notes over ${count(limit)} characters are not checked, ${why}).` },
    };
  }
  const cut = cutPoint(text.toString(), limit);
  return {
    text: text.slice(0, cut),
    partial: true,
    notice: {
      code: 'too-large',
      message: `Leverage analysed the first ${count(cut)} characters only (${size}; ${why}). Whole-document checks were skipped.`,
    },
  };
}

/** Findings of a partial analysis that hold for the whole document: all but whole-document rules'. */
export function keepForPrefix(findings: Finding[]): Finding[] {
  return findings.filter((f) => !wholeDocumentRule(f.rule));
}

/** A rule that concludes from the whole document (it has a `conclude` step): on a prefix it would
 *  judge the document by its beginning. */
function wholeDocumentRule(id: string): boolean {
  return typeof ruleById(id)?.conclude === 'function';
}

export function looksBinary(text: Text): boolean {
  // Only the sniffed part is searched (a slice of a string is a view, not a copy): this runs on
  // every keystroke, and a search of the whole text read all 600 KB of a long draft each time.
  return text.slice(0, BINARY_SNIFF_CHARS).includes('\0');
}

/** The end of the prefix to analyse: after the last blank line before `limit`, else after the last
 *  line break, else at `limit`; never inside a \r\n or a surrogate pair. */
export function cutPoint(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  let end = limit;
  if (text.charCodeAt(end - 1) === 13 /* \r */ && text.charCodeAt(end) === 10 /* \n */) end--;
  else if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
  const from = Math.max(0, end - CUT_SEARCH_CHARS);
  const window = text.slice(from, end);
  let paragraph = -1;
  let line = -1;
  let previous = -1;
  const breaks = /\r\n|\r|\n/g;
  let m: RegExpExecArray | null;
  while ((m = breaks.exec(window)) !== null) {
    // A blank line: two breaks with nothing but spaces or tabs between them.
    if (previous >= 0 && /^[ \t]*$/.test(window.slice(previous, m.index))) paragraph = m.index + m[0].length;
    line = previous = m.index + m[0].length;
  }
  const cut = paragraph > 0 ? paragraph : line > 0 ? line : window.length;
  return cut > 0 ? from + cut : end;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** 1234567 -> "1,234,567" whatever the locale. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
