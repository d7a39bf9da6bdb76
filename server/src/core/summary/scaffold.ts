// Negotiation notes from a draft: a `*.negotiation.yaml` to start from, with the parties named in
// the preamble, one issue per commercial topic the draft covers, the `draft:` link, and empty
// `batna:`, `benchmark:` and `private:` entries for the lawyer to fill in. Pure: the draft's text in,
// YAML text out; it parses with the notes parser without a `notes-schema` finding (tested).
//
// Who "we" are cannot be read from a draft: the first party found is written as `we:` and the
// second as `they:`, with a comment naming every party found and asking the lawyer to check.

import { yamlScalar } from '../notes/edits';
import type { Category } from '../notes/schema';
import { segment } from '../segment';
import type { DocumentKind } from '../types';

/** How far into the draft the parties are looked for: the title and the preamble. */
export const PREAMBLE_CHARS = 2000;

/** Role words that name a contracting party when a draft defines them as terms. */
const ROLES = [
  'customer', 'supplier', 'provider', 'service provider', 'vendor', 'client', 'company', 'buyer', 'seller', 'purchaser',
  'licensor', 'licensee', 'contractor', 'consultant', 'landlord', 'tenant', 'lessor', 'lessee', 'discloser', 'recipient',
  'disclosing party', 'receiving party', 'employer', 'employee', 'partner', 'distributor', 'reseller', 'lender', 'borrower',
  'investor', 'agency', 'manufacturer', 'processor', 'controller', 'covered entity', 'business associate', 'owner', 'agent',
  'subscriber', 'member', 'sponsor', 'developer', 'publisher', 'producer', 'principal', 'guarantor', 'holder', 'issuer',
];
const ROLE_SET = new Set(ROLES);

/** Defined terms that name a thing, not a party. */
const NOT_A_PARTY = /\b(agreement|date|period|terms?|information|products?|services?|order|policy|data|fees?|materials?|deliverables?|software|platform|territory|work)\b/i;

/** Defined terms: `("Customer")`, `(the "Agreement")`, `(each a “Purchase Order”)`. */
const DEFINED = /\(\s*(?:(?:the|each|a|an|hereinafter|individually|collectively|together)\s+)*["“'‘]([^"”'’\n()]{1,60})["”'’]\s*\)/giu;

/** Every defined term in the text, in order of first definition, without repeats. */
export function definedTerms(text: string): string[] {
  const out: string[] = [];
  DEFINED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DEFINED.exec(text)) !== null) {
    const term = m[1]!.replace(/\s+/g, ' ').trim();
    if (term && !out.includes(term)) out.push(term);
  }
  return out;
}

/**
 * The parties named in the preamble, in order: defined terms that are roles ("Customer") or that
 * follow "between" / "and" (`between **Acme Ltd.** ("Acme") and ...`); else names quoted after
 * "between" (`between "DAN" and "PETER"`); else capitalised role words ("Customer and Provider
 * enter into ...").
 */
