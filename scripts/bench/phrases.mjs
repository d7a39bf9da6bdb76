// The single-regex baseline: one case-insensitive regex alternating ~330 negotiation and legal
// phrases, `\b(?:p1|p2|...)\b` with 'gi', longest first, words joined by \s+ (phrases wrap across
// lines, as Leverage's do). Counting its matches is the practical floor of one JS pass over the text.

const NEGOTIATION = [
  'we can agree to', 'we could agree to', 'we will agree to', 'we would agree to', 'we agree to',
  'we can accept', 'we could accept', 'we will accept', 'we would accept', 'we accept',
  'we can waive', 'we could waive', 'we will waive', 'we waive', 'we hereby waive',
  'we can drop', 'we could drop', 'we will drop', 'we drop', 'we can concede', 'we concede',
  'we can give up', 'we could give up', 'we give up', 'we can withdraw', 'we withdraw',
  'we can live with', 'we could live with', 'we can go along with', 'we can absorb', 'we can cover',
  'we can throw in', 'we can accommodate', 'we can do that', 'we can make that work', 'we can make it work',
  'we can reduce our price', 'we can lower our price', 'we can cut our fees', 'we can discount',
  'we can extend the warranty', 'we can extend the payment', 'we can increase the cap', 'we can give you',
  'we are happy to', 'we are willing to', 'we are prepared to', 'we are fine with', 'we are ok with',
  'we are okay with', 'we are glad to', 'we are able to', 'we are more than happy to',
  "we're happy to", "we're willing to", "we're prepared to", "i'm happy to", "i'm willing to",
  'we would be happy to', 'we would be willing to', 'we would be prepared to', "we'd be happy to", "we'd be willing to",
  'we have no objection to', 'we have no problem with', 'we have no issue with', "we don't mind", 'we do not mind',
  'we do not object to', "that's fine with us", 'that is fine with us', 'that is acceptable to us', 'that works for us',
  'this works for us', 'that works for me', 'you can have it', 'you can have that', 'you can keep it', 'you can take it',
  "we don't need the", 'we do not need the', 'we are flexible on everything', 'we are flexible on',
  'we are open to anything', 'whatever you need', 'whatever it takes', 'name your price', 'anything you want',
  'we need', 'we require', 'we must have', 'we insist on', 'we expect', 'we want', 'we demand', 'we propose',
  'our position is', 'our proposal is', 'we ask for', 'we would like', 'we request', 'we cannot accept',
  'we will not accept', 'non-negotiable', 'not negotiable', 'final offer', 'best and final offer', 'take it or leave it',
  'our budget is', 'our budget ceiling', 'our maximum budget', 'our walk-away', 'our walk away point', 'our bottom line',
  'the most we can pay', 'the least we can accept', 'our deadline is', 'we must sign by', 'we need to sign by',
  'we really need', 'we urgently need', 'our board is pushing', 'our board wants', 'we are under pressure',
  'we have no alternative', 'we have no other option', 'we have no other supplier', 'no other supplier',
  'we are desperate', 'we cannot afford to lose', 'what matters most to us', 'our top priority', 'our main concern',
  'in return', 'in exchange for', 'provided that', 'on condition that', 'subject to', 'if you agree to', 'if you can',
  'as long as', 'only if', 'in consideration of', 'on the basis that', 'conditional on', 'contingent on',
  'market practice', 'market standard', 'market rate', 'comparable transactions', 'comparable deals', 'industry standard',
  'rate card', 'published survey', 'benchmark', 'prior dealings', 'precedent', 'consistent with market practice',
  'or we could go to', 'we could go to', 'we could also offer', 'we can improve our offer', 'we can sweeten',
  'a further discount', 'an additional discount', 'our revised offer', 'our improved offer', 'we can do better',
  'ridiculous', 'absurd', 'outrageous', 'insulting', 'unacceptable', 'nonsense', 'you people', 'frankly',
  'or else', 'we will walk away', 'we will go elsewhere', 'we will sue', 'see you in court', 'last chance',
  'price is the only', 'only the price', 'just the price', 'the only open point', 'the only issue',
];

