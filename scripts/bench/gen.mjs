// Deterministic generator of contract-like Markdown for the benchmark (scripts/bench.mjs).
// Mostly ordinary clauses, headings, numbered and bulleted lists, code spans, HTML comments, the odd
// fenced block and quote, mixed with negotiation sentences (concessions, conditional trades,
// demands with and without a benchmark, disclosures, hostile lines). Same seed, same text.

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARTIES = ['Supplier', 'Customer', 'the Licensor', 'the Licensee', 'the Contractor', 'the Client', 'each party', 'either party'];
const THINGS = [
  'the Services', 'the Deliverables', 'the Software', 'Confidential Information', 'the Fees', 'any Personal Data',
  'the Statement of Work', 'the Service Levels', 'the Documentation', 'all invoices', 'the Equipment', 'the Premises',
];
const PERIODS = ['thirty (30) days', 'sixty (60) days', 'ninety (90) days', 'twelve (12) months', 'five (5) business days', 'ten (10) days'];
const HEADINGS = [
  'Definitions', 'Services', 'Fees and Payment', 'Term and Termination', 'Confidentiality', 'Intellectual Property',
  'Warranties', 'Limitation of Liability', 'Indemnification', 'Data Protection', 'Insurance', 'Force Majeure',
  'Assignment', 'Notices', 'Governing Law', 'Dispute Resolution', 'Service Levels', 'Audit Rights', 'Non-Solicitation',
  'Change Control', 'Acceptance Testing', 'Subcontracting', 'Publicity', 'Entire Agreement',
];
const CLAUSES = [
  (r) => `${cap(pick(r, PARTIES))} shall provide ${pick(r, THINGS)} in a professional and workmanlike manner, consistent with generally accepted industry standards.`,
  (r) => `${cap(pick(r, PARTIES))} shall pay all undisputed invoices within ${pick(r, PERIODS)} of the date of receipt.`,
  (r) => `Either party may terminate this Agreement on ${pick(r, PERIODS)}' written notice if the other party commits a material breach and fails to remedy it.`,
  (r) => `Each party shall keep the other party's Confidential Information confidential and use it only to perform this Agreement.`,
  (r) => `Except for breaches of Section ${1 + Math.floor(r() * 20)} (Confidentiality), each party's total liability under this Agreement shall not exceed the fees paid in the ${pick(r, PERIODS)} before the claim.`,
  (r) => `Late payments bear interest at ${1 + Math.floor(r() * 4)}% per month or the maximum rate permitted by law, whichever is lower.`,
  (r) => `${cap(pick(r, PARTIES))} warrants that ${pick(r, THINGS)} will conform in all material respects to the Documentation for a period of ${pick(r, PERIODS)}.`,
  (r) => `Neither party shall be liable for any indirect, incidental, special or consequential damages, including loss of profits, revenue or goodwill.`,
  (r) => `${cap(pick(r, PARTIES))} shall indemnify and hold harmless the other party against all claims, losses and expenses arising from a breach of this Agreement.`,
  (r) => `This Agreement is governed by the laws of ${pick(r, ['England and Wales', 'the State of New York', 'Delaware', 'Ontario', 'Singapore'])}, and the courts there have exclusive jurisdiction.`,
  (r) => `Any notice under this Agreement must be in writing and delivered by hand, by registered post or by email to the address set out in the Order Form.`,
  (r) => `${cap(pick(r, PARTIES))} may not assign or transfer any of its rights under this Agreement without the prior written consent of the other party, which shall not be unreasonably withheld.`,
  (r) => `All intellectual property rights in ${pick(r, THINGS)} remain with ${pick(r, PARTIES)}, and nothing in this Agreement transfers them.`,
  (r) => `${cap(pick(r, PARTIES))} shall process Personal Data only on documented instructions and shall implement appropriate technical and organisational measures.`,
  (r) => `Service credits are the Customer's sole and exclusive remedy for a failure to meet the Service Levels, up to ${5 + Math.floor(r() * 20)}% of the monthly fee.`,
  (r) => `If a Force Majeure Event continues for more than ${pick(r, PERIODS)}, either party may terminate the affected Statement of Work by written notice.`,
  (r) => `The parties shall first try to resolve any dispute through good-faith negotiation between senior executives within ${pick(r, PERIODS)}.`,
  (r) => `${cap(pick(r, PARTIES))} shall maintain insurance of not less than ${fmt(1 + Math.floor(r() * 9))},000,000 per claim with a reputable insurer.`,
  (r) => `The fees are exclusive of VAT and any other applicable taxes, which ${pick(r, PARTIES)} shall pay in addition at the prevailing rate.`,
  (r) => `This Agreement, together with each Statement of Work, constitutes the entire agreement between the parties and supersedes all prior discussions.`,
  (r) => `The fee is set out in \`Schedule ${1 + Math.floor(r() * 6)}\` and is payable on \`Net-${pick(r, ['15', '30', '45', '60'])}\` terms.`,
  (r) => `Acceptance of each Deliverable takes place when the acceptance tests in the Test Plan are passed, or ${pick(r, PERIODS)} after delivery, whichever is earlier.`,
];
// Negotiation sentences: what the rules look for, and near misses that they must let through.
const NEGOTIATION = [
  () => 'We can agree to that.',
  (r) => `We need a cap of ${pick(r, ['12', '18', '24', '36'])} months of fees.`,
  (r) => `Our budget is ${fmt(50 + Math.floor(r() * 200))},000.`,
  (r) => `We can accept the ${pick(r, ['45-day payment period', 'revised service credits', 'liability wording', 'longer notice period'])} if you confirm the ${pick(r, ['36-month initial term', 'go-live date', 'reference clause', 'fee schedule'])}.`,
  (r) => `We can extend the warranty to ${pick(r, PERIODS)}, provided that the payment terms move to Net-15.`,
  (r) => `We need the cap to exclude data protection claims, consistent with market practice for comparable transactions.`,
  (r) => `We insist on a ${pick(r, ['24-month', '36-month', '48-month'])} initial term.`,
  () => 'We are happy to waive the setup fee.',
  () => 'That works for us.',
  () => 'We really need to sign this by the end of the month because our board is pushing us.',
  () => 'To get this over the line, we are flexible on everything else.',
  (r) => `We propose an annual fee of ${fmt(200 + Math.floor(r() * 50))},000, or we could go to ${fmt(180 + Math.floor(r() * 20))},000.`,
  () => 'Frankly, a 20% cut at this stage is ridiculous.',
  () => 'Take it or leave it.',
  () => 'In return, we would ask for a 12-month reference commitment.',
  (r) => `We would be willing to accept your proposed ${pick(r, ['indemnity', 'cap', 'termination wording'])} in exchange for Net-30 payment terms.`,
  () => 'We have no other supplier that can deliver in time.',
  (r) => `Our walk-away point is ${fmt(150 + Math.floor(r() * 50))},000.`,
  () => 'We do not mind dropping the exclusivity clause.',
  () => 'Price is the only open point between us.',
];

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}
function cap(s) {
  return s[0].toUpperCase() + s.slice(1);
}
function fmt(n) {
  return String(n);
}

