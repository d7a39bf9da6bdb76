// Defined terms of a contract: where each is defined, and where it is used. Definitions are the
// drafting conventions lawyers use:
//
//   ... between Acme Ltd ("Supplier") and ... (the "Agreement") (each a "Party", together the "Parties")
//   "Confidential Information" means ...        “Services” shall mean ...        **Services** means ...
//
// A use is a later occurrence of a defined term with its capitals (or its plural). A phrase that
// reads like a defined term but is defined nowhere is a candidate for the `defined-term` rule,
// which is deliberately conservative (see rules/defined-term.ts). Everything is read on the
// masked text (segment.ts), so code, comments and text deleted by a redline define nothing.

import { segment, type Span } from './segment';
import type { DocumentKind } from './types';

export interface TermDefinition extends Span {
  /** The term as written, without quotes or bold markers. */
  term: string;
}

export interface TermUse extends Span {
  term: string;
}

/** What one chunk of a document says about its terms (offsets relative to that text). */
export interface TermScan {
  definitions: TermDefinition[];
  /** Capitalised multiword phrases after a determiner ("the Licensed Software"), each occurrence. */
  candidates: TermUse[];
}

// A term: starts with a capital letter (or a digit), at most seven words, one line.
const TERM_BODY = "[A-Z0-9][A-Za-z0-9&'’.\\-/]*(?:[ \\t]+[A-Za-z0-9&'’.\\-/()]+){0,6}";
/** A quoted term, straight or curly quotes, optionally in bold inside or outside the quotes. */
// Starting at the quote (not at optional bold markers) lets the engine jump from quote to quote.
const QUOTED = new RegExp(`["“](?:\\*\\*)?(${TERM_BODY})(?:\\*\\*)?["”](?:\\*\\*)?`, 'g');
/** A bold term: `**Services** means`. */
const BOLD = new RegExp(`\\*\\*(${TERM_BODY})\\*\\*`, 'g');
/** What follows a term in a definition by sentence. */
// Whitespace here never crosses a blank line: a chunk of the analysis (chunks.ts) ends at one, and
// what a chunk finds must not depend on the text after it.
const MEANS = /^[ \t]*(?:\r?\n[ \t]*)?(?:,\s*)?(?:means|mean|shall mean|will mean|shall have the meaning|has the meaning|have the meaning|refers to|is defined as)\b/i;
/** Between the terms of one definition: `"Train" or "Training" means`. */
const ALTERNATIVE = /^[ \t]*(?:,|or|and|and\/or)[ \t]*$/i;
/** What a parenthesis may contain around its quoted terms for it to be a definition. */
const PAREN_FILLER = /^(?:[\s,;:*]|the\b|a\b|an\b|this\b|each\b|together\b|collectively\b|individually\b|jointly\b|severally\b|and\b|or\b|hereinafter\b|hereafter\b|herein\b|referred\b|to\b|as\b|called\b|being\b)*$/i;
/** The text takes its definitions from elsewhere ("capitalised terms have the meanings given in ..."). */
export const BY_REFERENCE = /\b[Cc]apitali[sz]ed\b(?! (?:costs?|interest|expenses?|leases?)\b)|meanings? (?:given|ascribed|assigned|set forth|set out|specified)|(?:as|not) defined (?:in|under|herein) (?:the )?[A-Z]/;
/** `"Discount Rate" is 38%.` at the start of a line also defines. */
const IS = /^[ \t]*(?:is|are)\b/;
/** "the Licensed Software": two to four capitalised words (no more), after a lower-case determiner
 *  (checked apart: capitals are rarer than word boundaries, so the engine skips most of the text). */
