// request-sequencing: the planned order (the `plan:` list of issue ids, else the order of
// `issues`) puts an open, high-resistance must-have before an open, low-resistance issue. Settling
// the easy issues first builds momentum and goodwill, and leaves the hard ask for when both sides
// have invested in the deal.
//
// One finding per file, anchored at the first such must-have. The fix rewrites the whole list,
// sorted by resistance from low to high (no resistance counts as medium) and otherwise in the
// author's order. Each item moves with its comments; in a `[...]` list, comments between items
// are not carried.

import type { Fix, RawFinding, TextEdit } from '../../types';
import { firstLine, lineEnd, lineStart, trimEnd } from '../edits';
import type { Issue, Span } from '../model';
import { isOpen, type NotesContext, type NotesRule } from '../rule';

interface Step {
  /** The text naming the step: a plan entry, or the issue's id. */
  anchor: Span;
  issue?: Issue;
  /** The item's position in its list (its dash, for a block list). */
  index: number;
}

const RANK: Record<string, number> = { low: 0, medium: 1, high: 2 };
const rank = (s: Step) => RANK[s.issue?.resistance?.value ?? 'medium']!;
const isHardMustHave = (i?: Issue) => i !== undefined && isOpen(i) && i.priority?.value === 'must-have' && i.resistance?.value === 'high';
const isEasy = (i?: Issue) => i !== undefined && isOpen(i) && i.resistance?.value === 'low';

export const requestSequencing: NotesRule = {
  id: 'request-sequencing',
  info: {
    id: 'request-sequencing',
    defaultSeverity: 'information',
    description: 'The notes plan a hard, high-resistance must-have before the easier items.',
    principle:
      'Sequence the requests: agree the easy points first to build momentum and goodwill, and raise the hardest ask once both sides have invested in the deal.',
    example: { before: 'plan: [fees, timing, support]   # fees: must-have, high resistance', after: 'plan: [timing, support, fees]' },
  },
  check(ctx) {
    const steps = sequence(ctx);
    if (!steps) return [];
    const hard = steps.findIndex((s, i) => isHardMustHave(s.issue) && steps.slice(i + 1).some((t) => isEasy(t.issue)));
    if (hard < 0) return [];
    const first = steps[hard]!;
    const easy = steps.slice(hard + 1).find((t) => isEasy(t.issue))!;
    const name = (s: Step) => s.issue?.id?.value ?? ctx.text.slice(s.anchor.start, s.anchor.end);
    const order = [...steps].sort((a, b) => rank(a) - rank(b));
    const edit = reorder(ctx, order);
    const fixes: Fix[] = edit
      ? [{ title: `Reorder easiest first: ${order.map(name).join(', ')}`, edits: [edit], preferred: true }]
      : [];
    const where = ctx.model.plan?.items.length ? 'The plan raises' : 'The issues list raises';
    const finding: RawFinding = {
      ...first.anchor,
      message: `${where} \`${name(first)}\` (a must-have the other side will resist hard) before \`${name(easy)}\` (low resistance): settle the easy issues first to build momentum.`,
      fixes,
    };
    return [finding];
  },
};

function sequence({ text, model }: NotesContext): Step[] | undefined {
  const plan = model.plan;
  if (plan && plan.items.length > 0) {
    // A plan with an item that is not text was reported by the schema; its order is not ours to redo.
    if (plan.items.some((item, i) => item.index !== i) || (!plan.flow && plan.dashes.length !== plan.items.length)) return undefined;
    return plan.items.map((item, index) => ({ anchor: item.range, issue: model.issues.find((i) => i.id?.value === item.value), index }));
  }
  const section = model.sections.issues;
  if (!section || section.style === 'empty') return undefined;
  const count = section.style === 'block' ? section.dashes.length : model.issues.length;
  if (model.issues.length !== count) return undefined;
  return model.issues.map((issue) => ({
    anchor: issue.id?.range ?? firstLine(text, issue.range.start, issue.range.end),
    issue,
    index: issue.index,
  }));
}

/** The edit that rewrites the list in the new order. */
function reorder({ text, model, eol }: NotesContext, order: Step[]): TextEdit | undefined {
  const plan = model.plan && model.plan.items.length > 0 ? model.plan : undefined;
  const flow = plan ? plan.flow : model.sections.issues!.style === 'flow';
  if (flow) {
    // Item texts, by index, rejoined with ", ".
    const ranges = plan ? plan.items.map((i) => i.range) : model.issues.map((i) => i.range);
    const sources = ranges.map((r) => text.slice(r.start, r.end));
    return { start: ranges[0]!.start, end: ranges[ranges.length - 1]!.end, newText: order.map((s) => sources[s.index]).join(', ') };
  }
  const dashes = plan ? plan.dashes : model.sections.issues!.dashes;
  if (dashes.some((d) => d < 0)) return undefined;
  const end = lineEnd(text, plan ? plan.items[plan.items.length - 1]!.range.end : model.sections.issues!.contentEnd);
  // Each item's lines, with the comment lines right above its dash, without trailing blank lines.
  const starts = dashes.map((d, i) => withCommentsAbove(text, d, i > 0 ? dashes[i - 1]! : 0));
  const chunks = starts.map((from, i) => {
    const to = i + 1 < starts.length ? starts[i + 1]! : end;
    return text.slice(from, trimEnd(text, to, from));
  });
  return { start: starts[0]!, end, newText: order.map((s) => chunks[s.index]).join(eol) };
}

/** The start of the line of `dash`, moved up over the comment lines (and blank lines between
 *  them) right above it, not above `floor`. */
function withCommentsAbove(text: string, dash: number, floor: number): number {
  let start = lineStart(text, dash);
  let s = start;
  while (s > floor) {
    let p = s - 1;
    if (text[p] === '\n' && text[p - 1] === '\r') p--;
    const prev = lineStart(text, p);
    if (prev <= floor) break;
    const line = text.slice(prev, p).trim();
    if (line === '') s = prev;
    else if (line.startsWith('#')) start = s = prev;
    else break;
  }
  return start;
}
