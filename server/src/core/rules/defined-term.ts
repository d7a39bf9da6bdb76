// defined-term: a defined term used but never defined, or defined twice. Redlines break
// definitions (a deleted parenthesis, a renamed term), and an undefined or doubly defined term is
// an ambiguity that the other side can later read its own way.
//
// "Never defined" must not cry wolf: it is reported only in a document that defines its terms (at
// least two definitions), that does not take its definitions from another document
// ("capitalised terms have the meanings given in ..."), for a capitalised phrase of two to four
// words used as a term ("the Licensed Software") at least twice, that is not a heading or a field
// label, not a name or place ("the United States"), and not a form of a defined term.

import type { Rule } from '../rule';
import { BY_REFERENCE, isLabel, scanTerms, type TermDefinition, type TermScan } from '../terms';
import { lineStartAt } from '../text';
import type { RawFinding } from '../types';

export const definedTerm: Rule = {
  id: 'defined-term',
  defaultSeverity: 'information',
  description: 'A capitalised term used as a defined term but never defined, or a term defined twice.',
  principle:
    'A defined term fixes what a word means for the whole contract. Left undefined, or defined twice, it becomes an ambiguity the other side can later argue its own way, and ambiguity is read against the party that drafted it.',
  example: { before: 'The Supplier shall deliver the Licensed Software ... (no definition anywhere)', after: '... the software listed in Schedule 1 (the "Licensed Software") ...' },
  appliesTo: ['markdown', 'plaintext', 'contract'],
  check: () => [],
  collect(ctx): Collected {
    const scan = scanTerms(ctx.text, ctx.seg.masked);
    const masked = ctx.seg.masked;
    // What precedes each definition: the same clause repeated (a template's alternative wordings)
    // defines the term the same way, which is no ambiguity.
    // Within the line only, so that it does not depend on where the chunk starts.
    const before = (at: number) => {
      return masked.slice(Math.max(lineStartAt(masked, at), at - 60), at).replace(/\s+/g, ' ');
    };
    // The masked text (a reference, not a copy) is kept for the label and incorporation checks,
    // made only when a phrase is about to be reported, and remembered per chunk (below).
    return { ...scan, masked, definitions: scan.definitions.map((d) => ({ ...d, before: before(d.start) })) };
  },
  conclude(parts) {
    const out: RawFinding[] = [];
    const definitions = parts.flatMap(({ offset, data }) => (data as Collected).definitions.map((d) => ({ ...d, start: d.start + offset, end: d.end + offset })));
    const first = new Map<string, Set<string>>();
    for (const d of definitions) {
      const seen = first.get(d.term);
      if (!seen) {
        first.set(d.term, new Set([d.before]));
        continue;
      }
      if (seen.has(d.before)) continue;
      seen.add(d.before);
      out.push({
        start: d.start,
        end: d.end,
        message: `“${d.term}” is defined a second time; two definitions of one term leave room to argue for either meaning.`,
        fixes: [],
      });
    }

    if (first.size < 2) return out;
    const defined = new Set([...first.keys()].map((t) => t.toLowerCase()));
    const padded = [...defined].map((t) => ` ${t} `);
    const known = (phrase: string): boolean => {
      const lower = phrase.toLowerCase();
      const forms = [lower, lower.replace(/s$/, ''), `${lower}s`, lower.replace(/ies$/, 'y'), lower.replace(/y$/, 'ies')];
      if (forms.some((f) => defined.has(f))) return true;
      // A longer phrase built on a defined term ("Customer Data" where "Customer" is defined) may be
      // a term of its own or plain description: too doubtful to report.
      const own = ` ${lower} `;
      for (const t of padded) if (own.includes(t) || t.includes(own)) return true;
      return parts.some(({ data }) => labelIn(data as Collected, phrase));
    };
    const uses = new Map<string, { start: number; end: number; count: number }>();
    for (const { offset, data } of parts) {
      for (const c of (data as TermScan).candidates) {
        const u = uses.get(c.term);
        if (u) u.count++;
        else uses.set(c.term, { start: c.start + offset, end: c.end + offset, count: 1 });
      }
    }
    // Asked once, and only when there is something to report: most documents never pay for it.
    let byReference: boolean | undefined;
    for (const [term, u] of uses) {
      if (u.count < 2 || known(term)) continue;
      byReference ??= parts.some(({ data }) => byReferenceIn(data as Collected));
      if (byReference) break;
      out.push({
        start: u.start,
        end: u.end,
        message: `“${term}” is used as a defined term but defined nowhere; an undefined term is an ambiguity the other side can read its own way.`,
        fixes: [],
      });
    }
    return out;
  },
};

/** Label answers per chunk and phrase: a chunk's collected data is cached with it, so after a
 *  keystroke only the edited chunk is searched again for the phrases about to be reported. */
const labels = new WeakMap<Collected, Map<string, boolean>>();

/** Whether a chunk takes its definitions from elsewhere, asked at most once per chunk analysis. */
const incorporates = new WeakMap<Collected, boolean>();

function byReferenceIn(data: Collected): boolean {
  let answer = incorporates.get(data);
  if (answer === undefined) {
    answer = incorporatesByReference(data.masked);
    incorporates.set(data, answer);
  }
  return answer;
}

/** Each alternative of BY_REFERENCE holds one of these words: the pattern is tried only around
 *  their occurrences, found natively, instead of over the whole chunk. */
const REFERENCE_WORDS = ['apitali', 'meaning', 'defined'];
/** One search for any of them first: most chunks have none, and the engine's search for a few
 *  literal words cost half of three separate native searches. */
const ANY_REFERENCE_WORD = new RegExp(REFERENCE_WORDS.join('|'));

function incorporatesByReference(masked: string): boolean {
  if (!ANY_REFERENCE_WORD.test(masked)) return false;
  for (const word of REFERENCE_WORDS) {
    for (let at = masked.indexOf(word); at >= 0; at = masked.indexOf(word, at + 1)) {
      // Room for what may stand before the word ("not ", "C") and after it (the longest alternative).
      const from = Math.max(0, at - 8);
      BY_REFERENCE.lastIndex = 0;
      if (BY_REFERENCE.test(masked.slice(from, at + 48))) return true;
    }
  }
  return false;
}

function labelIn(data: Collected, phrase: string): boolean {
  let known = labels.get(data);
  if (!known) labels.set(data, (known = new Map()));
  let answer = known.get(phrase);
  if (answer === undefined) known.set(phrase, (answer = isLabel(data.masked, phrase)));
  return answer;
}

interface Collected extends TermScan {
  masked: string;
  definitions: (TermDefinition & { before: string })[];
}
