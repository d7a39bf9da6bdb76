// Prose segmentation. Instead of parsing Markdown into a tree (about 100x the cost of the rules
// themselves), we blank out what is not prose in a copy of the text of the same length: offsets
// in the copy are offsets in the document, so every finding keeps its exact position.
// A U+2029 (paragraph separator) in the copy marks a hard block boundary (a heading, a list item,
// a table cell) that no sentence may cross.

import { hasCriticMarkup, hiddenRanges, parseCritic, type CriticMark } from './critic';
import { keyHash } from './firstwords';
import { NodeBuffer } from './text';
import type { DocumentKind } from './types';

export const BLOCK_BREAK = '\u2029';

export interface Span {
  start: number;
  end: number;
}

export interface Segmentation {
  /** The document with non-prose blanked (same length, line breaks kept). */
  masked: string;
  /** Sentences, in order, trimmed of surrounding whitespace. */
  sentences: Span[];
  /** The CriticMarkup marks the reading accepted (critic.ts); empty for a text without any. */
  marks: CriticMark[];
}

export function segment(text: string, kind: DocumentKind): Segmentation {
  if (kind === 'notes') return { masked: text, sentences: splitSentences(text), marks: [] };
  const mask = kind === 'markdown' ? maskMarkdown(text) : maskPlain(text, kind === 'contract');
  // CriticMarkup redlines are read as accepted (critic.ts); only a text with `{++` and the like pays.
  const marks = hasCriticMarkup(text) ? parseCritic(text) : [];
  for (const r of hiddenRanges(marks)) mask.erase(r.start, r.end);
  const masked = mask.toString();
  return { masked, sentences: splitAt(masked, splitSentences(masked), mask.softBreaks), marks };
}

/** Splits sentences further at block boundaries that sit before content (a table row, a line after
 *  a heading), trimming each part. */
function splitAt(masked: string, sentences: Span[], breaks: number[]): Span[] {
  if (breaks.length === 0) return sentences;
  const sorted = [...new Set(breaks)].sort((a, b) => a - b);
  const out: Span[] = [];
  let b = 0;
  for (const s of sentences) {
    while (b < sorted.length && sorted[b]! <= s.start) b++;
    let start = s.start;
    while (b < sorted.length && sorted[b]! < s.end) {
      const part = trim(masked, start, sorted[b]!);
      if (part.end > part.start) out.push(part);
      start = sorted[b]!;
      b++;
    }
    const last = trim(masked, start, s.end);
    if (last.end > last.start) out.push(last);
  }
  return out;
}

