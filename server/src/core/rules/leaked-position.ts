// leaked-position: a draft or letter contains a fact the negotiation notes keep private — the
// walk-away point, a budget ceiling, the deadline, the BATNA — verbatim, as an amount within 5% of
// a private number, or as the deadline date written another way. Whoever learns our limits
// negotiates against them; this is the one finding that is an error by default.
//
// It needs the paired notes: analyze() calls `findLeaks` on each chunk when notes are given (a
// leak lies within a sentence). The rule object carries the metadata only.

import type { NotesModel } from '../notes/model';
import type { Rule } from '../rule';
import type { Span } from '../segment';
import { sentenceRemovalRange } from '../text';
import type { RawFinding } from '../types';

export const leakedPosition: Rule = {
  id: 'leaked-position',
  defaultSeverity: 'error',
  description: 'A draft or letter reveals a fact the negotiation notes keep private: walk-away point, budget ceiling, deadline or BATNA.',
  principle:
    'Your limits are the other side’s target. Once they know the walk-away point, the ceiling or the date you must sign by, every later offer gravitates to it.',
  example: { before: 'We must sign by 15 December.', after: '(sentence removed)' },
  appliesTo: ['markdown', 'plaintext', 'contract'],
  check: () => [],
};

export interface Leak extends RawFinding {
  /** Where the private fact is written in the notes. */
  related: { start: number; end: number; message: string };
}

const TOLERANCE = 0.05;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

interface Fact {
  label: string;
  value: string;
  at: Span;
}

function facts(model: NotesModel): Fact[] {
  const out: Fact[] = [];
  const p = model.private;
  const add = (label: string, f: { value: string; range: Span } | undefined) => {
    if (f && f.value.trim().length > 0) out.push({ label, value: f.value.trim(), at: f.range });
  };
  add('walk-away point', p?.walk_away);
  add('budget ceiling', p?.budget_ceiling);
  add('deadline', p?.deadline);
  add('BATNA', p?.batna);
  add('BATNA', model.batna);
  for (const item of p?.other?.items ?? []) add('private note', { value: item.value, range: item.range });
  return out;
}

/** Amounts written in prose: 212,000 · 212 000 · $212k · €1.2 million · 212000. */
const AMOUNT = /(?<![\w.,])[$€£]?\s?(\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+)(?:\.(\d+))?\s?(k|m|million|thousand)?(?![\w])/gi;

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const WORD = `(?:${Object.keys(UNITS).join('|')}|hundred|thousand|million)`;
/** Amounts in words: "ninety-five thousand", "one hundred and twenty thousand". */
const AMOUNT_WORDS = new RegExp(`\\b${WORD}(?:(?:\\s+|-|\\s+and\\s+)${WORD})*\\b`, 'gi');

function wordsValue(phrase: string): number {
  let total = 0;
  let current = 0;
  for (const w of phrase.toLowerCase().split(/[\s-]+/)) {
    if (w === 'and') continue;
    if (w === 'hundred') current = (current || 1) * 100;
    else if (w === 'thousand' || w === 'million') {
      total += (current || 1) * (w === 'thousand' ? 1_000 : 1_000_000);
      current = 0;
    } else current += UNITS[w] ?? 0;
  }
  return total + current;
}

function amountsIn(masked: string): { start: number; end: number; value: number }[] {
  const out: { start: number; end: number; value: number }[] = [];
  AMOUNT_WORDS.lastIndex = 0;
  let w: RegExpExecArray | null;
  while ((w = AMOUNT_WORDS.exec(masked)) !== null) out.push({ start: w.index, end: w.index + w[0].length, value: wordsValue(w[0]) });
  AMOUNT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = AMOUNT.exec(masked)) !== null) {
    let value = Number(m[1]!.replace(/[,\u00a0 ]/g, '') + (m[2] ? `.${m[2]}` : ''));
    const unit = m[3]?.toLowerCase();
    if (unit === 'k' || unit === 'thousand') value *= 1_000;
    if (unit === 'm' || unit === 'million') value *= 1_000_000;
    out.push({ start: m.index, end: m.index + m[0].length, value });
  }
  return out;
}

