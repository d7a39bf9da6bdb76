// The typed model of a negotiation notes file. Every value carries where its key and its value are
// in the text (UTF-16 offsets, as the yaml package's ranges are), so findings and fixes can point at
// and edit exactly that text. Only well-typed values make it into the model: a wrong type or an
// unknown enum value is a `notes-schema` finding and is left out here.

import type { Category, Priority, Resistance, Side, Status } from './schema';

/** text[start, end). */
export interface Span {
  start: number;
  end: number;
}

/** A scalar value under a key. */
export interface Field<T extends string = string> {
  /** The value as text (numbers keep their source spelling: `195,000` stays a string, `195000` becomes "195000"); '' when left empty. */
  value: T;
  key: Span;
  /** The value's text, quotes included; an empty span where the value would go when it is left empty. */
  range: Span;
}

/** A private fact: a `Field` that also says whether YAML read it as a number. */
export interface PrivateFact extends Field {
  number?: number;
}

export interface ListItem {
  value: string;
  range: Span;
  /** The item's position in its list, from 0 (items that are not text are left out). */
  index: number;
}

/** A list of strings (`their_interests`, `plan`, `private.other`). */
export interface ListField {
  key: Span;
  /** The list's text (empty span when left empty). */
  range: Span;
  /** Written `[a, b]` rather than as `- a` lines. */
  flow: boolean;
  /** For a block list, the offset of each item's `-`. */
  dashes: number[];
  items: ListItem[];
}

/** A mapping that is an item of `issues`, `concessions` or `moves`. */
export interface Entry {
  /** The mapping's text, from its first key to the end of its last value. */
  range: Span;
  /** Written `{a: 1, b: 2}` rather than as `key: value` lines. */
  flow: boolean;
  /** The item's position in its list, from 0. */
  index: number;
  /** Every known key present in the mapping, valid or not: a key whose value has the wrong type is
   *  here but not among the fields, and a fix must not add it a second time. */
  keys: Partial<Record<string, Span>>;
}

export interface Issue extends Entry {
  id?: Field;
  title?: Field;
  category?: Field<Category>;
  priority?: Field<Priority>;
  resistance?: Field<Resistance>;
  position?: Field;
  benchmark?: Field;
  status?: Field<Status>;
  note?: Field;
}

export interface Concession extends Entry {
  give?: Field;
  get?: Field;
  issue?: Field;
  note?: Field;
}

export interface Move extends Entry {
  by?: Field<Side>;
  on?: Field;
  offer?: Field;
  ask?: Field;
  date?: Field;
  note?: Field;
}

export interface PrivateFacts {
  key: Span;
  range: Span;
  flow: boolean;
  /** Every known key present, valid or not. */
  keys: Partial<Record<string, Span>>;
  walk_away?: PrivateFact;
  budget_ceiling?: PrivateFact;
  deadline?: PrivateFact;
  batna?: PrivateFact;
  other?: ListField;
}

/** Where a list of mappings (`issues`, `concessions`, `moves`) is written. */
export interface Section {
  key: Span;
  /** The value's text; an empty span just after the colon when the value is left empty. */
  range: Span;
  /** 'block': `- ` items on their own lines; 'flow': `[...]`; 'empty': no value yet. */
  style: 'block' | 'flow' | 'empty';
  /** For a block list, the offset of each item's `-`. */
  dashes: number[];
  /** The end of the list's last content character (its range runs on over trailing comments). */
  contentEnd: number;
}

export type SectionName = 'issues' | 'concessions' | 'moves';

export interface NotesModel {
  /** The top-level mapping; absent when the document is empty or is not a mapping. */
  root?: { range: Span; flow: boolean };
  negotiation?: Field;
  we?: Field;
  they?: Field;
  draft?: Field;
  batna?: Field;
  private?: PrivateFacts;
  their_interests?: ListField;
  plan?: ListField;
  issues: Issue[];
  concessions: Concession[];
  moves: Move[];
  /** Where `issues`, `concessions` and `moves` are, when present with a list (or empty) value. */
  sections: Partial<Record<SectionName, Section>>;
  /** Every known top-level key that is present, valid or not, by name. */
  keys: Partial<Record<string, Span>>;
}
