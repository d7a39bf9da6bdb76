// negotiating-against-yourself (notes form): two offers by `us` on the same issue in `moves` with
// no move by `them` on that issue between. Improving our own offer before they answered is a
// concession nobody asked for. A move with an `ask` and no `offer` is a question, not an offer:
// it neither triggers the rule nor counts as their answer.
//
// The fix turns the second offer into a question: `offer: 110,000` becomes
// `ask: "Which part of our proposal is difficult for you?"  # withheld offer: 110,000`, which
// keeps the YAML valid and the withheld figure on record as a comment. When the move already has
// an `ask`, the offer line becomes that comment (and an empty `ask:` gets the question). In a
// `{...}` move, where comments cannot go, the offer is replaced by the ask.

import type { Fix, RawFinding, TextEdit } from '../../types';
import { lineNumber, pairAnchor, pairSpan, setValue, yamlScalar } from '../edits';
import type { Move } from '../model';
import { quote, type NotesContext, type NotesRule } from '../rule';

export const QUESTION = 'Which part of our proposal is difficult for you?';

export const negotiatingAgainstYourselfNotes: NotesRule = {
  id: 'negotiating-against-yourself',
  check(ctx) {
    const out: RawFinding[] = [];
    /** Our last offer on each issue that they have not answered yet. */
    const pending = new Map<string, Move>();
    for (const move of ctx.model.moves) {
      const on = move.on?.value;
      if (!on || !move.by) continue;
      if (move.by.value === 'them') {
        pending.delete(on);
        continue;
      }
      const offer = move.offer;
      if (!offer || offer.value.trim() === '') continue;
      const previous = pending.get(on);
      pending.set(on, move);
      if (!previous) continue;
      const fix = askInstead(ctx, move);
      out.push({
        ...pairAnchor(ctx.text, offer),
        message: `We improve our offer on \`${on}\` to “${quote(offer.value, 40)}” before they answered our offer on line ${lineNumber(ctx.text, previous.offer!.range.start)}; wait for their response or ask what makes it difficult.`,
        fixes: fix ? [fix] : [],
      });
    }
    return out;
  },
};

function askInstead({ text }: NotesContext, move: Move): Fix | undefined {
  const offer = move.offer!;
  const span = pairSpan(offer);
  const withheld = `# withheld offer: ${offer.value.replace(/\s+/g, ' ').trim()}`;
  const title = `Ask instead: “${QUESTION}”`;
  const hasAsk = move.keys['ask'] !== undefined;
  if (move.flow) {
    if (hasAsk) return undefined;
    return { title, edits: [{ ...span, newText: `ask: ${yamlScalar(QUESTION, true)}` }], preferred: true };
  }
  if (!hasAsk) return { title, edits: [{ ...span, newText: `ask: ${yamlScalar(QUESTION)}  ${withheld}` }], preferred: true };
  const edits: TextEdit[] = [{ ...span, newText: withheld }];
  const emptyAsk = move.ask !== undefined && move.ask.value.trim() === '';
  if (emptyAsk) edits.push(setValue(text, move.ask!, QUESTION, false));
  return { title: emptyAsk ? title : 'Withdraw the offer (keep it as a comment)', edits, preferred: true };
}