const MONTH = `(${MONTHS.map((x) => `${x.slice(0, 3)}(?:${x.slice(3)})?`).join('|')})\\.?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
/** Dates as the notes may write them: 2026-12-15, 15 December 2026, December 15, 2026, 15/12/2026. */
const DATE_FORMS: { re: RegExp; y: number; m: number; d: number }[] = [
  { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, y: 1, m: 2, d: 3 },
  { re: new RegExp(`^${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})$`, 'i'), y: 3, m: 2, d: 1 },
  { re: new RegExp(`^${MONTH}\\s+${DAY},?\\s+(\\d{4})$`, 'i'), y: 3, m: 1, d: 2 },
];

/** A date written in the notes, as an ISO date; undefined when it is not one (or is ambiguous,
 *  like 05/06/2026). */
export function isoDate(value: string): string | undefined {
  const v = value.trim();
  const pad = (n: number) => String(n).padStart(2, '0');
  const make = (y: number, m: number, d: number) => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : undefined;
  };
  for (const f of DATE_FORMS) {
    const m = f.re.exec(v);
    if (!m) continue;
    const month = /^\d+$/.test(m[f.m]!) ? Number(m[f.m]) : MONTHS.findIndex((x) => x.startsWith(m[f.m]!.toLowerCase().slice(0, 3))) + 1;
    return make(Number(m[f.y]), month, Number(m[f.d]));
  }
  const slash = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(v);
  if (slash) {
    const [a, b, y] = [Number(slash[1]), Number(slash[2]), Number(slash[3])];
    if (a > 12) return make(y, b, a);
    if (b > 12) return make(y, a, b);
  }
  return undefined;
}

/** The ways a lawyer writes a date in prose (the notes may write it in any of the forms above). */
function dateForms(value: string): string[] {
  const iso = isoDate(value);
  if (!iso) return [];
  const [y, mm, dd] = iso.split('-') as [string, string, string];
  const d = Number(dd);
  const month = MONTHS[Number(mm) - 1];
  if (!month) return [];
  const mon = month.slice(0, 3);
  const ord = `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;
  return [
    iso, `${dd}/${mm}/${y}`, `${mm}/${dd}/${y}`, `${d}/${Number(mm)}/${y}`, `${Number(mm)}/${d}/${y}`, `${dd}.${mm}.${y}`,
    `${d} ${month}`, `${ord} ${month}`, `${month} ${d}`, `${month} ${ord}`, `${d} ${mon}`, `${mon} ${d}`, `the ${ord} of ${month}`,
  ];
}

/** Amounts of 1,000 or more in a private value, leaving out what reads as a year (a bare 1900-2100). */
function amountsOf(value: string): number[] {
  return amountsIn(value)
    .filter((a) => a.value >= 1000 && !(/^\d{4}$/.test(value.slice(a.start, a.end).trim()) && a.value >= 1900 && a.value <= 2100))
    .map((a) => a.value);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

/** What to look for of each private fact: the amounts it holds, or its text (a date in every
 *  form a lawyer writes it), as patterns. Made once per notes model: a draft is searched chunk by
 *  chunk and keystroke by keystroke with the same notes, and a pattern per form and chunk cost
 *  hundreds of compilations per analysis. */
const searches = new WeakMap<NotesModel, { fact: Fact; numbers: number[]; needles: { re: RegExp; how: string }[] }[]>();

function searchesOf(model: NotesModel): { fact: Fact; numbers: number[]; needles: { re: RegExp; how: string }[] }[] {
  let list = searches.get(model);
  if (!list) {
    list = facts(model).map((fact) => {
      const dates = dateForms(fact.value);
      // The amounts a private value holds, bare ("212000") or in prose ("95,000 EUR per year",
      // "Crestline at 180k"): each is looked for within 5%. A year ("the 2025 survey") is not one.
      const numbers = dates.length > 0 ? [] : amountsOf(fact.value);
      const texts = numbers.length > 0 ? [] : dates.length > 0 ? dates : fact.value.length >= 8 ? [fact.value] : [];
      const needles = texts.map((needle) => ({
        re: new RegExp(`(?<![\\w])${escape(needle)}(?![\\w])`, 'gi'),
        how: dates.length > 0 && needle !== fact.value ? ' (the same date)' : '',
      }));
      return { fact, numbers, needles };
    });
    searches.set(model, list);
  }
  return list;
}

/** Private facts of the notes found in a draft's prose (`masked`), with the sentences to cut. */
export function findLeaks(text: string, masked: string, model: NotesModel, sentenceAt: (o: number) => Span | undefined): Leak[] {
  const out: Leak[] = [];
  const amounts = amountsIn(masked);
  const seen = new Set<string>();
  const report = (start: number, end: number, fact: Fact, how: string) => {
    const key = `${start}:${end}`;
    if (seen.has(key)) return;
    const sentence = sentenceAt(start);
    if (!sentence) return;
    seen.add(key);
    const removal = sentenceRemovalRange(text, sentence);
    out.push({
      start,
      end,
      message: `“${text.slice(start, end)}” reveals our private ${fact.label}${how} from the negotiation notes; remove it before this goes out.`,
      fixes: [{ title: 'Remove the sentence', edits: [{ start: removal.start, end: removal.end, newText: '' }], preferred: true }],
      related: { start: fact.at.start, end: fact.at.end, message: `The private ${fact.label} in the negotiation notes` },
    });
  };
  for (const { fact, numbers, needles } of searchesOf(model)) {
    if (numbers.length > 0) {
      for (const number of numbers) {
        for (const a of amounts) {
          if (Math.abs(a.value - number) <= number * TOLERANCE) report(a.start, a.end, fact, a.value === number ? '' : ' (within 5%)');
        }
      }
      continue;
    }
    for (const { re, how } of needles) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(masked)) !== null) report(m.index, m.index + m[0].length, fact, how);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