export function findParties(text: string, kind: DocumentKind = 'plaintext'): string[] {
  const preamble = segment(text.slice(0, PREAMBLE_CHARS), kind).masked;
  const parties: string[] = [];
  const add = (s: string) => {
    const t = s.replace(/\*+|_+/g, '').replace(/\s+/g, ' ').trim();
    if (t && t.length <= 60 && !/[{}[\]]/.test(t) && !parties.some((p) => p.toLowerCase() === t.toLowerCase())) parties.push(t);
  };

  DEFINED.lastIndex = 0;
  let m: RegExpExecArray | null;
  let previousEnd = 0;
  while ((m = DEFINED.exec(preamble)) !== null) {
    const term = m[1]!.trim();
    const before = preamble.slice(previousEnd, m.index);
    previousEnd = m.index + m[0].length;
    const role = ROLE_SET.has(term.toLowerCase());
    // A name just before the parenthesis, with "between" shortly before it or "and" right after
    // the previous party: `between **Acme Ltd.** ("Acme") and **Beta Inc.** ("Beta")`.
    const near = before.slice(-160);
    const named = /[\p{L}\p{N}.*”")]\s*$/u.test(near) && (/\bbetween\b/i.test(near) || /^[\s,;]*(?:and|&)\b/i.test(before));
    if (role || (named && !NOT_A_PARTY.test(term))) add(term);
  }
  if (parties.length >= 2) return parties;

  const quoted = /\bbetween\s+["“]([^"”\n]{1,60})["”]\s+and\s+["“]([^"”\n]{1,60})["”]/i.exec(preamble);
  if (quoted) {
    add(quoted[1]!);
    add(quoted[2]!);
  }
  if (parties.length >= 2) return parties;

  const roles = new RegExp(`\\b(${ROLES.map((r) => r.replace(/ /g, '\\s+')).join('|')})\\b`, 'giu');
  while ((m = roles.exec(preamble)) !== null) {
    // Capitalised in the middle of a sentence: the draft uses it as a name.
    const word = m[0]!;
    const sentenceStart = /(^|[.!?:]\s+|\n\s*)$/.test(preamble.slice(Math.max(0, m.index - 3), m.index));
    if (/^\p{Lu}/u.test(word) && !sentenceStart) add(word.charAt(0).toUpperCase() + word.slice(1));
    if (parties.length >= 2) break;
  }
  return parties;
}

interface Topic {
  id: string;
  title: string;
  category: Category;
  /** Matches a heading about the topic. */
  heading: RegExp;
  /** Matches the topic in the body; the topic counts when a heading matches, or the body at least twice. */
  body: RegExp;
}

/** The commercial topics a draft may cover, in the order they are offered when found together. */
export const TOPICS: readonly Topic[] = [
  { id: 'scope', title: 'Scope and deliverables', category: 'operational', heading: /\b(scope|services|deliverables?|statement of work|supply|products)\b/i, body: /\b(scope of (?:work|services)|deliverables?)\b/gi },
  { id: 'fees', title: 'Fees and payment', category: 'economic', heading: /\b(fees?|pric(?:e|es|ing)|payments?|invoic\w*|charges|compensation|rent|consideration)\b/i, body: /\b(fees?|price|payments?|invoices?)\b/gi },
  { id: 'timeline', title: 'Timeline and delivery', category: 'operational', heading: /\b(delivery|milestones?|timeline|schedule|implementation|go-live|late delivery)\b/i, body: /\b(milestones?|delivery date|go-live)\b/gi },
  { id: 'acceptance', title: 'Acceptance', category: 'operational', heading: /\bacceptance\b/i, body: /\b(acceptance (?:test|criteria|period)|rejection period)\b/gi },
  { id: 'service-levels', title: 'Service levels and credits', category: 'operational', heading: /\b(service levels?|SLA|availability|uptime|service credits?)\b/i, body: /\b(service levels?|uptime|service credits?)\b/gi },
  { id: 'support', title: 'Support and maintenance', category: 'operational', heading: /\b(support|maintenance)\b/i, body: /\b(support services|maintenance services|response times?)\b/gi },
  { id: 'warranties', title: 'Warranties', category: 'legal', heading: /\b(warrant(?:y|ies)|representations)\b/i, body: /\bwarrant(?:y|ies|s)\b/gi },
  { id: 'liability-cap', title: 'Limitation of liability', category: 'legal', heading: /\b(liabilit(?:y|ies)|damages)\b/i, body: /\b(limitation of liability|liability cap|aggregate liability|total liability)\b/gi },
  { id: 'indemnity', title: 'Indemnities', category: 'legal', heading: /\b(indemnif\w*|indemnit(?:y|ies))\b/i, body: /\bindemnif\w*/gi },
  { id: 'intellectual-property', title: 'Intellectual property', category: 'legal', heading: /\b(intellectual property|ownership|licen[cs]e(?: grant)?|copyright)\b|\bIP\b/i, body: /\bintellectual property\b/gi },
  { id: 'confidentiality', title: 'Confidentiality', category: 'legal', heading: /\b(confidential\w*|non-disclosure)\b/i, body: /\bconfidential information\b/gi },
  { id: 'data-protection', title: 'Data protection and security', category: 'legal', heading: /\b(data protection|privacy|personal data|(?:data|information) security|security (?:measures|policy|incidents?)|DPA|GDPR)\b|^security$/i, body: /\b(personal data|data protection|GDPR)\b/gi },
  { id: 'term', title: 'Term and termination', category: 'legal', heading: /\b(term|terminat\w*|renewal|duration)\b/i, body: /\b(initial term|terminat(?:e|ion)|renew(?:al|s)?)\b/gi },
  { id: 'exclusivity', title: 'Exclusivity and non-solicitation', category: 'relationship', heading: /\b(exclusiv\w*|non-compet\w*|non-solicit\w*)\b/i, body: /\b(exclusiv\w*|non-compet\w*|non-solicit\w*)\b/gi },
  { id: 'publicity', title: 'Publicity and references', category: 'relationship', heading: /\b(publicity|case stud(?:y|ies)|customer references?|press releases?|use of (?:names?|marks|logos?))\b/i, body: /\b(publicity|reference customer|case study|press release)\b/gi },
  { id: 'insurance', title: 'Insurance', category: 'legal', heading: /\binsurance\b/i, body: /\binsurance\b/gi },
  { id: 'assignment', title: 'Assignment and change of control', category: 'legal', heading: /\b(assignment|change of control|subcontract\w*)\b/i, body: /\bchange of control\b/gi },
  { id: 'governing-law', title: 'Governing law and disputes', category: 'legal', heading: /\b(governing law|jurisdiction|disputes?|arbitration|courts?)\b/i, body: /\b(governing law|jurisdiction|arbitration)\b/gi },
];

/** Heading-like texts of the draft: Markdown headings, short lines on their own, and the run-in
 *  title of a numbered clause ("2.1. Purchase Orders. PETER shall ..."). */
function headings(text: string, masked: string): string[] {
  const out: string[] = [];
  let offset = 0;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const start = offset;
    offset += rawLine.length + 1;
    if (text[start + rawLine.length] === '\r' && text[start + rawLine.length + 1] === '\n') offset++;
    const line = masked.slice(start, start + rawLine.length).replace(/\u2029/g, ' ');
    const markdownHeading = /^\s{0,3}#{1,6}\s/.test(rawLine);
    let s = line.replace(/\*\*|__/g, '').trim();
    s = s.replace(/^(?:(?:article|section|clause|schedule)\s+)?(?:\(?[0-9]+(?:\.[0-9]+)*\.?\)?|\(?[a-z]\)|[IVX]+\.)\s+/i, '').trim();
    if (!s) continue;
    if (markdownHeading) {
      out.push(s.replace(/^(.{1,80}?)[.:]\s.*$/s, '$1'));
      continue;
    }
    // A short line of its own that does not read as the end of a sentence ("Payment." may).
    const words = s.split(/\s+/).length;
    const ending = /[.!?]$/.test(s) && !(words <= 6 && /[^.]\.$/.test(s));
    if (s.length <= 60 && words <= 8 && /^\p{Lu}/u.test(s) && !/[,;]$/.test(s) && !ending) {
      out.push(s.replace(/[.:]$/, ''));
      continue;
    }
    const runIn = /^(\p{Lu}[^.:!?]{1,50})[.:]\s+\S/u.exec(s);
    if (runIn && runIn[1]!.split(/\s+/).length <= 6) out.push(runIn[1]!);
  }
  return out;
}