const CAPITALISED = /[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?[ \t]+(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?[ \t]+){0,2}[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?(?![A-Za-z0-9'’-]|[ \t]+[A-Z0-9])/g;
const DETERMINER = /(?:^|[^A-Za-z])(?:the|this|such|each|any|all|our|your|their|its)[ \t]+$/;
/** Words that make a capitalised phrase a name, a place or a title rather than a defined term. */
const NAME_WORDS = new Set(
  (
    'United States Kingdom Union European America American Nations Court Courts Republic Act Code Regulation Regulations Directive Rules Internet ' +
    'English Federal State County City Street Avenue Road Department Office Ministry Commission Bureau Agency Government Securities Exchange ' +
    'January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday ' +
    'Section Sections Clause Clauses Article Articles Schedule Schedules Exhibit Exhibits Appendix Annex Attachment Part Paragraph Table Page ' +
    'Inc Ltd Llc Corp Company Limited Bank University Association Institute Foundation Society Standard Standards Privacy Shield General Data Protection'
  ).split(' '),
);

/** Definitions and candidate uses, read from one text (labels and incorporation by reference are
 *  asked later, only for phrases about to be reported: see isLabel and BY_REFERENCE). */
export function scanTerms(text: string, masked: string): TermScan {
  const definitions: TermDefinition[] = [];
  const seen = new Set<number>();
  const add = (term: string, start: number) => {
    if (seen.has(start)) return;
    // A term deleted by a redline, or in code, defines nothing.
    if (masked.slice(start, start + term.length) !== term) return;
    seen.add(start);
    definitions.push({ term: term.replace(/\s+/g, ' '), start, end: start + term.length });
  };

  // Quoted terms: in a parenthesis of their own, or followed by "means".
  const quoted = [...matches(QUOTED, text)];
  for (let i = 0; i < quoted.length; i++) {
    const q = quoted[i]!;
    if (inDefiningParenthesis(text, q, quoted)) add(q.term, q.termStart);
    else {
      // "A" or "B" means: every term of the chain before "means".
      let j = i;
      while (j + 1 < quoted.length && ALTERNATIVE.test(text.slice(quoted[j]!.end, quoted[j + 1]!.start))) j++;
      const after = text.slice(quoted[j]!.end, quoted[j]!.end + 40);
      if (MEANS.test(after) || (IS.test(after) && atLineStart(text, q.start))) {
        for (let k = i; k <= j; k++) add(quoted[k]!.term, quoted[k]!.termStart);
        i = j;
      }
    }
  }
  for (const b of matches(BOLD, text)) {
    if (MEANS.test(text.slice(b.end, b.end + 40)) || inDefiningParenthesis(text, b, [])) add(b.term, b.termStart);
  }
  definitions.sort((a, b) => a.start - b.start);

  const candidates: TermUse[] = [];
  CAPITALISED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CAPITALISED.exec(masked)) !== null) {
    const phrase = m[0];
    if (/[A-Za-z0-9'’-]/.test(masked[m.index - 1] ?? ' ')) {
      CAPITALISED.lastIndex = m.index + 1; // it started inside a word
      continue;
    }
    if (!DETERMINER.test(masked.slice(Math.max(0, m.index - 8), m.index))) continue;
    if (phrase.split(/[ \t]+/).some((w) => NAME_WORDS.has(w.replace(/s$/, '')) || NAME_WORDS.has(w))) continue;
    const start = m.index;
    candidates.push({ term: phrase.replace(/[ \t]+/g, ' '), start, end: start + phrase.length });
  }

  return { definitions, candidates };
}

/** Whether a phrase (or its singular or plural) stands alone on a line as a heading or a field
 *  label ("Subscription Period", "Trade Date: 06/23/2005"): a cover page defines a term by
 *  labelling its value. Asked only for the few phrases about to be reported. */
export function isLabel(masked: string, phrase: string): boolean {
  // The pattern starts with the phrase's words, so the engine skips quickly to their occurrences;
  // what may stand before them on the line (numbering, markup) is checked here.
  const re = labelPattern(phrase);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(masked)) !== null) {
    let i = m.index;
    while (i > 0 && LABEL_LEAD.has(masked.charCodeAt(i - 1))) i--;
    const c = i > 0 ? masked.charCodeAt(i - 1) : 10;
    if (c === 10 || c === 13 || c === 0x2029) return true;
    re.lastIndex = m.index + 1;
  }
  return false;
}

/** What may stand before a label on its line: spaces, a clause number, heading or bold markers. */
const LABEL_LEAD = new Set([...' \t0123456789.()§#*_-'].map((c) => c.charCodeAt(0)));

/** One compiled pattern per phrase: a phrase is tested against every chunk of a document. */
const labelPatterns = new Map<string, RegExp>();

function labelPattern(phrase: string): RegExp {
  let re = labelPatterns.get(phrase);
  if (!re) {
    const words = phrase.replace(/(?:ies|s|y)$/, '').split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`${words.join('[ \\t]+')}(?:ies|s|y)?[ \\t.*_]*(?::[ \\t]|:?[ \\t]*(?:[\\r\\n\\u2029]|$))`, 'gi');
    if (labelPatterns.size >= 500) labelPatterns.clear();
    labelPatterns.set(phrase, re);
  }
  return re;
}