/** Sentences overlapping [start, end) — for callers that need more than `sentenceAt`. */
export function sentenceIndexAt(sentences: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Masking

interface LineInfo {
  start: number;
  /** End of content, before the line break. */
  end: number;
}

/** Line starts and ends; a CRLF or a lone CR is one break. Native indexOf per line: a regex exec
 *  per line costs about 5x more on a large document. */
function lines(text: string): LineInfo[] {
  const out: LineInfo[] = [];
  const n = text.length;
  // The next CR and LF at or after `start` (n when none), searched again only once passed: a
  // document with one CR near its end, or only CRs, must not cost a scan per line.
  let cr = text.indexOf('\r');
  if (cr < 0) cr = n;
  let lf = -1;
  let start = 0;
  while (start <= n) {
    if (lf < start) {
      lf = text.indexOf('\n', start);
      if (lf < 0) lf = n;
    }
    const end = lf;
    if (cr < n) {
      if (cr < start) {
        cr = text.indexOf('\r', start);
        if (cr < 0) cr = n;
      }
      if (cr < end) {
        out.push({ start, end: cr });
        start = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
        continue;
      }
    }
    out.push({ start, end });
    if (end === n) break;
    start = end + 1;
  }
  return out;
}

let scratchBuffer: Buffer | undefined;

/** The shared buffer of the masks, at least `bytes` long; one that grew past 4 MB for a huge
 *  document is not kept. */
function scratch(bytes: number): Buffer {
  if (!scratchBuffer || scratchBuffer.length < bytes) {
    const grown = NodeBuffer!.allocUnsafeSlow(Math.max(bytes, 65536));
    if (bytes > 4 << 20) return grown;
    scratchBuffer = grown;
  }
  return scratchBuffer;
}

/** A same-length copy of the text whose characters can be blanked; built on a UTF-16 buffer
 *  because a character array of a 600 KB document costs more than all the rules together. */
class Mask {
  private readonly codes: Uint16Array;
  constructor(text: string) {
    if (NodeBuffer) {
      // Node's native UTF-16 copy is ~40x faster than a charCodeAt loop on a large document. It
      // goes into one buffer kept for every mask: a mask lives only while its text is segmented,
      // and a fresh 32 KB buffer per chunk of a long document cost page faults after each GC.
      const bytes = scratch(text.length * 2);
      bytes.write(text, 0, 'utf16le');
      this.codes = new Uint16Array(bytes.buffer, bytes.byteOffset, text.length);
    } else {
      this.codes = new Uint16Array(text.length);
      for (let i = 0; i < text.length; i++) this.codes[i] = text.charCodeAt(i);
    }
  }
  blank(start: number, end: number): void {
    const codes = this.codes;
    for (let i = start; i < end; i++) {
      const c = codes[i]!;
      if (c !== 10 && c !== 13) codes[i] = 32;
    }
  }
  /** Blanks a range, line breaks too, and drops the block boundaries inside it: text that a
   *  redline removes leaves no trace in the reading. */
  erase(start: number, end: number): void {
    this.codes.fill(32, start, end);
    for (let i = this.softBreaks.length - 1; i >= 0; i--) if (this.softBreaks[i]! > start && this.softBreaks[i]! < end) this.softBreaks.splice(i, 1);
  }
  /** Marks a block boundary on a markup character (a list marker, a pipe, a blanked line). */
  breakAt(i: number): void {
    if (i < this.codes.length) this.codes[i] = 0x2029;
  }
  /** A block boundary before a content character, which must stay as it is. */
  readonly softBreaks: number[] = [];
  breakBefore(i: number): void {
    if (i < this.codes.length) this.softBreaks.push(i);
  }
  toString(): string {
    // Lone surrogates may become U+FFFD: still one code unit, so offsets do not move.
    if (NodeBuffer) return NodeBuffer.from(this.codes.buffer, this.codes.byteOffset, this.codes.length * 2).toString('utf16le');
    return new TextDecoder('utf-16le').decode(this.codes);
  }
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_MARKER = /^([ \t]*)([-*+]|\d{1,9}[.)]|\(?[a-zA-Z0-9]{1,4}\))[ \t]+/;
// "4.", "4.1", "2.3(a)", "(b)", "A." — a bare "4" is not a clause number (it may end a wrapped sentence).
const CLAUSE_NUMBER = /^([ \t]*)((?:§\s*)?(?:\d{1,3}\.(?:\d{1,3}\.?)*|\(?[a-z]{1,4}\)|\(?[A-Z]\)|[A-Z]\.)(?:\([a-z0-9]{1,4}\))*)[ \t]+/;
const HEADING = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const BLANK = /^[ \t]*$/;

function maskMarkdown(text: string): Mask {
  const mask = new Mask(text);
  const ls = lines(text);
  let i = 0;

  // Front matter: a YAML block at the very start.
  if (/^(---|\+\+\+)[ \t]*$/.test(text.slice(ls[0]!.start, ls[0]!.end))) {
    const delimiter = text.slice(ls[0]!.start, ls[0]!.start + 3);
    for (let j = 1; j < ls.length; j++) {
      const line = text.slice(ls[j]!.start, ls[j]!.end).trimEnd();
      if (line === delimiter || (delimiter === '---' && line === '...')) {
        mask.blank(0, ls[j]!.end);
        i = j + 1;
        break;
      }
    }
  }

  let inList = false;
  let previousBlank = true;
  let inComment = false;
  // The next character that can open inline markup, searched once for the whole text and again only
  // when passed: most lines hold none, and they skip the line-by-line masking.
  let special = -1;
  const inline = (from: number, to: number): boolean => {
    if (special < from) {
      INLINE_ANY.lastIndex = from;
      special = INLINE_ANY.exec(text)?.index ?? text.length;
    }
    return special < to && maskInline(text, mask, from, to);
  };
  for (; i < ls.length; i++) {
    const { start, end } = ls[i]!;
    const line = text.slice(start, end);

    if (inComment) {
      const close = line.indexOf('-->');
      if (close < 0) {
        mask.blank(start, end);
        continue;
      }
      mask.blank(start, start + close + 3);
      inComment = inline(start + close + 3, end);
      previousBlank = false;
      continue;
    }

    // The first character after leading spaces and tabs decides which block patterns can match:
    // testing only those keeps the per-line cost low on a long document.
    let lead = 0;
    while (lead < line.length && (line.charCodeAt(lead) === 32 || line.charCodeAt(lead) === 9)) lead++;
    const first = line[lead];

    // A line in column 0 after a blank line ends any list (CommonMark), whatever it turns out to
    // be; this also makes every such point a clean start for chunked analysis (chunks.ts).
    if (previousBlank && lead === 0 && first !== undefined && /\S/.test(first)) inList = false;

    const fence = (first === '`' || first === '~') && FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      let j = i + 1;
      for (; j < ls.length; j++) {
        const candidate = text.slice(ls[j]!.start, ls[j]!.end);
        const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(candidate);
        if (m && m[1]![0] === marker[0] && m[1]!.length >= marker.length) break;
      }
      // An unclosed fence runs to the end of the document, as in CommonMark.
      const last = Math.min(j, ls.length - 1);
      mask.blank(start, ls[last]!.end);
      mask.breakAt(start);
      i = last;
      previousBlank = false;
      continue;
    }

    if (lead === line.length) {
      previousBlank = true;
      continue;
    }

    const indented = line.charCodeAt(0) === 9 || line.startsWith('    ');
    if (indented && !inList && previousBlank) {
      // An indented code block: it runs over following indented or blank lines.
      let j = i;
      while (j + 1 < ls.length) {
        const next = text.slice(ls[j + 1]!.start, ls[j + 1]!.end);
        if (/^( {4}|\t)/.test(next) || BLANK.test(next)) j++;
        else break;
      }
      mask.blank(start, ls[j]!.end);
      mask.breakAt(start);
      i = j;
      previousBlank = true;
      continue;
    }

    // Reference-style link definitions are not prose.
    if (first === '[' && /^ {0,3}\[[^\]]+\]:\s*\S/.test(line)) {
      mask.blank(start, end);
      mask.breakAt(start);
      previousBlank = false;
      continue;
    }

    // Thematic breaks and setext underlines.
    if ((first === '-' || first === '*' || first === '_' || first === '=') && (/^ {0,3}([-*_=])([ \t]*\1){2,}[ \t]*$/.test(line) || /^ {0,3}=+[ \t]*$/.test(line))) {
      mask.blank(start, end);
      mask.breakAt(start);
      previousBlank = false;
      continue;
    }

    let contentStart = start;
    // Block quote prefixes: blank them so sentences that wrap across quoted lines still read.
    const quote = first === '>' ? /^( {0,3}>[ \t]?)+/.exec(line) : null;
    if (quote) {
      mask.blank(start, start + quote[0].length);
      contentStart += quote[0].length;
    }
    const rest = contentStart === start ? line : text.slice(contentStart, end);
    const heading = rest.includes('#') ? HEADING.exec(rest) : null;
    const list = mayStartList(rest) ? LIST_MARKER.exec(rest) : null;
    if (heading) {
      mask.blank(contentStart, contentStart + heading[0].length);
      mask.breakAt(contentStart);
      // Closing hashes.
      const closing = /[ \t]+#+[ \t]*$/.exec(rest);
      if (closing) mask.blank(contentStart + closing.index, end);
      // The next line starts a new block too.
      if (i + 1 < ls.length) mask.breakBefore(ls[i + 1]!.start);
      inList = false;
    } else if (list && (previousBlank || inList || list[1]!.length > 0 || /^[-*+]$/.test(list[2]!) || /^\d/.test(list[2]!))) {
      mask.blank(contentStart + list[1]!.length, contentStart + list[0].length);
      mask.breakAt(contentStart + list[1]!.length);
      inList = true;
    } else if (rest.charCodeAt(0) !== 32 && rest.charCodeAt(0) !== 9) {
      inList = inList && !previousBlank;
    }
    if (rest.includes('|') && /^\s*\|?.*\|/.test(rest)) {
      // Table rows: every cell is a block; delimiter rows are not prose.
      if (/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(rest)) {
        mask.blank(contentStart, end);
        mask.breakAt(contentStart);
        previousBlank = false;
        continue;
      }
      for (let k = contentStart; k < end; k++) if (text[k] === '|' && text[k - 1] !== '\\') mask.breakAt(k);
      mask.breakBefore(contentStart);
    }

    const unclosed = inline(contentStart, end);
    if (unclosed) inComment = true;
    previousBlank = false;
  }
  return mask;
}

