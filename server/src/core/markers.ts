// Phrase families shared by several rules: what turns a concession into a trade, and what makes a
// demand a benchmarked one.

import { compilePhrases } from './phrases';

/** A condition or exchange in the sentence turns a concession into a trade. */
export const CONDITIONS = compilePhrases([
  'if', 'only if', 'provided that', 'provided', 'providing that', 'subject to', 'in exchange for', 'in exchange',
  'in return', 'in return for', 'as long as', 'so long as', 'on condition that', 'on the condition that',
  'conditional on', 'conditional upon', 'contingent on', 'contingent upon', 'in consideration of', 'in turn',
  'on the basis that', 'assuming', 'unless', 'once you', 'once we receive', 'when you', 'as part of a package',
  'as part of the overall package', 'as part of an overall', 'in light of your', 'on the understanding that',
  'but we would need', 'but we will need', 'but we need', 'but would need', 'but we would ask', 'but we ask',
  'but in return', 'would need in return', 'we would then need', 'trade', 'tied to', 'linked to',
  'for (\\d+|one|two|three|all|some|more|extra|both)',
]);

/** Asking for something back, said in so many words: "I'd need the firewood", "you give us Net-15",
 *  "can we keep the deposit". Checked in the concession's sentence (outside the concession itself)
 *  and in the sentences right before and after it, where a trade's other half usually sits. */
export const GETS = compilePhrases([
  "(we|i)( would|'d| will|'ll| can| could)? (take|get|keep|have|need|want|require|would like|'d like|prefer|would prefer) (\\d|one|two|three|all|the|both|a|an|some|more|extra|at least|your|in return|to take|to get|to keep|to have)",
  "(we|i)('ll| will) be (getting|taking|keeping|having)",
  '(for|leaves|leaving) (me|us) with',
  '(\\d+|one|two|three|all|both) [a-z]+ (and [a-z0-9]+ [a-z]+ )?for (me|us)',
  '(me|us) (taking|getting|keeping|having)',
  'gonna need',
  "(we|i) (should|may|might|must|will|would|could|can) (get|have(?!\\s+to)|take|keep|need)",
  '(allow|let) (me|us) (to )?(get|have|take|keep)',
  '(hoping|hope|hoped|want|wanted) to (get|have|take|keep)',
  'for (the|your) \\d',
  '(actually|definitely|also|still|really) need',
  'would love to (take|get|have|keep)',
  'to get (the|a|an|\\d|some|more|all|your)',
  'but then',
  '(can|could|may) (i|we) (have|get|take|keep|ask)',
  'you (give|let|send|provide|pay|grant|offer) (me|us)',
  'giving (me|us)',
  'give (me|us)',
  'let (me|us) (have|keep|take|get)',
  "(i|we)('d| would| will|'ll|'m going to|'re going to)? (really |also |still |just |do )?need",
]);

/** Openers of a following sentence that attach an exchange to the previous one ("In return, ..."). */
export const FOLLOWING_EXCHANGE = /^["'“‘(\s]*(in return|in exchange|in turn|on that basis|provided|on condition|subject to|as long as|if|but|however,? we (?:would|will|need|ask))\b/i;

/** An objective standard in the sentence makes a demand benchmarked. */
export const STANDARDS = compilePhrases([
  'market practice', 'market standard', 'market rate', 'market rates', 'market terms', 'market norm', 'market norms',
  'market value', 'fair market', 'current market', 'the market', 'comparable', 'comparables', 'similar deals',
  'similar transactions', 'similar agreements', 'industry standard', 'industry standards', 'industry practice',
  'industry norm', 'industry norms', 'industry benchmark', 'industry average', 'benchmark', 'benchmarks', 'benchmarked',
  'statute', 'statutory', 'regulation', 'regulations', 'regulatory', 'required by law', 'under the law', 'applicable law',
  'the law requires', 'legally required', 'gdpr', 'act of', 'code of practice', 'policy', 'policies', 'guideline',
  'guidelines', 'survey', 'published', 'index', 'cpi', 'inflation', 'appraisal', 'valuation', 'independent',
  'expert', 'prior dealings', 'previous dealings', 'course of dealing', 'prior agreement', 'previous agreement',
  'our last agreement', 'last year', "last year's", 'we agreed previously', 'precedent', 'customary', 'as is standard',
  'standard practice', 'standard terms', 'consistent with', 'in line with', 'in keeping with', 'generally accepted',
  'gaap', 'ifrs', 'iso', 'accounting principles', 'quote from', 'quotes from', 'other suppliers', 'other vendors',
  'other bidders', 'competitors', 'competitive', 'average', 'median', 'typical', 'typically', 'usual', 'norm',
]);
