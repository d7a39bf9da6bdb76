// unconditional-concession (notes form): a ledger entry with a `give` and no `get`, or an empty
// one. The ledger exists so that every concession is traded; an entry without a get is a gift.
//
// The fix adds a `get:` line under the `give:` line, at the same indentation (or fills in an empty
// `get:`). It offers the positions of the open `tradeable` issues as the ask, else the configured
// tradeables, and always a TODO stub; the first is preferred.

import type { Fix, RawFinding } from '../../types';
import { addPair, columnOf, pairAnchor, pairSpan, setValue } from '../edits';
import type { Concession, Issue } from '../model';
import { isOpen, quote, type NotesContext, type NotesRule } from '../rule';

export const GET_STUB = 'TODO: what we ask in return';

export const unconditionalConcessionNotes: NotesRule = {
  id: 'unconditional-concession',
  check(ctx) {
    const out: RawFinding[] = [];
    for (const c of ctx.model.concessions) {
      if (!c.give || c.give.value.trim() === '') continue;
      if (c.get && c.get.value.trim() !== '') continue;
      // A `get` of the wrong type is the schema's to report; it is not missing.
      if (!c.get && c.keys['get']) continue;
      out.push({
        ...pairAnchor(ctx.text, c.give),
        message: `The ledger gives “${quote(c.give.value)}” and records nothing in return; every give needs a get.`,
        fixes: asks(ctx, c).map((ask, i) => ({ ...fixFor(ctx, c, ask), ...(i === 0 ? { preferred: true } : {}) })),
      });
    }
    return out;
  },
};

/** What to ask for: open tradeable issues (other than the one conceded), else configured tradeables. */
function asks(ctx: NotesContext, c: Concession): { title: string; value: string }[] {
  const fromNotes = ctx.model.issues
    .filter((i) => i.priority?.value === 'tradeable' && isOpen(i) && i.id?.value !== c.issue?.value)
    .map(askOf)
    .filter((a): a is string => a !== undefined);
  const configured = (ctx.options.tradeables ?? []).map((t) => t.trim()).filter((t) => t.length > 0);
  const chosen = [...new Set(fromNotes.length ? fromNotes : configured)].slice(0, 3);
  return [
    ...chosen.map((value) => ({ title: `Ask in return: “${quote(value)}”`, value })),
    { title: 'Add a `get:` to fill in', value: GET_STUB },
  ];
}

function askOf(issue: Issue): string | undefined {
  for (const f of [issue.position, issue.title, issue.id]) {
    const v = f?.value.replace(/\s+/g, ' ').trim();
    if (v) return v;
  }
  return undefined;
}

function fixFor(ctx: NotesContext, c: Concession, ask: { title: string; value: string }): Fix {
  const give = c.give!;
  const edit = c.get ? setValue(ctx.text, c.get, ask.value, c.flow) : addPair(ctx.text, c, pairSpan(give).end, columnOf(ctx.text, give.key.start), 'get', ask.value);
  return { title: ask.title, edits: [edit] };
}
