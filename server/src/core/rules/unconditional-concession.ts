// unconditional-concession: our side gives, accepts or waives something and asks for nothing in
// return in the same sentence. Every concession given for free teaches the other side that
// pressure works; tying it to a counter-ask turns it into a trade.
//
// Only first-person statements ("we", "I") are ours: contract boilerplate ("Each party shall ...",
// "The Customer agrees that ...") is not a concession in a letter, and must not light up the page.

import { compilePhrases, test } from '../phrases';
import type { Rule } from '../rule';
import { insertionPoint, matchCase } from '../text';
import type { Fix, RawFinding } from '../types';
import { OPEN_ENDED } from './open-ended-concession';
import { GENERIC_ASKS, isConditional, matchesWithSentence, phraseMatches, tradeables } from './shared';

const WE = '(we|i)';
/** "we can", "I could", "we'll", "I'd". */
const WE_MODAL = "(we|i)(\\s+(can|could|will|would|shall|may)|'ll|'d)";

export const CONCESSIONS = compilePhrases([
  `${WE_MODAL} (agree to|agree with|accept|live with|waive|drop|concede|give up|withdraw|remove|delete|go along with|absorb|cover|take on|throw in|accommodate|do that|do this|make that work|make it work|let you have)`,
  `${WE_MODAL} (also|just|simply|happily|certainly|definitely) (agree to|accept|waive|drop|concede|give up|withdraw|absorb|throw in)`,
  `${WE_MODAL} (reduce|lower|cut|drop|waive|discount) (our|the|my) (price|fee|fees|rate|rates|charges|deposit|rent|asking price|offer)`,
  `${WE_MODAL} (extend|increase|raise) (the|our|my) (warranty|payment|credit|deadline|term|cap|limit|discount)`,
  `${WE_MODAL} give you`,
  `${WE} (agree to|accept|waive|concede|withdraw) (your|the|that|this|these|those|it|all|a)`,
  `${WE} (hereby )?(waive|concede|give up|drop) (our|my|any|all|the)`,
  `${WE} (agree|are willing|are prepared|are happy|am happy|am willing) to (waive|drop|withdraw|concede|give up|absorb|cover|reduce|lower|extend)`,
  `(we're|we are|i'm|i am) (happy|willing|prepared|fine|ok|okay|content|glad|able|more than happy) to (agree|accept|waive|drop|concede|give up|withdraw|remove|go along|absorb|cover|extend|reduce|lower|let you|give you)`,
  `${WE} (have|has) no (objection|problem|issue|issues) (to|with)`,
  "(we|i)('d| would) be (happy|willing|prepared|glad|fine) to (give|let you|give up|part with|agree|accept|waive|drop|offer)",
  "(we|i)('m| am|'re| are) (fine|ok|okay|happy) with (you|your) (having|getting|taking|keeping)",
  `${WE} (don't|do not) (mind|object to)`,
  "(that's|that is|this is|that would be) (fine|ok|okay|acceptable|agreeable) (with|for|by|to) (us|me)",
  '(that|this) works for (us|me)',
  'you can have (it|that|this|all|the|them|those|these|my|our)',
  'you can (keep|take) (it|all|the|them)',
  "(we|i) (don't|do not) (really )?need (the|any|it|them)",
]);

const partyPatterns = new Map<string, RegExp>();

/** With the notes saying who we are ("we: Supplier"), a clause where that party waives, releases,
 *  grants irrevocably or without limit, or bears all costs is our concession, though written in the
 *  third person; the same clause for the other party is theirs and stays quiet. The party name is
 *  data from the notes: it is escaped, never read as a pattern. */
function partyConcessions(we: string | undefined): RegExp | undefined {
  const name = we?.trim();
  if (!name || name.length > 80) return undefined;
  let re = partyPatterns.get(name);
  if (!re) {
    const party = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    re = new RegExp(
      `\\b(?:the\\s+)?${party}\\s+(?:hereby\\s+)?(?:irrevocably\\s+|unconditionally\\s+)?(?:waives|releases|shall\\s+waive|shall\\s+release|agrees\\s+to\\s+waive|shall\\s+bear\\s+all|bears\\s+all|shall\\s+be\\s+responsible\\s+for\\s+all|assumes\\s+all|irrevocably\\s+grants|grants\\s+(?=[^.;]{0,80}?(?:irrevocabl|perpetual|unlimited|without\\s+limit)))`,
      'gi',
    );
    if (partyPatterns.size > 50) partyPatterns.clear();
    partyPatterns.set(name, re);
  }
  return re;
}

