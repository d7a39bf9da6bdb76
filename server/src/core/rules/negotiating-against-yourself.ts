// negotiating-against-yourself (single-message form): one message makes an offer and improves it
// before the other side has answered ("120,000, or we could go to 110,000"). Silence is not a
// rejection; the second, better offer is a concession nobody asked for.

import { compilePhrases } from '../phrases';
import type { Rule } from '../rule';
import { insertionPoint } from '../text';
import type { RawFinding } from '../types';
import { matchesWithSentence } from './shared';

export const SECOND_OFFER = compilePhrases([
  '(or|and) (even |perhaps |maybe |possibly )?(we|i) (could|can|might|would) (go|come|drop|move|stretch|settle) (to|down|up|as low as|as high as|lower|higher|further)',
  // "and I could take 2 firewood" is the other half of one proposal, not a better offer: only "or",
  // or "and" with a hedge, introduces an improvement.
  '(or|and even|and perhaps|and maybe|and possibly) (even |perhaps |maybe |possibly )?(we|i) (could|can|might|would) (offer|accept|do|pay|consider) (\\d|\\$|€|£|a lower|a higher|less|more|even)',
  "(or|and) if (that's|that is|this is|it's|it is) (too|not) (much|high|low|enough|expensive|steep|acceptable|workable)",
  'if (that|this|it) (does not|doesn\'t|won\'t|will not) work( for you)?,? (we|i) (could|can|might|would|are willing to|are prepared to)',
  'failing that,? (we|i) (could|can|might|would)',
  '(we|i) (could|can|might) (even|also) (go|come|drop|move|stretch) (to|down|up|lower|higher|further)',
  '(or|and) (even|perhaps|maybe) (lower|less|higher|more|down to|up to)',
  "(we're|we are|i'm|i am) (also )?(willing|prepared|happy) to (go|come|drop|move|stretch) (lower|higher|further|down|up) (if|should) (needed|necessary|required|you)",
  'if (needed|necessary|required),? (we|i) (could|can|might|would) (go|come|drop|move|stretch|offer|accept)',
]);

const QUESTION = 'Which part of the proposal is difficult for you?';

export const negotiatingAgainstYourself: Rule = {
  id: 'negotiating-against-yourself',
  defaultSeverity: 'warning',
  description: 'One message improves its own offer before the other side has answered ("or we could go to ...").',
  principle:
    'Make an offer and let the other side answer. Improving it unprompted is a concession nobody asked for; ask what makes the proposal difficult instead.',
  example: {
    before: 'We propose 120,000, or we could go to 110,000.',
    after: 'We propose 120,000. Which part of the proposal is difficult for you?',
  },
  appliesTo: ['markdown', 'plaintext', 'contract'],
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<number>();
    for (const m of matchesWithSentence(ctx, SECOND_OFFER)) {
      if (seen.has(m.sentence.start)) continue;
      seen.add(m.sentence.start);
      // Replace the improvement, from its start (and the comma or space before it) to the end of
      // the sentence, with the question.
      let cut = m.start;
      while (cut > m.sentence.start && /[\s,;—–-]/.test(ctx.text[cut - 1]!)) cut--;
      const startsSentence = cut === m.sentence.start;
      // The improvement is deleted up to the sentence's final punctuation, which stays; the
      // question follows the sentence. Text another fix appends before the full stop (a
      // benchmark) is then neither overlapped nor removed.
      const ip = insertionPoint(ctx.text, m.sentence);
      const closing = ip < m.sentence.end ? '' : '.';
      const fixes = startsSentence
        ? [{ title: `Ask instead: “${QUESTION}”`, edits: [{ start: m.sentence.start, end: m.sentence.end, newText: QUESTION }], preferred: true }]
        : [
            {
              title: `Ask instead: “${QUESTION}”`,
              edits: [
                { start: cut, end: ip, newText: closing },
                { start: m.sentence.end, end: m.sentence.end, newText: ` ${QUESTION}` },
              ],
              preferred: true,
            },
            { title: 'Remove the second offer', edits: [{ start: cut, end: ip, newText: closing }] },
          ];
      out.push({
        start: m.start,
        end: m.end,
        message: `“${ctx.text.slice(m.start, m.end)}” improves our own offer before the other side has answered; wait for their response.`,
        fixes,
      });
    }
    return out;
  },
};