function countWords(s) {
  const m = s.match(/\S+/g);
  return m ? m.length : 0;
}

/** A Markdown document of at least `words` words (whitespace-separated tokens), cut at the first
 *  block that reaches it. Roughly one sentence in eight is a negotiation sentence. */
export function generateDocument(words, seed = 0x1e7e4a6e) {
  const r = prng(seed ^ words);
  const blocks = [`# Master Services Agreement (benchmark ${words} words)`, 'This Master Services Agreement (the "Agreement") is made between **Northwind Systems Ltd.** ("Supplier") and **Harbor Logistics Inc.** ("Customer").'];
  let count = blocks.reduce((n, b) => n + countWords(b), 0);
  let section = 0;
  const sentence = () => (r() < 0.125 ? pick(r, NEGOTIATION)(r) : pick(r, CLAUSES)(r));
  while (count < words) {
    section++;
    const parts = [`## ${section}. ${pick(r, HEADINGS)}`];
    const paragraphs = 2 + Math.floor(r() * 4);
    for (let p = 1; p <= paragraphs; p++) {
      const roll = r();
      if (roll < 0.6) {
        // A numbered clause paragraph, wrapped at about 100 columns like a real draft.
        const n = 1 + Math.floor(r() * 3);
        const body = Array.from({ length: n }, sentence).join(' ');
        parts.push(wrap(`${section}.${p} ${body}`, 100));
      } else if (roll < 0.75) {
        const items = 2 + Math.floor(r() * 4);
        const ordered = r() < 0.5;
        parts.push(Array.from({ length: items }, (_, i) => `${ordered ? `${i + 1}.` : '-'} ${sentence()}`).join('\n'));
      } else if (roll < 0.85) {
        parts.push(`> **Note to ${pick(r, ['Harbor', 'Northwind', 'the Customer', 'counsel'])}:** ${sentence()}`);
      } else if (roll < 0.93) {
        parts.push(`<!-- drafting note: ${sentence()} check against the ${pick(r, HEADINGS)} schedule -->\n${wrap(sentence(), 100)}`);
      } else if (roll < 0.97) {
        parts.push(['```yaml', `fee: ${fmt(100 + Math.floor(r() * 900))}000`, `term_months: ${pick(r, ['12', '24', '36'])}`, `# We can agree to that.`, '```'].join('\n'));
      } else {
        parts.push(`| Item | Fee | Term |\n| --- | --- | --- |\n| ${pick(r, THINGS)} | ${fmt(10 + Math.floor(r() * 90))},000 | ${pick(r, PERIODS)} |`);
      }
    }
    for (const b of parts) {
      blocks.push(b);
      count += countWords(b);
      if (count >= words) break;
    }
  }
  return `${blocks.join('\n\n')}\n`;
}

function wrap(s, width) {
  const out = [];
  let line = '';
  for (const w of s.split(' ')) {
    if (line && line.length + 1 + w.length > width) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out.join('\n');
}

export { countWords };
