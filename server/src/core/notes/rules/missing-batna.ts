// missing-batna: notes that record no best alternative to the deal (`batna:` absent or empty, and
// no `private.batna`). Without a credible alternative there is no walk-away point, and every
// demand is a bluff the other side can call.
//
// The fix writes a `batna:` stub on its own line after `they:` (else `we:`, else `negotiation:`,
// else before the first key), at the same indentation, or fills in an empty `batna:` in place.

import type { Fix, RawFinding } from '../../types';
import { addPair, columnOf, firstLine, lineStart, pairAnchor, pairSpan, setValue, yamlScalar } from '../edits';
import type { NotesRule } from '../rule';

export const BATNA_STUB = 'TODO: our best alternative if this deal fails';

export const missingBatna: NotesRule = {
  id: 'missing-batna',
  info: {
    id: 'missing-batna',
    defaultSeverity: 'warning',
    description: 'Negotiation notes that record no credible alternative (`batna:`) to this deal.',
    principle:
      'Know your best alternative before you negotiate. It sets the point at which you walk away, and working on it is the surest way for a weaker party to gain leverage.',
    example: { before: 'negotiation: Acme MSA', after: 'negotiation: Acme MSA\nbatna: Extend the Gamma pilot on current terms' },
  },
  check({ text, model, eol }) {
    const root = model.root;
    if (!root) return [];
    if (model.batna?.value.trim() || model.private?.batna?.value.trim()) return [];
    // A `batna` of the wrong type is the schema's to report.
    if ((!model.batna && model.keys['batna']) || (!model.private?.batna && model.private?.keys['batna'])) return [];
    const title = 'Add a `batna:` stub to fill in';
    if (model.batna) {
      return [
        {
          ...pairAnchor(text, model.batna),
          message: '`batna` is empty: without a credible alternative to this deal, every demand is a bluff the other side can call.',
          fixes: [{ title, edits: [setValue(text, model.batna, BATNA_STUB, root.flow)], preferred: true }],
        },
      ];
    }
    const after = model.they ?? model.we ?? model.negotiation;
    let span = firstLine(text, root.range.start, root.range.end);
    const fixes: Fix[] = [];
    if (after) {
      span = pairAnchor(text, after);
      fixes.push({ title, edits: [addPair(text, root, pairSpan(after).end, columnOf(text, after.key.start), 'batna', BATNA_STUB)], preferred: true });
    } else if (!root.flow) {
      const at = lineStart(text, root.range.start);
      const indent = ' '.repeat(columnOf(text, root.range.start));
      fixes.push({ title, edits: [{ start: at, end: at, newText: `${indent}batna: ${yamlScalar(BATNA_STUB)}${eol}` }], preferred: true });
    }
    const finding: RawFinding = {
      ...span,
      message: 'The notes record no BATNA: without a credible alternative to this deal, every demand is a bluff the other side can call.',
      fixes,
    };
    return [finding];
  },
};