/** Whether LIST_MARKER can match: its marker starts after the leading spaces and tabs with `-`,
 *  `*`, `+`, `(` or a digit, or is a letter or digit closed by `)` within four more characters.
 *  Most lines are prose, and this spares them the pattern. */
function mayStartList(line: string): boolean {
  let i = 0;
  while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
  const c = line.charCodeAt(i);
  if (c === 45 || c === 42 || c === 43 || c === 40 || (c >= 48 && c <= 57)) return true;
  const close = line.indexOf(')', i + 1);
  return close > i && close <= i + 4;
}

/** Blanks inline code, HTML comments and tags, link targets and emphasis markers in one line.
 *  Returns true when an HTML comment opens on this line and does not close. */
const INLINE_SPECIAL = /[\\`<\[\]!*_~]/g;
/** The same characters, for the search across lines in maskMarkdown. */
const INLINE_ANY = new RegExp(INLINE_SPECIAL.source, 'g');

function maskInline(text: string, mask: Mask, start: number, end: number): boolean {
  // Every search stays inside the line, so the cost is linear in the document.
  const line = text.slice(start, end);
  const n = line.length;
  let k = 0;
  while (k < n) {
    // Jump to the next character that can open markup; plain prose is skipped by the regex engine.
    INLINE_SPECIAL.lastIndex = k;
    const next = INLINE_SPECIAL.exec(line);
    if (!next) break;
    k = next.index;
    const c = line[k]!;
    if (c === '\\') {
      // An escape, or a hard line break at the end of the line: neither is prose.
      mask.blank(start + k, start + k + 1);
      k += 2;
      continue;
    }
    if (c === '`') {
      let run = 1;
      while (line[k + run] === '`') run++;
      const fence = '`'.repeat(run);
      let close = line.indexOf(fence, k + run);
      while (close >= 0 && line[close + run] === '`') close = line.indexOf(fence, close + run + 1);
      if (close >= 0) {
        mask.blank(start + k, start + close + run);
        k = close + run;
        continue;
      }
      mask.blank(start + k, start + k + run);
      k += run;
      continue;
    }
    if (c === '<') {
      if (line.startsWith('<!--', k)) {
        const close = line.indexOf('-->', k + 4);
        if (close < 0) {
          mask.blank(start + k, end);
          return true;
        }
        mask.blank(start + k, start + close + 3);
        k = close + 3;
        continue;
      }
      const tag = /^<(\/?[a-zA-Z][\w-]*(\s[^<>]*)?\/?|[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>/.exec(line.slice(k, k + 2000));
      if (tag) {
        mask.blank(start + k, start + k + tag[0].length);
        k += tag[0].length;
        continue;
      }
    }
    if (c === ']' && line[k + 1] === '(') {
      // Link or image target: blank "](...)" keeping the link text. Targets are short; a bounded
      // scan keeps a line of unclosed "](" from costing quadratic time.
      let depth = 0;
      let j = k + 1;
      const limit = Math.min(n, k + 2000);
      for (; j < limit; j++) {
        if (line[j] === '(') depth++;
        else if (line[j] === ')' && --depth === 0) break;
      }
      if (j < limit) {
        mask.blank(start + k, start + j + 1);
        k = j + 1;
        continue;
      }
    }
    if (c === '[' || c === ']' || (c === '!' && line[k + 1] === '[')) {
      mask.blank(start + k, start + k + 1);
    } else if ((c === '*' || c === '_') && isEmphasisMarker(text, start + k, c)) {
      mask.blank(start + k, start + k + 1);
    } else if (c === '~' && line[k + 1] === '~') {
      mask.blank(start + k, start + k + 2);
      k += 2;
      continue;
    }
    k++;
  }
  return false;
}