const LEGAL = [
  'shall', 'shall not', 'may not', 'must not', 'will not', 'is entitled to', 'is not entitled to',
  'material breach', 'fails to remedy', 'written notice', 'prior written consent', 'unreasonably withheld',
  'confidential information', 'intellectual property rights', 'personal data', 'data protection', 'data processor',
  'data controller', 'technical and organisational measures', 'limitation of liability', 'total liability',
  'aggregate liability', 'liability cap', 'shall not exceed', 'indirect damages', 'consequential damages',
  'incidental damages', 'special damages', 'loss of profits', 'loss of revenue', 'loss of goodwill',
  'indemnify', 'hold harmless', 'defend and indemnify', 'indemnification', 'third party claims', 'gross negligence',
  'wilful misconduct', 'willful misconduct', 'fraud', 'force majeure', 'force majeure event', 'act of god',
  'governing law', 'exclusive jurisdiction', 'non-exclusive jurisdiction', 'dispute resolution', 'arbitration',
  'mediation', 'good faith', 'good-faith negotiation', 'senior executives', 'escalation', 'termination for convenience',
  'termination for cause', 'terminate this agreement', 'initial term', 'renewal term', 'auto-renewal', 'automatic renewal',
  'notice period', 'effective date', 'commencement date', 'term of this agreement', 'survive termination',
  'entire agreement', 'supersedes all prior', 'severability', 'waiver', 'no waiver', 'counterparts', 'amendment',
  'variation', 'assignment', 'novation', 'subcontracting', 'change of control', 'non-solicitation', 'non-compete',
  'exclusivity', 'most favoured nation', 'most favored nation', 'service levels', 'service level agreement',
  'service credits', 'sole and exclusive remedy', 'acceptance testing', 'acceptance criteria', 'deliverables',
  'statement of work', 'order form', 'master services agreement', 'professional and workmanlike manner',
  'generally accepted industry standards', 'reasonable endeavours', 'best endeavours', 'commercially reasonable efforts',
  'reasonable efforts', 'time is of the essence', 'late payment', 'interest on late payments', 'undisputed invoices',
  'payment terms', 'net-30', 'net-15', 'net-45', 'net-60', 'exclusive of vat', 'applicable taxes', 'withholding tax',
  'audit rights', 'right to audit', 'records and accounts', 'insurance', 'professional indemnity insurance',
  'public liability insurance', 'reputable insurer', 'warranty period', 'warrants that', 'represents and warrants',
  'conform in all material respects', 'fitness for a particular purpose', 'merchantability', 'as is', 'disclaimer',
  'retention of title', 'title and risk', 'escrow', 'source code escrow', 'license grant', 'licence grant',
  'non-transferable', 'non-sublicensable', 'perpetual licence', 'royalty-free', 'background ip', 'foreground ip',
  'work product', 'moral rights', 'publicity', 'press release', 'notices', 'registered post', 'business days',
  'calendar days', 'working days', 'liquidated damages', 'penalty', 'set-off', 'right of set-off', 'step-in rights',
  'business continuity', 'disaster recovery', 'security incident', 'data breach', 'sub-processor', 'standard contractual clauses',
  'anti-bribery', 'anti-corruption', 'modern slavery', 'sanctions', 'export control', 'compliance with laws',
  'key personnel', 'change control', 'change request', 'dependencies', 'customer responsibilities', 'supplier personnel',
  'benchmarking', 'continuous improvement', 'exit plan', 'exit assistance', 'transition services', 'handover',
];

/** 332 phrases, the size of the list in shared/notes/performance-facts.md (the tail of LEGAL is cut). */
export const BASELINE_PHRASES = [...new Set([...NEGOTIATION, ...LEGAL].map((p) => p.toLowerCase()))].slice(0, 332);

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `\b(?:p1|p2|...)\b`, case-insensitive and global, longest phrase first. */
export function baselineRegex(phrases = BASELINE_PHRASES) {
  const alts = [...phrases].sort((a, b) => b.length - a.length).map((p) => escape(p).replace(/ +/g, '\\s+'));
  return new RegExp(`\\b(?:${alts.join('|')})\\b`, 'gi');
}

export function countMatches(re, text) {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}