/** Only spaces, a heading's hashes, bold markers or a clause number before it on its line. */
function atLineStart(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return /^[\s#*>\d.()a-z§-]*$/.test(text.slice(i, at)) && !/[a-z]{2}/.test(text.slice(i, at));
}

interface Quoted {
  term: string;
  termStart: number;
  start: number;
  end: number;
}

function* matches(re: RegExp, text: string): Generator<Quoted> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const term = m[1]!.replace(/[\s.,;:]+$/, '');
    yield { term, termStart: m.index + m[0].indexOf(m[1]!), start: m.index, end: m.index + m[0].length };
  }
}

/** `(the "Agreement")`, `(each a "Party" and together the "Parties")`: a parenthesis that holds
 *  nothing but quoted terms and the words that introduce them. */
function inDefiningParenthesis(text: string, q: Quoted, all: readonly Quoted[]): boolean {
  const open = text.lastIndexOf('(', q.start);
  if (open < 0 || q.start - open > 120 || /[)]|\n[ \t]*\r?\n/.test(text.slice(open, q.start))) return false;
  const close = text.indexOf(')', q.end);
  if (close < 0 || close - q.end > 120 || /[(]|\n[ \t]*\r?\n/.test(text.slice(q.end, close))) return false;
  // What remains once the quoted terms inside are taken out.
  let rest = '';
  let at = open + 1;
  for (const other of all.length > 0 ? all : [q]) {
    if (other.start < open || other.end > close) continue;
    rest += text.slice(at, other.start);
    at = other.end;
  }
  rest += text.slice(at, close);
  return PAREN_FILLER.test(rest);
}

/** The defined terms of a document and every use of them, for go-to-definition. */
export function definedTerms(text: string, kind: DocumentKind): { definitions: TermDefinition[]; uses: TermUse[] } {
  if (kind === 'notes') return { definitions: [], uses: [] };
  const { masked } = segment(text, kind);
  const { definitions } = scanTerms(text, masked);
  return { definitions, uses: usesOf(masked, definitions) };
}

/** Occurrences of the defined terms with their capitals (and plurals), outside their definitions. */
export function usesOf(masked: string, definitions: readonly TermDefinition[]): TermUse[] {
  if (definitions.length === 0) return [];
  const terms = [...new Set(definitions.map((d) => d.term))].sort((a, b) => b.length - a.length);
  const byForm = new Map<string, string>();
  for (const t of terms) {
    if (!byForm.has(t)) byForm.set(t, t);
    if (!/s$/.test(t) && !byForm.has(`${t}s`)) byForm.set(`${t}s`, t);
  }
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![A-Za-z0-9\\u00C0-\\u024F])(?:${forms.map(escape).join('|')})(?![A-Za-z0-9\\u00C0-\\u024F])`, 'g');
  const defined = new Set(definitions.map((d) => d.start));
  const uses: TermUse[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(masked)) !== null) {
    if (defined.has(m.index)) continue;
    uses.push({ term: byForm.get(m[0].replace(/\s+/g, ' '))!, start: m.index, end: m.index + m[0].length });
  }
  return uses;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ \t]+/g, '\\s+');
}
