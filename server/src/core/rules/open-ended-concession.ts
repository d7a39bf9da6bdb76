// open-ended-concession: a concession with no limit ("we are flexible on everything", "whatever
// you need"). Near closing this is where leverage built over weeks is given away at once; a final
// concession should be small, specific and tied to final agreement.

import { compilePhrases, test } from '../phrases';
import type { Rule } from '../rule';
import { insertionPoint } from '../text';
import type { RawFinding } from '../types';
import { matchesWithSentence } from './shared';

export const OPEN_ENDED = compilePhrases([
  "(we're|we are|i'm|i am) (flexible|open|easy) (on|about|with|to) (everything|anything|all of it|all terms|any terms|whatever)",
  "(we're|we are|i'm|i am) (completely|totally|fully|very) (flexible|open)",
  '(we|i) (can|could|will|would) (be )?flexible (on|about) (everything|anything|all)',
  "(we|i)('ll| will| would| can| could) (do|accept|agree to|sign|give you) (whatever|anything)",
  "(we|i)('ll| will| would| can| could) (agree|accept) to (anything|whatever|any terms)",
  'whatever (you need|you want|it takes|you think is fair|you prefer|works for you|you decide)',
  'anything you (need|want|like|ask)',
  'name your price',
  'any terms you',
  '(just|simply) tell us what you (need|want)',
  '(we|i) (don\'t|do not) mind (what|whatever|anything)',
  'no matter (what|the cost|the price)',
  '(we|i) (can|will) (work|live) with (anything|whatever)',
  'at any (price|cost)',
  'on (any|whatever) terms',
]);

/** A limit or a tie to final agreement closes an open-ended concession. */
const LIMITED = compilePhrases([
  'conditional on', 'conditional upon', 'final agreement', 'no further', 'provided that', 'subject to', 'in exchange for',
  'in return', 'as long as', 'so long as', 'on condition that', 'except', 'other than', 'up to', 'limited to', 'within',
  'only if', 'if you', 'if we', 'if the', 'as part of',
]);

const TIE = ', conditional on final agreement on all remaining terms and no further material changes';

export const openEndedConcession: Rule = {
  id: 'open-ended-concession',
  defaultSeverity: 'warning',
  description: 'A concession with no limit, such as "we are flexible on everything" or "whatever you need".',
  principle:
    'Final concessions should be small, specific and reciprocal. An unlimited offer invites the other side to take everything, just when the most valuable terms are being settled.',
  example: {
    before: 'We are flexible on everything.',
    after: 'We are flexible on everything, conditional on final agreement on all remaining terms and no further material changes.',
  },
  appliesTo: ['markdown', 'plaintext', 'contract'],
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<number>();
    for (const m of matchesWithSentence(ctx, OPEN_ENDED)) {
      if (seen.has(m.sentence.start)) continue;
      // "Is there anything you need?" asks; it gives nothing.
      if (/\?["'’”)]*$/.test(ctx.text.slice(m.sentence.start, m.sentence.end))) continue;
      if (test(LIMITED, ctx.seg.masked, m.sentence.start, m.sentence.end)) continue;
      seen.add(m.sentence.start);
      const at = insertionPoint(ctx.text, m.sentence);
      out.push({
        start: m.start,
        end: m.end,
        message: `“${ctx.text.slice(m.start, m.end)}” offers movement without limit; tie any final concession to final agreement.`,
        fixes: [
          { title: 'Tie it to final agreement on all remaining terms', edits: [{ start: at, end: at, newText: TIE }], preferred: true },
          {
            title: 'Limit it to this point, in return for closing',
            edits: [{ start: at, end: at, newText: ', provided that this closes the remaining points with no further material changes' }],
          },
        ],
      });
    }
    return out;
  },
};
