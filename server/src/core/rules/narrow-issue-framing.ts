// narrow-issue-framing: a message that negotiates a single issue (usually price) and no other
// tradeable term. One dominant issue favours the stronger party; every extra issue on the table
// (timing, payment structure, scope, warranties, liability, term, exclusivity, support ...) is a
// new chance to trade value.
//
// Document-level: one finding, anchored at the first mention of the only issue. A contract that
// covers many terms never fires, which keeps standard forms quiet.

import { compilePhrases, test } from '../phrases';
import type { Rule } from '../rule';
import type { RawFinding } from '../types';

interface Category {
  name: string;
  /** How the fix names it when suggesting it. */
  suggestion: string;
  re: RegExp;
}

const CATEGORIES: Category[] = [
  { name: 'price', suggestion: 'the overall price', re: compilePhrases(['price', 'prices', 'pricing', 'fee', 'fees', 'cost', 'costs', 'rate', 'rates', 'discount', 'discounts', 'rent', 'quote', 'budget', 'salary', '(\\$|€|£)\\s?\\d', '\\d[\\d,.]*\\s?(dollars|euros|pounds|usd|eur|gbp|k)']) },
  { name: 'payment', suggestion: 'the payment schedule', re: compilePhrases(['payment terms', 'payment schedule', 'payment structure', 'instalment', 'instalments', 'installment', 'installments', 'net-\\d+', 'net \\d+', 'upfront', 'up-front', 'deposit', 'milestone payments', 'invoicing', 'invoice', 'invoices', 'payment plan']) },
  { name: 'timing', suggestion: 'the delivery timeline', re: compilePhrases(['timeline', 'timing', 'schedule', 'delivery date', 'delivery', 'start date', 'milestones', 'milestone', 'lead time', 'completion date', 'go-live', 'deadline']) },
  { name: 'scope', suggestion: 'the scope of services', re: compilePhrases(['scope', 'deliverables', 'deliverable', 'specification', 'specifications', 'volume', 'volumes', 'quantity', 'quantities', 'seats', 'licences', 'licenses']) },
  { name: 'warranties', suggestion: 'the warranty period', re: compilePhrases(['warranty', 'warranties', 'guarantee', 'guarantees', 'representations']) },
  { name: 'liability', suggestion: 'the liability cap', re: compilePhrases(['liability', 'liabilities', 'indemnity', 'indemnities', 'indemnification', 'indemnify', 'insurance', 'limitation of liability']) },
  { name: 'term', suggestion: 'the term and termination rights', re: compilePhrases(['term of', 'initial term', 'renewal', 'renew', 'termination', 'terminate', 'notice period', 'duration', 'minimum term', 'commitment period']) },
  { name: 'exclusivity', suggestion: 'exclusivity', re: compilePhrases(['exclusivity', 'exclusive', 'non-compete', 'non-solicitation']) },
  { name: 'support', suggestion: 'support and service levels', re: compilePhrases(['support', 'maintenance', 'training', 'service level', 'service levels', 'sla', 'uptime', 'onboarding', 'transition']) },
  { name: 'confidentiality', suggestion: 'confidentiality', re: compilePhrases(['confidentiality', 'confidential', 'non-disclosure', 'nda']) },
  { name: 'disputes', suggestion: 'dispute resolution', re: compilePhrases(['dispute', 'disputes', 'arbitration', 'mediation', 'governing law', 'jurisdiction']) },
  { name: 'ip', suggestion: 'intellectual property rights', re: compilePhrases(['intellectual property', 'ip rights', 'ownership', 'licence', 'license', 'royalty', 'royalties']) },
];

/** Words that show the text is negotiating, not just describing. */
const NEGOTIATING = compilePhrases([
  // Not "agree" or "accept": agreeing to one point is not negotiating only that point.
  'offer', 'offers', 'offered', 'propose', 'proposed', 'proposal', 'counter', 'counteroffer', 'counter-offer', 'reduce', 'lower', 'come down', 'meet in the middle', 'meet halfway', 'best and final', 'negotiate',
  'negotiation', 'too high', 'too low', 'can you do', 'would you consider', 'willing to',
]);

/** All categories in one pattern, one capturing group each: one pass finds the first of each. */
const ALL_CATEGORIES = new RegExp(CATEGORIES.map((c) => `(${c.re.source.replace(/(?<!\\)\((?!\?)/g, '(?:')})`).join('|'), 'gi');

export const narrowIssueFraming: Rule = {
  id: 'narrow-issue-framing',
  defaultSeverity: 'warning',
  description: 'A message that negotiates one issue (usually price) and puts no other tradeable term on the table.',
  principle:
    'Widen the field. A single issue turns the negotiation into a contest the stronger side wins; timing, payment structure, scope, warranties, liability or term give both sides room to trade.',
  example: {
    before: 'Our offer is 90,000 and we cannot go higher on price.',
    after: 'Our offer is 90,000 and we cannot go higher on price. We would also like to discuss the payment schedule, the delivery timeline and the warranty period.',
  },
  appliesTo: ['markdown', 'plaintext'],
  judgesWholeDocument: true,
  check: () => [],
  collect(ctx): Collected {
    const masked = ctx.seg.masked;
    const first: Collected['first'] = {};
    let found = 0;
    ALL_CATEGORIES.lastIndex = 0;
    let m: RegExpExecArray | null;
    // Two categories are enough to know the document is not narrow: stop there (the usual case).
    while (found < 2 && (m = ALL_CATEGORIES.exec(masked)) !== null) {
      const i = m.findIndex((g, k) => k > 0 && g !== undefined) - 1;
      const name = CATEGORIES[i]!.name;
      if (first[name]) continue;
      const sentence = ctx.sentenceAt(m.index);
      if (!sentence) continue;
      first[name] = { start: m.index, end: m.index + m[0].length, sentenceEnd: sentence.end };
      found++;
    }
    return { negotiating: found < 2 && test(NEGOTIATING, masked, 0, masked.length), first };
  },
  conclude(parts) {
    let negotiating = false;
    const first = new Map<string, { start: number; end: number; sentenceEnd: number }>();
    for (const { offset, data } of parts) {
      const d = data as Collected;
      negotiating ||= d.negotiating;
      for (const [name, at] of Object.entries(d.first)) {
        if (!first.has(name)) first.set(name, { start: at.start + offset, end: at.end + offset, sentenceEnd: at.sentenceEnd + offset });
      }
    }
    if (!negotiating || first.size !== 1) return [];
    const [name, only] = [...first][0]!;
    const category = CATEGORIES.find((c) => c.name === name)!;
    const others = CATEGORIES.filter((c) => c !== category && ['payment', 'timing', 'warranties', 'scope', 'liability'].includes(c.name)).slice(0, 3);
    const list = `${others[0]!.suggestion}, ${others[1]!.suggestion} and ${others[2]!.suggestion}`;
    const finding: RawFinding = {
      start: only.start,
      end: only.end,
      message: `This message negotiates only ${category.suggestion}; put other tradeable terms on the table so there is something to trade.`,
      fixes: [
        {
          title: `Add issues to trade: ${list}`,
          edits: [{ start: only.sentenceEnd, end: only.sentenceEnd, newText: ` We would also like to discuss ${list}.` }],
          preferred: true,
        },
      ],
    };
    return [finding];
  },
};

interface Collected {
  negotiating: boolean;
  /** The first mention of each category in this chunk, and the end of its sentence. */
  first: Record<string, { start: number; end: number; sentenceEnd: number }>;
}
