// The shape of negotiation notes for an editor: an outline (the issues, the ledger and the moves),
// each issue's count of concessions given and received (a code lens), and what the ledger and the
// moves say about the issue under the cursor (a hover). Pure: offsets in, data out.

import type { Span } from '../segment';
import { parseNotes } from './parse';
import type { NotesModel } from './model';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'section' | 'issue' | 'concession' | 'move';
  range: Span;
  selection: Span;
  children?: OutlineSymbol[];
}

export interface IssueLens {
  /** The issue id's value, where the lens sits. */
  at: Span;
  id: string;
  given: number;
  received: number;
}

function clip(s: string, max = 60): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export function notesOutline(text: string): { symbols: OutlineSymbol[]; lenses: IssueLens[]; model: NotesModel } {
  const model = parseNotes(text).model;
  const symbols: OutlineSymbol[] = [];
  const section = (name: 'issues' | 'concessions' | 'moves', children: OutlineSymbol[]) => {
    const s = model.sections[name];
    if (!s) return;
    symbols.push({ name, kind: 'section', range: { start: s.key.start, end: Math.max(s.contentEnd, s.key.end) }, selection: s.key, children });
  };
  section(
    'issues',
    model.issues.map((i) => ({
      name: i.id?.value || `issue ${i.index + 1}`,
      detail: [i.priority?.value, i.position?.value && clip(i.position.value)].filter(Boolean).join(' · ') || undefined,
      kind: 'issue' as const,
      range: i.range,
      selection: i.id?.range ?? i.range,
    })),
  );
  section(
    'concessions',
    model.concessions.map((c) => ({
      name: c.give?.value ? `give: ${clip(c.give.value)}` : `concession ${c.index + 1}`,
      detail: c.get?.value ? `get: ${clip(c.get.value)}` : 'nothing in return',
      kind: 'concession' as const,
      range: c.range,
      selection: c.give?.range ?? c.range,
    })),
  );
  section(
    'moves',
    model.moves.map((m) => ({
      name: `${m.by?.value ?? '?'} on ${m.on?.value ?? '?'}`,
      detail: m.offer?.value ? clip(m.offer.value) : m.ask?.value ? `asks: ${clip(m.ask.value)}` : undefined,
      kind: 'move' as const,
      range: m.range,
      selection: m.on?.range ?? m.range,
    })),
  );
  const lenses = model.issues
    .filter((i) => i.id?.value)
    .map((i) => {
      const ledger = model.concessions.filter((c) => c.issue?.value === i.id!.value);
      return {
        at: i.id!.range,
        id: i.id!.value,
        given: ledger.filter((c) => c.give?.value).length,
        received: ledger.filter((c) => c.get?.value).length,
      };
    });
  return { symbols, lenses, model };
}

/** The issue id at an offset: on an issue's `id`, a ledger entry's `issue`, a move's `on`, or in
 *  the `plan`; with what the ledger and the moves record for it. */
export function issueAt(
  model: NotesModel,
  offset: number,
): { id: string; at: Span; ledger: { give: string; get?: string }[]; moves: { by: string; offer?: string }[] } | undefined {
  const inside = (f: { range: Span } | undefined): f is { value: string; range: Span } => f !== undefined && f.range.start <= offset && offset <= f.range.end;
  const fields: ({ value: string; range: Span } | undefined)[] = [
    ...model.issues.map((i) => i.id),
    ...model.concessions.map((c) => c.issue),
    ...model.moves.map((m) => m.on),
    ...(model.plan?.items ?? []).map((x) => ({ value: x.value, range: x.range })),
  ];
  const hit = fields.find(inside);
  if (!hit || !hit.value || !model.issues.some((i) => i.id?.value === hit.value)) return undefined;
  const id = hit.value;
  return {
    id,
    at: hit.range,
    ledger: model.concessions.filter((c) => c.issue?.value === id && c.give?.value).map((c) => ({ give: c.give!.value, ...(c.get?.value ? { get: c.get.value } : {}) })),
    moves: model.moves.filter((m) => m.on?.value === id).map((m) => ({ by: m.by?.value ?? '?', ...(m.offer?.value ? { offer: m.offer.value } : {}) })),
  };
}
