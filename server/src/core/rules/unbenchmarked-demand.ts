// unbenchmarked-demand: our side asks for or insists on a term with nothing objective behind it.
// A position framed as preference invites a contest of will; the same ask tied to market
// practice, comparable deals, law, policy or a survey is easier for the other side to accept and
// to justify internally.

import { STANDARDS } from '../markers';
import { compilePhrases, test } from '../phrases';
import type { Rule } from '../rule';
import { insertionPoint } from '../text';
import type { RawFinding } from '../types';
import { phraseMatches } from './shared';

export const DEMANDS = compilePhrases([
  "(we|i) (must|need to|have to) (have|get|receive|see|insist)",
  '(we|i) (need|require|want|expect|demand|insist on|insist upon) (a|an|the|your|at least|no less than|no more than|full|all|every|\\d|\\$|€|£)',
  "(we|i) (would like|'d like|want|need) (to see|to receive|to get|you to) (a|an|the|your|at least|no|\\d|\\$|€|£|reduce|lower|increase|pay|accept|cap|extend|drop|remove|cut|agree|provide)",
  "(we|i) (insist|demand|require) that",
  '(we|i) (are|am) (asking|looking) for (a|an|the|at least|\\d|\\$|€|£)',
  "(we|i) (can't|cannot|won't|will not) accept (anything|less|more|a|an|any)",
  '(our|my) (position|requirement|demand|ask|minimum|price) is',
  'you (must|need to|have to|will have to|should) (reduce|lower|increase|raise|pay|accept|cap|extend|drop|remove|cut|agree|provide|give|waive|improve)',
  '(we|i) (propose|counter with|counter at|counter-propose|counterpropose) (a|an|the|that|\\d|\\$|€|£)',
  '(the|our|my) (price|fee|rate|rent|cap|deposit) (must|has to|needs to|should) be',
]);

/** A demand is about a term: an amount, a period or a commercial word somewhere in the sentence. */
const TERM = compilePhrases([
  '(\\$|€|£)\\s?\\d', '\\d[\\d,.]*\\s?(%|percent|per cent|k|m|million|thousand|dollars|euros|pounds|usd|eur|gbp|days|weeks|months|years)',
  'price', 'prices', 'pricing', 'fee', 'fees', 'rate', 'rates', 'cap', 'discount', 'payment', 'payments', 'deposit', 'rent',
  'royalty', 'royalties', 'salary', 'warranty', 'warranties', 'liability', 'indemnity', 'indemnification', 'term', 'terms',
  'termination', 'exclusivity', 'penalty', 'penalties', 'interest', 'commission', 'budget', 'credit', 'credits', 'refund',
  'net-\\d+', 'notice period', 'service levels', 'sla', 'uptime', 'deadline', 'delivery', 'volume', 'minimum',
  '\\d+', 'all', 'more', 'extra',
]);

const DEFAULT_STANDARD = 'consistent with market practice for comparable transactions';

export const unbenchmarkedDemand: Rule = {
  id: 'unbenchmarked-demand',
  defaultSeverity: 'warning',
  description: 'A demand by our side with no objective standard (market practice, comparable deals, law, policy, a survey, prior dealings) behind it.',
  principle:
    'Ask on the strength of an outside standard, not of preference. A benchmark makes the request look reasonable, reduces conflict, and gives the other side a reason it can repeat internally.',
  example: {
    before: 'We need a liability cap of 12 months of fees.',
    after: 'We need a liability cap of 12 months of fees, consistent with market practice for comparable transactions.',
  },
  appliesTo: ['markdown', 'plaintext', 'contract'],
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<number>();
    const benchmarks = (ctx.options.benchmarks ?? []).map((b) => b.trim()).filter(Boolean).slice(0, 5);
    for (const m of phraseMatches(ctx, DEMANDS, 'demand')) {
      const s = m.sentence;
      if (seen.has(s.start)) continue;
      // The term must be what is demanded: after the demand, or before it for "we need" forms
      // ("a cap of 12 months is what we need"); "you must pay it promptly" names no term.
      const after = test(TERM, ctx.seg.masked, m.end, s.end);
      const before = !/^you\b/i.test(m.text) && test(TERM, ctx.seg.masked, s.start, m.start);
      if (!after && !before && !m.configured) continue;
      if (test(STANDARDS, ctx.seg.masked, s.start, s.end)) continue;
      seen.add(s.start);
      const at = insertionPoint(ctx.text, s);
      const fixes = benchmarks.map((b, i) => ({
        title: `Cite a standard: “…, in line with ${b}”`,
        edits: [{ start: at, end: at, newText: `, in line with ${b}` }],
        preferred: i === 0,
      }));
      fixes.push({
        title: `Cite a standard: “…, ${DEFAULT_STANDARD}”`,
        edits: [{ start: at, end: at, newText: `, ${DEFAULT_STANDARD}` }],
        preferred: benchmarks.length === 0,
      });
      fixes.push({
        title: 'Cite a standard: “…, in line with the industry standard for this type of agreement”',
        edits: [{ start: at, end: at, newText: ', in line with the industry standard for this type of agreement' }],
        preferred: false,
      });
      out.push({
        start: m.start,
        end: m.end,
        message: `“${ctx.text.slice(m.start, m.end)}” states a demand with no objective standard behind it; cite market practice, a comparable deal, law or policy.`,
        fixes,
      });
    }
    return out;
  },
};