function isEmphasisMarker(text: string, k: number, c: string): boolean {
  // Intraword underscores (snake_case) are text; asterisks anywhere are markup.
  if (c === '*') return true;
  const before = text[k - 1] ?? ' ';
  const after = text[k + 1] ?? ' ';
  return !(/[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after));
}

function maskPlain(text: string, contract: boolean): Mask {
  const mask = new Mask(text);
  // HTML comments carry suppression directives in every prose format; they are never prose.
  for (const m of text.matchAll(/<!--[\s\S]*?(?:-->|$)/g)) mask.blank(m.index!, m.index! + m[0].length);
  const ls = lines(text);
  for (let i = 0; i < ls.length; i++) {
    const { start, end } = ls[i]!;
    const line = text.slice(start, end);
    if (BLANK.test(line)) continue;
    const m = (contract ? CLAUSE_NUMBER : LIST_MARKER).exec(line) ?? LIST_MARKER.exec(line);
    if (m) {
      mask.blank(start + m[1]!.length, start + m[0].length);
      mask.breakAt(start + m[1]!.length);
    } else if (/^[A-Z0-9 ,&'’()-]{3,}$/.test(line.trim()) && /[A-Z]{3}/.test(line)) {
      // An all-capitals heading line ("TERM AND TERMINATION") stands alone.
      mask.breakBefore(start);
      if (i + 1 < ls.length) mask.breakBefore(ls[i + 1]!.start);
    }
  }
  return mask;
}

// ---------------------------------------------------------------------------------------------
// Sentences

const ABBREVIATIONS = new Set(
  [
    'e.g', 'i.e', 'etc', 'inc', 'ltd', 'llc', 'llp', 'co', 'corp', 'no', 'nos', 'sec', 'sect', 'art', 'para', 'cl', 'vs', 'v',
    'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'u.s', 'u.k', 'approx', 'incl', 'p', 'pp', 'fig', 'ch', 'viz', 'cf', 'al',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'dept', 'est', 'ex', 'min', 'max',
  ].map((a) => a.toLowerCase()),
);

const LONGEST_ABBREVIATION = Math.max(...[...ABBREVIATIONS].map((a) => a.length));
/** The abbreviations' hashes, as isAbbreviation computes them from a word's character codes. */
const ABBREVIATION_HASHES = new Set([...ABBREVIATIONS].map(keyHash));

/** Space, tab, line breaks, no-break space and the Unicode spaces; never the block break. */
function isSpace(c: string | undefined): boolean {
  return c !== undefined && isSpaceCode(c.charCodeAt(0));
}

/** Where a sentence may end: sentence punctuation, a block break, and line breaks (a blank line). */
const ENDINGS = ['.', '!', '?', '…', '\u2029', '\n', '\r'];
const FULL_STOP = 0;
const LINE_FEED = 5;
const RARE_ENDINGS = [1, 2, 3, 4, 6];

/** Splits masked text into sentences: at blank lines, block breaks, and . ! ? … followed by space
 *  and something that can start a sentence. Abbreviations, initials and numbers (1.2) do not end one.
 *  Only the candidate characters are visited, each found by a native search: a regex exec per
 *  candidate cost several times more on a long document. */
export function splitSentences(masked: string): Span[] {
  const out: Span[] = [];
  const n = masked.length;
  let start = firstNonSpace(masked, 0, n);
  const push = (end: number, next: number) => {
    let e = end;
    while (e > start && isSpaceCode(masked.charCodeAt(e - 1))) e--;
    if (start < n && e > start) out.push({ start, end: e });
    start = firstNonSpace(masked, next, n);
  };
  const find = (ending: string, from: number): number => {
    const at = masked.indexOf(ending, from);
    return at < 0 ? n : at;
  };
  // The next occurrence of each ending; the nearest is the next candidate. Full stops and line
  // feeds are most of them: the nearest of the others is kept apart, found again only when used.
  const next = ENDINGS.map((e) => find(e, 0));
  const nearestRare = () => {
    let r = RARE_ENDINGS[0]!;
    for (const w of RARE_ENDINGS) if (next[w]! < next[r]!) r = w;
    return r;
  };
  let rare = nearestRare();
  for (;;) {
    const which = next[FULL_STOP]! <= next[LINE_FEED]! ? (next[FULL_STOP]! <= next[rare]! ? FULL_STOP : rare) : next[LINE_FEED]! <= next[rare]! ? LINE_FEED : rare;
    const i = next[which]!;
    if (i >= n) break;
    next[which] = find(ENDINGS[which]!, Math.max(i + 1, start));
    if (which === rare) rare = nearestRare();
    if (i < start) continue;
    const c = masked.charCodeAt(i);
    if (c === 10 || c === 13) {
      // Only a blank line ends the paragraph: the break (a CRLF is one), spaces or tabs, then
      // another break or the end.
      let k = c === 13 && masked.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      while (k < n && (masked.charCodeAt(k) === 32 || masked.charCodeAt(k) === 9)) k++;
      if (k < n && masked.charCodeAt(k) !== 10 && masked.charCodeAt(k) !== 13) continue;
      push(i, i + 1);
      continue;
    }
    if (c === 0x2029) {
      // A block break.
      push(i, i + 1);
      continue;
    }
    let j = i + 1;
    while (j < n && (masked[j] === '.' || masked[j] === '!' || masked[j] === '?')) j++;
    while (j < n && CLOSERS.has(masked.charCodeAt(j))) j++;
    if (j < n && !isSpaceCode(masked.charCodeAt(j)) && masked.charCodeAt(j) !== 0x2029) continue;
    // A lower-case word after the space continues the sentence ("approx. ten").
    let k = j;
    while (k < n && isSpaceCode(masked.charCodeAt(k))) k++;
    if (c === 46 && k < n && isLowerCase(masked[k]!)) continue;
    if (c === 46 /* . */ && j === i + 1 && isAbbreviation(masked, start, i)) continue;
    push(j, j);
  }
  if (start < n) push(n, n);
  return out;
}

const CLOSERS = new Set(['"', "'", '’', '”', ')', ']', '*', '_'].map((c) => c.charCodeAt(0)));

function isSpaceCode(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff || code === 0x1680 || code === 0x2028 || code === 0x85;
}

function firstNonSpace(masked: string, from: number, n: number): number {
  let i = from;
  while (i < n) {
    const code = masked.charCodeAt(i);
    if (code !== 0x2029 && !isSpaceCode(code)) break;
    i++;
  }
  return i;
}

function isLowerCase(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128 || code === 0x2029) return code >= 97 && code <= 122;
  return c !== c.toUpperCase() && c === c.toLowerCase();
}