/** The wording that reads as the minimal conditional form of a concession verb. */
function softened(trigger: string): { from: number; to: number; text: string } | undefined {
  const m = /\b(can|could|will|would|shall|may)(\s+)(agree to)\b/i.exec(trigger);
  if (m) {
    const at = m.index + m[1]!.length + m[2]!.length;
    return { from: at, to: at + m[3]!.length, text: 'consider' };
  }
  const direct = /^(we|i)(\s+)(agree to|accept)\b/i.exec(trigger);
  if (direct) {
    const at = direct[1]!.length + direct[2]!.length;
    const verb = direct[3]!.toLowerCase() === 'accept' ? 'could accept' : 'can consider';
    return { from: at, to: at + direct[3]!.length, text: verb };
  }
  return undefined;
}

export const unconditionalConcession: Rule = {
  id: 'unconditional-concession',
  defaultSeverity: 'warning',
  description: 'A concession by our side that asks for nothing in return in the same sentence.',
  principle:
    'Never give something for nothing. A concession with no counter-ask teaches the other side that pressure works; attaching each movement to something in return keeps every term valuable.',
  example: { before: 'We can agree to that.', after: 'We can consider that if the payment terms are adjusted.' },
  appliesTo: ['markdown', 'plaintext', 'contract'],
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<number>();
    const party = partyConcessions(ctx.options.parties?.we);
    const matches = party ? [...phraseMatches(ctx, CONCESSIONS, 'concession'), ...matchesWithSentence(ctx, party)] : phraseMatches(ctx, CONCESSIONS, 'concession');
    for (const m of matches) {
      if (seen.has(m.sentence.start)) continue;
      if (isConditional(ctx, m.sentence, m.start, m.end)) continue;
      // The open-ended form is reported by its own rule, with a fix that fits it.
      if (test(OPEN_ENDED, ctx.seg.masked, m.sentence.start, m.sentence.end)) continue;
      seen.add(m.sentence.start);
      out.push({
        start: m.start,
        end: m.end,
        message: `“${ctx.text.slice(m.start, m.end)}” gives ground without asking for anything in return; make it a trade.`,
        fixes: [...fixes(ctx.text, m, tradeables(ctx.options)), ...templateFixes(ctx.text, m.sentence, ctx.options.templates?.concession, tradeables(ctx.options))],
      });
    }
    return out;
  },
};

/** The firm's own reciprocal wording replaces the sentence: `{ask}` becomes the counter-ask. */
function templateFixes(text: string, sentence: { start: number; end: number }, templates: unknown[] | undefined, asks: string[]): Fix[] {
  const ask = asks[0] ?? GENERIC_ASKS[0]!;
  return (templates ?? [])
    .filter((t): t is string => typeof t === 'string' && t.trim().length > 0)
    .slice(0, 5)
    .map((t) => {
      const wording = t.trim().replace(/\{ask\}/g, ask);
      return { title: `Use the playbook's wording: “${wording}”`, edits: [{ start: sentence.start, end: sentence.end, newText: wording }] };
    });
}

function fixes(
  text: string,
  m: { start: number; end: number; sentence: { start: number; end: number } },
  asks: string[],
): Fix[] {
  const at = insertionPoint(text, m.sentence);
  const out: Fix[] = [];
  const soft = softened(text.slice(m.start, m.end));
  const firstAsk = asks.length > 0 ? `we also agree on ${asks[0]}` : GENERIC_ASKS[0]!;
  const softEdit = soft
    ? [{ start: m.start + soft.from, end: m.start + soft.to, newText: matchCase(soft.text, text.slice(m.start + soft.from)) }]
    : [];
  out.push({
    title: `Make it a trade: “… if ${firstAsk}”`,
    edits: [...softEdit, { start: at, end: at, newText: ` if ${firstAsk}` }],
    preferred: true,
  });
  out.push({
    title: `Make it a trade: “…, provided that ${firstAsk}”`,
    edits: [{ start: at, end: at, newText: `, provided that ${firstAsk}` }],
  });
  for (const ask of asks) {
    out.push({ title: `Ask in return: “… in exchange for ${ask}”`, edits: [{ start: at, end: at, newText: ` in exchange for ${ask}` }] });
  }
  if (asks.length === 0) {
    for (const ask of GENERIC_ASKS.slice(1)) {
      out.push({ title: `Make it a trade: “… if ${ask}”`, edits: [{ start: at, end: at, newText: ` if ${ask}` }] });
    }
  }
  return out;
}
