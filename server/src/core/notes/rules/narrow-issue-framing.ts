// narrow-issue-framing (notes form): fewer than three issues, or all of one category. One dominant
// issue (usually price) turns the negotiation into a contest the stronger side wins; more terms on
// the table give both sides room to trade.
//
// Anchored at the `issues` key (else the first key). The fix appends candidate issues (timing,
// payment structure, scope, warranties, liability, ...) as new list items with `priority:
// tradeable` and `status: open`, skipping ids already used, until there are three issues in three
// categories: as `- id:` lines at the list's own indentation, as `{...}` items in a `[...]` list,
// or as a new `issues:` section at the end of the file.

import type { Fix, RawFinding, TextEdit } from '../../types';
import { colonEnd, columnOf, firstLine, lineEnd } from '../edits';
import type { Section } from '../model';
import type { NotesContext, NotesRule } from '../rule';
import type { Category } from '../schema';

export const CANDIDATES: readonly { id: string; category: Category }[] = [
  { id: 'timing', category: 'operational' },
  { id: 'payment-structure', category: 'economic' },
  { id: 'scope', category: 'operational' },
  { id: 'warranties', category: 'legal' },
  { id: 'liability', category: 'legal' },
  { id: 'term-and-termination', category: 'legal' },
  { id: 'exclusivity', category: 'relationship' },
  { id: 'support', category: 'operational' },
  { id: 'confidentiality', category: 'legal' },
  { id: 'dispute-resolution', category: 'legal' },
];

const MIN_ISSUES = 3;
const MIN_CATEGORIES = 3;

export const narrowIssueFramingNotes: NotesRule = {
  id: 'narrow-issue-framing',
  check(ctx) {
    const { text, model } = ctx;
    const root = model.root;
    if (!root) return [];
    const section = model.sections.issues;
    // `issues:` is there but is not a list: the schema finding says so; a fix here would guess.
    if (model.keys['issues'] && !section) return [];
    const issues = model.issues;
    const categories = new Set(issues.map((i) => i.category?.value).filter((c) => c !== undefined));
    const oneCategory = issues.length > 0 && categories.size === 1 && issues.every((i) => i.category);
    if (issues.length >= MIN_ISSUES && !oneCategory) return [];

    const ids = issues.map((i) => i.id?.value ?? '').filter((id) => id !== '');
    const only = ids.length ? ids.map((id) => `\`${id}\``).join(', ') : '';
    const message =
      issues.length === 0
        ? 'The notes list no issues: with nothing on the table but the headline term, there is nothing to trade.'
        : issues.length < MIN_ISSUES
          ? `Only ${issues.length === 1 ? 'one issue' : 'two issues'} on the table${only ? ` (${only})` : ''}: a single dominant issue favours the stronger side; add terms to trade.`
          : `All ${issues.length} issues are ${[...categories][0]}: add other kinds of terms (timing, scope, warranties, liability) so that both sides have room to trade.`;

    const picked = pick(ids, categories as Set<Category>, issues.length);
    const edit = picked.length ? insertion(ctx, section, picked) : undefined;
    const fixes: Fix[] = edit
      ? [{ title: `Add issues to trade: ${picked.map((c) => c.id).join(', ')}`, edits: [edit], preferred: true }]
      : [];
    const anchor = section ? section.key : firstLine(text, root.range.start, root.range.end);
    const finding: RawFinding = { start: anchor.start, end: anchor.end, message, fixes };
    return [finding];
  },
};

/** Candidates in a new category first, then any, until three issues in three categories. */
function pick(ids: string[], categories: Set<Category>, count: number): { id: string; category: Category }[] {
  const used = new Set(ids);
  const have = new Set(categories);
  const out: { id: string; category: Category }[] = [];
  const enough = () => count + out.length >= MIN_ISSUES && have.size >= MIN_CATEGORIES;
  for (const c of CANDIDATES) {
    if (enough()) break;
    if (used.has(c.id) || have.has(c.category)) continue;
    out.push(c);
    used.add(c.id);
    have.add(c.category);
  }
  for (const c of CANDIDATES) {
    if (count + out.length >= MIN_ISSUES) break;
    if (used.has(c.id)) continue;
    out.push(c);
    used.add(c.id);
  }
  return out;
}

function insertion({ text, model, eol }: NotesContext, section: Section | undefined, picked: { id: string; category: Category }[]): TextEdit | undefined {
  const block = (dashCol: number, keyCol: number) =>
    picked
      .map((c) =>
        [`-${' '.repeat(keyCol - dashCol - 1)}id: ${c.id}`, `category: ${c.category}`, 'priority: tradeable', 'status: open']
          .map((line, i) => `${' '.repeat(i === 0 ? dashCol : keyCol)}${line}`)
          .join(eol),
      )
      .join(eol);
  if (!section) {
    if (model.root!.flow) return undefined;
    const col = columnOf(text, model.root!.range.start);
    const sep = text.length === 0 || /[\r\n]$/.test(text) ? '' : eol;
    return { start: text.length, end: text.length, newText: `${sep}${' '.repeat(col)}issues:${eol}${block(col + 2, col + 4)}${eol}` };
  }
  if (section.style === 'block') {
    const dash = section.dashes[0];
    if (dash === undefined || dash < 0) return undefined;
    const dashCol = columnOf(text, dash);
    const first = model.issues.find((i) => i.index === 0);
    const firstCol = first && !first.flow ? columnOf(text, first.range.start) : -1;
    const keyCol = firstCol > dashCol + 1 ? firstCol : dashCol + 2;
    const at = lineEnd(text, section.contentEnd);
    return { start: at, end: at, newText: `${eol}${block(dashCol, keyCol)}` };
  }
  if (section.style === 'flow') {
    const close = section.range.end - 1;
    if (text[close] !== ']') return undefined;
    const items = picked.map((c) => `{id: ${c.id}, category: ${c.category}, priority: tradeable, status: open}`).join(', ');
    const inside = text.slice(section.range.start + 1, close).trim();
    return { start: close, end: close, newText: `${inside === '' || inside.endsWith(',') ? '' : ', '}${items}` };
  }
  // `issues:` with no value yet (or an explicit null): the items go on the lines below the key.
  const col = columnOf(text, section.key.start);
  const items = block(col + 2, col + 4);
  if (section.range.start === section.range.end) {
    const at = lineEnd(text, section.key.end);
    return { start: at, end: at, newText: `${eol}${items}` };
  }
  const from = colonEnd(text, section.key.end);
  return { start: from, end: section.range.end, newText: `${eol}${items}` };
}