/** The topics the draft covers, in the order they first appear. */
export function draftTopics(text: string, kind: DocumentKind): Topic[] {
  const masked = segment(text, kind).masked;
  // The document's title ("Master Services Agreement") names the kind of contract, not a topic.
  const heads = headings(text, masked);
  if (heads.length > 0 && heads[0] === draftTitle(text, kind)) heads.shift();
  const found: { topic: Topic; at: number }[] = [];
  for (const topic of TOPICS) {
    const h = heads.findIndex((x) => topic.heading.test(x));
    if (h >= 0) {
      found.push({ topic, at: h });
      continue;
    }
    topic.body.lastIndex = 0;
    const hits = masked.match(topic.body)?.length ?? 0;
    if (hits >= 2) found.push({ topic, at: heads.length + masked.search(new RegExp(topic.body.source, 'i')) / Math.max(1, masked.length) });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.topic);
}

/** The draft's title: its first heading or first short line, else undefined. */
function draftTitle(text: string, kind: DocumentKind): string | undefined {
  const masked = segment(text.slice(0, PREAMBLE_CHARS), kind).masked;
  for (const raw of masked.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/\u2029/g, ' ').replace(/\*\*|__/g, '').trim();
    if (!line) continue;
    const title = line.replace(/^(?:\(?[0-9]+(?:\.[0-9]+)*\.?\)?)\s+/, '').replace(/[.:]$/, '');
    return title.length <= 80 && !/[{}[\]]/.test(title) ? title : undefined;
  }
  return undefined;
}

