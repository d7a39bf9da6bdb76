// over-disclosure: outgoing text that reveals our urgency or deadline, our budget ceiling, that we
// have no alternative, internal pressure, or what we value most. Information is leverage: each of
// these tells the other side where to push and how long to wait.

import { compilePhrases } from '../phrases';
import type { Rule } from '../rule';
import { sentenceRemovalRange } from '../text';
import type { RawFinding } from '../types';
import { phraseMatches } from './shared';

export const DISCLOSURES = compilePhrases([
  // Urgency and deadlines.
  '(our|my) (deadline|hard deadline|internal deadline|cut-off|cutoff) is',
  '(we|i) (really |urgently |desperately )?(need|have|must) (to )?(close|sign|finalise|finalize|complete|wrap up|get this done|have this signed|have this done) (this|by|before|within|today|tomorrow|asap|as soon as|urgently|quickly|immediately)',
  "(we're|we are|i'm|i am) (under|facing) (a lot of |significant |real |huge |enormous |some )?(time pressure|pressure|a deadline|a tight deadline)",
  "(we're|we are|i'm|i am) running out of (time|runway|cash|money|options)",
  "(we|i) (urgently|desperately) need",
  'time is running out',
  "(we're|we are|i'm|i am) (desperate|in a hurry|in a rush)",
  // Budget ceilings.
  '(our|my) (budget|maximum|max|ceiling|limit|upper limit|walk-away|walkaway|walk away|bottom line|reserve) (is|was|for this|would be)',
  '(the most|the maximum|all) (we|i) (can|could) (pay|spend|afford|offer|stretch to|go to)',
  "(we|i) (can't|cannot|can not) (go|pay|spend|stretch) (above|beyond|over|higher than|more than)",
  '(we|i) (only )?(have|had) (a budget|budget) (of|for)',
  "(we|i) (can't|cannot) afford (to lose|to walk|to miss|more than|anything)",
  // No alternative.
  "(we|i) (have|'ve got|got) no (other|alternative|real) (option|options|choice|alternative|alternatives|supplier|suppliers|vendor|vendors|buyer|buyers|bidder|bidders)",
  "(we|i) (don't|do not) have (any )?(other|alternative|another) (option|options|choice|alternative|alternatives|supplier|suppliers|vendor|vendors|buyer|buyers|offer|offers)",
  '(you are|you\'re) (our|my) only (option|choice|hope|supplier|vendor|buyer|bidder)',
  '(this is|this deal is|it is) (our|my) only (option|choice|hope|way)',
  '(we|i) (have|had) nowhere else to go',
  '(we|i) (really |badly |desperately )?need this (deal|contract|agreement|to happen)',
  "(we|i) (can't|cannot) (afford to )?lose (this|the) (deal|contract|business|client|customer)",
  // Internal pressure.
  '(my|our) (boss|board|ceo|cfo|management|investors|manager|leadership|partners) (is|are) (pushing|pressing|pressuring|breathing|on my back|on our backs|insisting|demanding|impatient|nervous)',
  "(we've|we have|i've|i have) been (told|instructed|ordered) to (close|sign|get|accept)",
  // What we value most.
  '(the )?(most important|main|key|only) (thing|issue|point|priority|concern) for (us|me) is',
  '(what|all) (we|i) (really )?(care|value|want) (about )?most',
  "(we|i) (care|value) (most|more|the most) about",
  "(is|are|'s) (really |so |very |extremely |most |the most )?(important|crucial|critical|essential|vital) (to|for) (us(?!\\s+(both|all))|me)",
  "(is|are|it's) (my|our) (top|highest|first|main|biggest|number one) (priority|concern)",
  "(we|i) (really |badly |desperately |definitely )?need (a lot of|lots of|plenty of|extra)",
  '(we|i) (really|definitely|badly|truly|desperately) need',
  "(we|i)('m| am|'re| are) (going to|gonna) need",
  'need * to (survive|stay warm|stay afloat|keep going)',
  "(we|i) (would|'d) (pay|accept|give) anything",
]);

const NEUTRAL = 'We are prepared to move quickly once the remaining issues are resolved.';

export const overDisclosure: Rule = {
  id: 'over-disclosure',
  defaultSeverity: 'warning',
  description: 'Outgoing text that reveals our deadline or urgency, budget ceiling, lack of alternatives, internal pressure, or what we value most.',
  principle:
    'Information is leverage. Ask more than you tell: urgency, a budget limit or the absence of alternatives tells the other side exactly where to push and how long to wait.',
  example: {
    before: 'We need to sign this by Friday or we lose the quarter.',
    after: 'We are prepared to move quickly once the remaining issues are resolved.',
  },
  appliesTo: ['markdown', 'plaintext', 'contract'],
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<number>();
    for (const m of phraseMatches(ctx, DISCLOSURES, 'disclosure')) {
      if (seen.has(m.sentence.start)) continue;
      seen.add(m.sentence.start);
      const removal = sentenceRemovalRange(ctx.text, m.sentence);
      out.push({
        start: m.start,
        end: m.end,
        message: `“${ctx.text.slice(m.start, m.end)}” tells the other side about our urgency, limits or needs; keep that to yourself.`,
        fixes: [
          {
            title: `Replace the sentence with a neutral line: “${NEUTRAL}”`,
            edits: [{ start: m.sentence.start, end: m.sentence.end, newText: NEUTRAL }],
            preferred: true,
          },
          { title: 'Remove the sentence', edits: [{ start: removal.start, end: removal.end, newText: '' }] },
        ],
      });
    }
    return out;
  },
};