function isWordOrDot(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 46 || (code > 127 && /[\p{L}\p{N}]/u.test(String.fromCharCode(code)));
}

function isAbbreviation(masked: string, sentenceStart: number, dot: number): boolean {
  let w = dot;
  // Abbreviations are short: a long word before the dot is never one.
  while (w > sentenceStart && dot - w < 12 && isWordOrDot(masked.charCodeAt(w - 1))) w--;
  if (dot - w >= 12) return false;
  if (w === dot) return false;
  // Longer than any abbreviation: only a clause number ("12345678.") can still be one.
  if (dot - w > LONGEST_ABBREVIATION) return dot - sentenceStart <= dot - w + 1 && /^\d+$/.test(masked.slice(w, dot));
  // An ASCII word (nearly all of them) is decided from its character codes: most words before a
  // full stop are not abbreviations, and slicing and lower-casing each cost more than the rest.
  let hash = 0;
  let digits = true;
  let ascii = true;
  for (let i = w; i < dot; i++) {
    const c = masked.charCodeAt(i);
    if (c >= 128) {
      ascii = false;
      break;
    }
    digits &&= c >= 48 && c <= 57;
    hash = (Math.imul(hash, 31) + (c >= 65 && c <= 90 ? c | 32 : c)) | 0;
  }
  if (ascii) {
    if (ABBREVIATION_HASHES.has(hash) && ABBREVIATIONS.has(masked.slice(w, dot).toLowerCase())) return true;
    const first = masked.charCodeAt(w);
    if (dot - w === 1 && first >= 65 && first <= 90) return true; // an initial: "J. Smith"
    return digits && dot - sentenceStart <= dot - w + 1; // "1. " at a line start
  }
  const word = masked.slice(w, dot).toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  if (word.length <= 2 && /^\p{L}$/u.test(word) && /\p{Lu}/u.test(masked[w]!)) return true; // an initial: "J. Smith"
  if (dot - sentenceStart <= word.length + 1 && /^\d+$/.test(word)) return true; // "1. " at a line start
  return false;
}

/** Clause boundaries inside a sentence: semicolons, colons and dashes that join clauses. */
export function splitClauses(masked: string, sentence: Span): Span[] {
  const out: Span[] = [];
  let start = sentence.start;
  for (let i = sentence.start; i < sentence.end; i++) {
    const c = masked[i]!;
    const dash = (c === '—' || c === '–') && isSpace(masked[i + 1]) && isSpace(masked[i - 1]);
    if (c === ';' || (c === ':' && isSpace(masked[i + 1])) || dash) {
      if (i > start) out.push(trim(masked, start, i));
      start = i + 1;
    }
  }
  if (start < sentence.end) out.push(trim(masked, start, sentence.end));
  return out.filter((s) => s.end > s.start);
}

function trim(masked: string, start: number, end: number): Span {
  while (start < end && isSpace(masked[start])) start++;
  while (end > start && isSpace(masked[end - 1])) end--;
  return { start, end };
}