/**
 * The proposed notes for a draft. `draftFileName` is the draft's file name, written as the
 * `draft:` link (the notes go in the same folder). Line endings follow the draft's.
 */
export function scaffoldNotes(draftText: string, kind: DocumentKind, draftFileName: string): string {
  const eol = /\r\n/.test(draftText) ? '\r\n' : '\n';
  const parties = findParties(draftText, kind === 'notes' ? 'plaintext' : kind);
  const topics = draftTopics(draftText, kind === 'notes' ? 'plaintext' : kind);
  const title = draftTitle(draftText, kind === 'notes' ? 'plaintext' : kind) ?? draftFileName.replace(/\.[^.]+$/, '');
  const L: string[] = [];
  L.push(`# Negotiation notes for ${oneLine(draftFileName)}, drafted by Leverage from the draft: check and fill in.`);
  L.push('# Private: these notes are for our side only. Leverage checks the draft and the letters against them.');
  L.push(`negotiation: ${yamlScalar(title)}`);
  if (parties.length >= 2) {
    L.push(`# Parties found in the draft: ${parties.map(oneLine).join(', ')}. Which one do we act for?`);
    L.push('# `we` is a guess (the first party named): swap `we` and `they` if it is the other way round.');
    L.push(`we: ${yamlScalar(parties[0]!)}`);
    L.push(`they: ${yamlScalar(parties[1]!)}`);
  } else if (parties.length === 1) {
    L.push(`# One party found in the draft: ${oneLine(parties[0]!)}. Is it us or them? Name the other as the draft does.`);
    L.push(`we: ${yamlScalar(parties[0]!)}`);
    L.push('they:');
  } else {
    L.push('# No parties found in the draft: name them as the draft does (its defined terms, e.g. Customer).');
    L.push('we:');
    L.push('they:');
  }
  L.push(`draft: ${yamlScalar(draftFileName)}`);
  L.push('# Our best alternative if this deal fails: without one, every demand is a bluff.');
  L.push('batna:');
  L.push('private:              # never to appear in a draft or a letter');
  L.push('  walk_away:');
  L.push('  deadline:');
  L.push('  other:');
  L.push('their_interests:      # what the other side cares about, e.g. [speed, certainty]');
  L.push('# The order in which to raise the issues (their ids), easiest first.');
  L.push('plan:');
  if (topics.length === 0) {
    L.push('issues:               # no commercial topic found in the draft: add the terms on the table');
  } else {
    L.push('issues:               # one per topic the draft covers; keep several on the table to trade');
    for (const t of topics) {
      L.push(`  - id: ${t.id}`);
      L.push(`    title: ${yamlScalar(t.title)}`);
      L.push(`    category: ${t.category}`);
      L.push('    priority:         # must-have | want | tradeable | cannot-accept');
      L.push('    resistance:       # low | medium | high');
      L.push('    position:');
      L.push('    benchmark:');
      L.push('    status: open');
    }
  }
  L.push('concessions:          # the ledger: every give needs a get');
  L.push('moves:                # offers in order, ours and theirs');
  return L.join(eol) + eol;
}

/** For a comment: one line, no control characters. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}
