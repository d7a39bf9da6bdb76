// hostile-tone: insults, contempt, threats and ultimatums. Firm is not hostile: a calm,
// prepared tone carries credibility, while aggression without leverage backfires.

import { compilePhrases } from '../phrases';
import type { Rule } from '../rule';
import { matchCase } from '../text';
import type { Fix, RawFinding } from '../types';
import { phraseMatches } from './shared';

/** Each phrase with a calmer wording that keeps the sentence's meaning where one exists. */
const CALMER: Record<string, string> = {
  ridiculous: 'difficult for us',
  absurd: 'difficult for us',
  ludicrous: 'difficult for us',
  laughable: 'well short of what we can accept',
  insulting: 'well short of what we expected',
  outrageous: 'difficult for us',
  'take it or leave it': 'this is our proposal',
  'a joke': 'not workable for us',
  'a waste of our time': 'not moving us forward',
  'a waste of my time': 'not moving us forward',
  'a waste of time': 'not moving us forward',
};

export const HOSTILE = compilePhrases([
  'take it or leave it', 'ridiculous', 'absurd', 'ludicrous', 'laughable', 'insulting', 'insult', 'outrageous',
  'pathetic', 'stupid', 'idiotic', 'idiot', 'idiots', 'moron', 'morons', 'incompetent', 'clown', 'clowns', 'greedy',
  'shameless', 'disgraceful', 'a joke', 'you people', 'shut up', 'see you in court', 'we will sue you',
  "we'll sue", 'sue you', 'you will regret', "you'll regret", 'last chance', 'final warning', 'who do you think you are',
  'a waste of our time', 'a waste of my time', 'a waste of time', 'are you serious', 'are you kidding', 'are you joking',
  'you must be joking', 'you must be kidding', 'how dare you', 'nonsense', 'rip-off', 'rip off', 'scam',
  "(you're|you are) (being )?(so )?(unreasonable|greedy|selfish)", "(you're|you are) not being (reasonable|fair)",
  'liar', 'lying', 'selfish', 'screw you', 'not a chance', 'shame on you', 'bullying', 'extortion',
]);

const CALM_LINE = 'This does not work for us as drafted. What would make it workable?';

export const hostileTone: Rule = {
  id: 'hostile-tone',
  defaultSeverity: 'information',
  description: 'Insults, contempt, threats or ultimatums such as "take it or leave it" or "ridiculous".',
  principle:
    'Firm does not mean hostile. A calm, prepared party earns credibility; contempt and ultimatums harden the other side and make it costly for them to move.',
  example: { before: 'This proposal is ridiculous.', after: 'This does not work for us as drafted. What would make it workable?' },
  appliesTo: ['markdown', 'plaintext', 'contract'],
  check(ctx) {
    const out: RawFinding[] = [];
    for (const m of phraseMatches(ctx, HOSTILE, 'hostile')) {
      const phrase = ctx.text.slice(m.start, m.end);
      const fixes: Fix[] = [];
      const calmer = CALMER[phrase.toLowerCase().replace(/\s+/g, ' ')];
      if (calmer) {
        fixes.push({ title: `Say it calmly: “${calmer}”`, edits: [{ start: m.start, end: m.end, newText: matchCase(calmer, phrase) }], preferred: true });
      }
      fixes.push({
        title: `Replace the sentence: “${CALM_LINE}”`,
        edits: [{ start: m.sentence.start, end: m.sentence.end, newText: CALM_LINE }],
        preferred: !calmer,
      });
      out.push({
        start: m.start,
        end: m.end,
        message: `“${phrase}” reads as hostile; a calm, firm line keeps credibility and leaves the other side room to move.`,
        fixes,
      });
    }
    return out;
  },
};
