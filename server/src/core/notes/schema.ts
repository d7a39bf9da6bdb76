// The negotiation notes schema, as data. The parser validates against it, the rules read the enum
// values from it, and `toJsonSchema()` renders it as the JSON Schema that editors use
// (`schemas/negotiation-notes.schema.json`; a test keeps the two identical).
//
// Every scalar that is free text accepts a number too (`offer: 120000`) and may be left empty
// while the author is still writing (`benchmark:`): an empty value is not a schema error, and the
// rules treat it as absent.

export const CATEGORIES = ['economic', 'legal', 'operational', 'relationship'] as const;
export const PRIORITIES = ['must-have', 'want', 'tradeable', 'cannot-accept'] as const;
export const RESISTANCES = ['low', 'medium', 'high'] as const;
export const STATUSES = ['open', 'agreed', 'conceded', 'dropped'] as const;
export const SIDES = ['us', 'them'] as const;

export type Category = (typeof CATEGORIES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Resistance = (typeof RESISTANCES)[number];
export type Status = (typeof STATUSES)[number];
export type Side = (typeof SIDES)[number];

export type FieldType =
  /** A string or a number, or empty. */
  | { kind: 'text' }
  /** A string: an issue id, or a reference to one; `nullable` when it may be left empty. */
  | { kind: 'id'; nullable: boolean }
  /** One of the values; `nullable` when it may be left empty. */
  | { kind: 'enum'; values: readonly string[]; nullable: boolean }
  /** A list of strings or numbers (or empty). */
  | { kind: 'textList' }
  /** A mapping with its own keys (or empty). */
  | { kind: 'object'; object: ObjectSchema }
  /** A list of mappings (or empty). */
  | { kind: 'list'; of: ObjectSchema };

export interface FieldSchema {
  type: FieldType;
  description: string;
  required?: boolean;
}

export interface ObjectSchema {
  /** How messages name one of these: "an issue", "a move". */
  noun: string;
  description: string;
  fields: Readonly<Record<string, FieldSchema>>;
}

const text = (description: string, required = false): FieldSchema => ({ type: { kind: 'text' }, description, ...(required ? { required } : {}) });
const enumOf = (values: readonly string[], description: string, nullable = true, required = false): FieldSchema => ({
  type: { kind: 'enum', values, nullable },
  description,
  ...(required ? { required } : {}),
});

export const ISSUE: ObjectSchema = {
  noun: 'an issue',
  description: 'One term on the table. Many issues, not one: every extra issue is something to trade.',
  fields: {
    id: { type: { kind: 'id', nullable: false }, required: true, description: 'A short, unique name for the issue (e.g. `fees`), used by `plan`, `concessions` and `moves` to refer to it.' },
    title: text('A readable name for the issue, when the id is terse.'),
    category: enumOf(CATEGORIES, 'What kind of term it is: `economic` (price, payment), `legal` (liability, warranties, law), `operational` (scope, timing, support) or `relationship` (exclusivity, references, future work).'),
    priority: enumOf(PRIORITIES, 'How much it matters to us: `must-have`, `want`, `tradeable` (currency for trades: what we ask for in return when we concede, or give for something we value more) or `cannot-accept` (a term we must refuse).'),
    resistance: enumOf(RESISTANCES, 'How hard it will be to get the other side to agree: `low`, `medium` or `high`. Plan the easy ones first.'),
    position: text('What we ask for on this issue.'),
    benchmark: text('The objective standard behind our position: market practice, comparable deals, a published survey, law, policy or prior dealings.'),
    status: enumOf(STATUSES, 'Where the issue stands: `open`, `agreed`, `conceded` (we gave it up) or `dropped` (no longer on the table).'),
    note: text('Anything else worth remembering about the issue.'),
  },
};

export const CONCESSION: ObjectSchema = {
  noun: 'a concession',
  description: 'One entry of the ledger: what we give and what we get for it. Every give needs a get.',
  fields: {
    give: text('What we concede.', true),
    get: text('What we obtain in return for it.'),
    issue: { type: { kind: 'id', nullable: true }, description: 'The id of the issue the concession is on.' },
    note: text('Anything else worth remembering about this trade.'),
  },
};

export const MOVE: ObjectSchema = {
  noun: 'a move',
  description: 'One offer or question in the exchange, in order, to show whose turn it is on each issue.',
  fields: {
    by: enumOf(SIDES, 'Who made the move: `us` or `them`.', false, true),
    on: { type: { kind: 'id', nullable: false }, required: true, description: 'The id of the issue the move is on.' },
    offer: text('What was offered (e.g. `120,000`). Two offers by `us` on the same issue with no move by `them` between is negotiating against ourselves.'),
    ask: text('A question instead of an offer (e.g. "Which part of the proposal is difficult for you?"): it invites their answer without moving our position.'),
    date: text('When the move was made (e.g. `2026-11-14`).'),
    note: text('Anything else worth remembering about the move.'),
  },
};

export const PRIVATE: ObjectSchema = {
  noun: 'the private facts',
  description: 'Facts that must never appear in a draft or a letter to the other side.',
  fields: {
    walk_away: text('The point at which we walk away (e.g. the lowest fee we accept as supplier).'),
    budget_ceiling: text('The most we can pay (as buyer).'),
    deadline: text('The date by which we really need the deal (e.g. `2026-12-15`).'),
    batna: text('Our best alternative, when it is itself confidential.'),
    other: { type: { kind: 'textList' }, description: 'Any other facts never to disclose: internal pressure, what we value most.' },
  },
};

export const NOTES: ObjectSchema = {
  noun: 'the notes',
  description: 'Private negotiation notes for one deal, checked by Leverage.',
  fields: {
    negotiation: text('What the negotiation is about (e.g. "Acme master services agreement").'),
    we: text('The party we act for, as the draft names it (its defined term, e.g. `Supplier`).'),
    they: text('The other side, as the draft names it (e.g. `Customer`).'),
    draft: text('The draft these notes are about: a path relative to this file (default: the file with the same base name).'),
    batna: text('Our best alternative to a negotiated agreement: what we do if this deal fails. Without one, every demand is a bluff.'),
    private: { type: { kind: 'object', object: PRIVATE }, description: PRIVATE.description },
    their_interests: { type: { kind: 'textList' }, description: 'What the other side cares about (e.g. speed, certainty), to build offers they can accept.' },
    plan: { type: { kind: 'textList' }, description: 'The order in which we intend to raise the issues, as issue ids; without it, the order of `issues`.' },
    issues: { type: { kind: 'list', of: ISSUE }, description: ISSUE.description },
    concessions: { type: { kind: 'list', of: CONCESSION }, description: CONCESSION.description },
    moves: { type: { kind: 'list', of: MOVE }, description: MOVE.description },
  },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The schema as JSON Schema (draft-07), using only type, properties, additionalProperties: false,
 *  required, enum and items, so that a small validator can check it. */
export function toJsonSchema(): Json {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Leverage negotiation notes',
    ...objectJson(NOTES, false),
  };
}

function objectJson(o: ObjectSchema, nullable: boolean): { [key: string]: Json } {
  const properties: { [key: string]: Json } = {};
  for (const [name, field] of Object.entries(o.fields)) properties[name] = fieldJson(field);
  const required = Object.entries(o.fields).filter(([, f]) => f.required).map(([name]) => name);
  return {
    description: o.description,
    type: nullable ? ['object', 'null'] : 'object',
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

function fieldJson(f: FieldSchema): Json {
  const t = f.type;
  switch (t.kind) {
    case 'text':
      return { description: f.description, type: ['string', 'number', 'null'] };
    case 'id':
      return { description: f.description, type: t.nullable ? ['string', 'null'] : 'string' };
    case 'enum':
      return { description: f.description, enum: t.nullable ? [...t.values, null] : [...t.values] };
    case 'textList':
      return { description: f.description, type: ['array', 'null'], items: { type: ['string', 'number'] } };
    case 'object':
      return { ...objectJson(t.object, true), description: f.description };
    case 'list':
      return { description: f.description, type: ['array', 'null'], items: objectJson(t.of, false) };
  }
}
