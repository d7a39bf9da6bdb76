// Reads a negotiation notes file into the typed model, with the position of every key and value,
// and reports what does not fit the schema as `notes-schema` findings: invalid YAML (the yaml
// package's own errors and positions), unknown keys, wrong types, unknown enum values and missing
// required keys. Fixes are offered only when unambiguous (a misspelt key or value, a single
// value where a list is expected, a number where an id is expected).
//
// Positions come from the yaml package's node ranges, which are JavaScript string indices, that
// is UTF-16 code units, like the rest of the core. Nothing is guessed from lines and columns.

import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLError, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Fix, RawFinding } from '../types';
import { colonEnd, firstLine, lineEnd, trimEnd, yamlScalar } from './edits';
import type { Entry, Field, ListField, NotesModel, PrivateFact, PrivateFacts, Section, SectionName, Span } from './model';
import { NOTES, PRIVATE, type FieldSchema, type ObjectSchema } from './schema';
import { closest } from './spelling';

export interface ParsedNotes {
  model: NotesModel;
  /** `notes-schema` findings. */
  findings: RawFinding[];
  /** True when the text is not valid YAML: the model is then a best effort, and only the syntax
   *  errors are reported (their fallout would be noise). Warnings (an unknown tag) do not count. */
  invalidYaml: boolean;
}

export function parseNotes(text: string): ParsedNotes {
  const doc = parseDocument(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  const reader = new Reader(text, doc);
  const model = reader.readRoot();
  if (doc.errors.length > 0) return { model, findings: yamlProblems(text, doc.errors, true), invalidYaml: true };
  return { model, findings: [...yamlProblems(text, doc.warnings, false), ...reader.findings], invalidYaml: false };
}

function yamlProblems(text: string, problems: readonly YAMLError[], error: boolean): RawFinding[] {
  return problems.map((e) => {
    const message = e.message.split('\n')[0]!.replace(/[.:]\s*$/, '');
    let span = visible(text, nonEmpty(text, e.pos[0], e.pos[1]));
    // The parser points at a duplicate key's first character: mark the whole key.
    if (e.code === 'DUPLICATE_KEY') span = { start: span.start, end: Math.max(span.end, keyEnd(text, span.start)) };
    return {
      ...span,
      message: error ? `Invalid YAML: ${message} (nothing else in the notes is checked until this is fixed).` : `Questionable YAML: ${message}.`,
      fixes: [],
    };
  });
}

/** A non-empty span inside the text that does not split a surrogate pair. */
function nonEmpty(text: string, start: number, end: number): Span {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (e === s) {
    if (e < text.length) e++;
    else if (s > 0) s--;
  }
  if (s > 0 && isLow(text.charCodeAt(s))) s--;
  if (e < text.length && isLow(text.charCodeAt(e))) e++;
  return { start: s, end: e };
}

/** A span of blanks (the yaml package points at the indentation for some errors) moved onto the
 *  text that follows it on the same line. */
function visible(text: string, span: Span): Span {
  if (text.slice(span.start, span.end).trim() !== '') return span;
  let s = span.end;
  while (s < text.length && (text[s] === ' ' || text[s] === '\t')) s++;
  const e = trimEnd(text, lineEnd(text, s), s);
  return e > s ? { start: s, end: e } : span;
}

/** The end of a key starting at `start`: up to its `: ` (or the line's end). */
function keyEnd(text: string, start: number): number {
  const end = lineEnd(text, start);
  const m = /:(\s|$)/.exec(text.slice(start, end));
  return m ? start + m.index : end;
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

type Shape = 'empty' | 'string' | 'number' | 'boolean' | 'list' | 'mapping';

const SHAPE_NAMES: Record<Shape, string> = {
  empty: 'nothing',
  string: 'text',
  number: 'a number',
  boolean: 'true/false',
  list: 'a list',
  mapping: 'a mapping',
};

/** A value as read: the node (aliases resolved), and where it is written. */
interface Value {
  node: Node | null;
  shape: Shape;
  range: Span;
}

const list = (xs: readonly string[]) => xs.join(', ');

class Reader {
  readonly findings: RawFinding[] = [];

  constructor(
    private readonly text: string,
    private readonly doc: Document,
  ) {}

  readRoot(): NotesModel {
    const model: NotesModel = { issues: [], concessions: [], moves: [], sections: {}, keys: {} };
    const contents = this.doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null && (contents.source ?? '') === '')) return model;
    const root = this.deref(contents);
    if (!isMap(root)) {
      const v = this.value(contents, contents.range?.[0] ?? 0);
      this.report(
        firstLine(this.text, v.range.start, v.range.end),
        `The notes should be a mapping of keys (${list(Object.keys(NOTES.fields))}), found ${SHAPE_NAMES[v.shape]}.`,
      );
      return model;
    }
    model.root = { range: this.span(root), flow: Boolean(root.flow) };
    const pairs = this.readPairs(root, NOTES, 'at the top level');
    for (const [name, { key, value }] of pairs) {
      model.keys[name] = key;
      const schema = NOTES.fields[name]!;
      switch (schema.type.kind) {
        case 'text':
          this.assign(model, name, this.textField(name, key, value));
          break;
        case 'textList':
          this.assign(model, name, this.textList(name, key, value));
          break;
        case 'object':
          model.private = this.privateFacts(key, value);
          break;
        case 'list': {
          const section = name as SectionName;
          const read = this.entries(section, schema.type.of, key, value);
          if (read) {
            model.sections[section] = read.section;
            (model[section] as Entry[]).push(...read.entries);
          }
          break;
        }
        default:
          break;
      }
    }
    return model;
  }

  private privateFacts(key: Span, value: Value): PrivateFacts | undefined {
    if (value.shape === 'empty') return { key, range: value.range, flow: false, keys: {} };
    if (!isMap(value.node)) {
      this.wrongType('private', 'a mapping', key, value);
      return undefined;
    }
    const facts: PrivateFacts = { key, range: value.range, flow: Boolean(value.node.flow), keys: {} };
    for (const [name, read] of this.readPairs(value.node, PRIVATE, 'under `private`')) {
      facts.keys[name] = read.key;
      if (name === 'other') {
        facts.other = this.textList(name, read.key, read.value);
        continue;
      }
      const field = this.textField(name, read.key, read.value) as PrivateFact | undefined;
      if (!field) continue;
      if (isScalar(read.value.node) && typeof read.value.node.value === 'number') field.number = read.value.node.value;
      this.assign(facts, name, field);
    }
    return facts;
  }

  private entries(name: SectionName, of: ObjectSchema, key: Span, value: Value): { section: Section; entries: Entry[] } | undefined {
    if (value.shape === 'empty') {
      return { section: { key, range: value.range, style: 'empty', dashes: [], contentEnd: colonEnd(this.text, key.end) }, entries: [] };
    }
    if (!isSeq(value.node)) {
      this.wrongType(name, `a list of items with keys such as ${list(Object.keys(of.fields).slice(0, 4))}`, key, value);
      return undefined;
    }
    const seq = value.node;
    const section: Section = {
      key,
      range: value.range,
      style: seq.flow ? 'flow' : 'block',
      dashes: seq.flow ? [] : this.dashes(seq),
      contentEnd: seq.items.length ? this.contentEnd(seq) : trimEnd(this.text, value.range.end, value.range.start),
    };
    const entries: Entry[] = [];
    seq.items.forEach((item, index) => {
      const itemNode = item as Node | null;
      const v = this.value(itemNode, section.dashes[index] !== undefined ? section.dashes[index]! + 1 : value.range.start);
      if (!isMap(v.node)) {
        this.report(
          v.shape === 'empty' ? this.dashSpan(section, index, v) : firstLine(this.text, v.range.start, v.range.end),
          `Each item of \`${name}\` should be ${of.noun} with keys such as ${list(Object.keys(of.fields).slice(0, 4))}, found ${SHAPE_NAMES[v.shape]}.`,
        );
        return;
      }
      const map = v.node;
      const entry: Entry & Record<string, unknown> = { range: { start: v.range.start, end: this.contentEnd(map) }, flow: Boolean(map.flow), index, keys: {} };
      const pairs = this.readPairs(map, of, `in ${of.noun}`);
      for (const [field, read] of pairs) {
        entry.keys[field] = read.key;
        const schema = of.fields[field]!;
        const typed = this.scalarField(field, schema, read.key, read.value);
        if (typed) entry[field] = typed;
      }
      for (const [field, schema] of Object.entries(of.fields)) {
        if (schema.required && !pairs.has(field)) {
          this.report(
            firstLine(this.text, entry.range.start, entry.range.end),
            `${capitalise(of.noun)} needs \`${field}\`: ${schema.description}`,
          );
        }
      }
      entries.push(entry);
    });
    return { section, entries };
  }

  /** The known pairs of a mapping by key name; unknown keys are reported. */
  private readPairs(map: YAMLMap, schema: ObjectSchema, where: string): Map<string, { key: Span; value: Value }> {
    const out = new Map<string, { key: Span; value: Value }>();
    const allowed = Object.keys(schema.fields);
    const present = new Set<string>();
    for (const item of map.items) {
      if (isScalar(item.key)) present.add(String(item.key.value));
    }
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const keyNode = item.key as Node | null;
      const keyRange = keyNode?.range ? { start: keyNode.range[0], end: keyNode.range[1] } : undefined;
      const name = isScalar(keyNode) ? String(keyNode.value) : keyRange ? this.text.slice(keyRange.start, keyRange.end) : '';
      const value = this.value(item.value as Node | null, keyRange ? colonEnd(this.text, keyRange.end) : this.span(map).start);
      if (!keyRange) continue;
      if (!Object.prototype.hasOwnProperty.call(schema.fields, name)) {
        const suggestion = isScalar(keyNode) ? closest(name, allowed.filter((k) => !present.has(k))) : undefined;
        const fixes: Fix[] = suggestion
          ? [{ title: `Rename to \`${suggestion}\``, edits: [{ start: keyRange.start, end: keyRange.end, newText: suggestion }], preferred: true }]
          : [];
        this.report(
          nonEmpty(this.text, keyRange.start, keyRange.end),
          `Unknown key \`${name}\` ${where}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}; allowed: ${list(allowed)}.`,
          fixes,
        );
        continue;
      }
      out.set(name, { key: keyRange, value });
    }
    return out;
  }

  private scalarField(name: string, schema: FieldSchema, key: Span, value: Value): Field | undefined {
    const t = schema.type;
    switch (t.kind) {
      case 'text':
        return this.textField(name, key, value);
      case 'id': {
        if (value.shape === 'string') return { value: String((value.node as { value: unknown }).value), key, range: value.range };
        if (value.shape === 'empty') {
          if (t.nullable) return undefined;
          this.report(this.keySpan(key, value), `\`${name}\` needs a value: ${schema.description}`);
          return undefined;
        }
        const source = this.text.slice(value.range.start, value.range.end);
        const quote: Fix[] =
          value.shape === 'number' || value.shape === 'boolean'
            ? [{ title: `Write it as text: ${JSON.stringify(source)}`, edits: [{ ...value.range, newText: JSON.stringify(source) }], preferred: true }]
            : [];
        this.report(this.valueSpan(key, value), `\`${name}\` should be text (an issue id), found ${SHAPE_NAMES[value.shape]}.`, quote);
        return undefined;
      }
      case 'enum': {
        if (value.shape === 'empty') {
          if (!t.nullable) this.report(this.keySpan(key, value), `\`${name}\` needs a value: one of ${list(t.values)}.`);
          return undefined;
        }
        const raw = isScalar(value.node) ? value.node.value : undefined;
        if (typeof raw === 'string' && t.values.includes(raw)) return { value: raw, key, range: value.range };
        const written = value.shape === 'string' || value.shape === 'number' || value.shape === 'boolean' ? String(raw) : SHAPE_NAMES[value.shape];
        const suggestion = value.shape === 'string' || value.shape === 'number' || value.shape === 'boolean' ? closest(written, t.values) : undefined;
        const fixes: Fix[] = suggestion
          ? [{ title: `Change to \`${suggestion}\``, edits: [{ ...value.range, newText: suggestion }], preferred: true }]
          : [];
        this.report(
          this.valueSpan(key, value),
          `Unknown ${name} \`${written}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}; allowed: ${list(t.values)}.`,
          fixes,
        );
        return undefined;
      }
      default:
        this.wrongType(name, 'a single value', key, value);
        return undefined;
    }
  }

  private textField(name: string, key: Span, value: Value): Field | undefined {
    switch (value.shape) {
      case 'empty':
        return { value: '', key, range: value.range };
      case 'string':
        return { value: String((value.node as { value: unknown }).value), key, range: value.range };
      case 'number':
        return { value: this.text.slice(value.range.start, value.range.end), key, range: value.range };
      default: {
        const fixes: Fix[] = [];
        if (value.shape === 'boolean') {
          const source = this.text.slice(value.range.start, value.range.end);
          fixes.push({ title: `Write it as text: ${JSON.stringify(source)}`, edits: [{ ...value.range, newText: JSON.stringify(source) }], preferred: true });
        }
        this.report(this.valueSpan(key, value), `\`${name}\` should be text, found ${SHAPE_NAMES[value.shape]}.`, fixes);
        return undefined;
      }
    }
  }

  private textList(name: string, key: Span, value: Value): ListField | undefined {
    if (value.shape === 'empty') return { key, range: value.range, flow: false, dashes: [], items: [] };
    if (value.shape === 'string' || value.shape === 'number') {
      // One value where a list is expected: offer to make it a list of one.
      const node = value.node as { value: unknown; type?: string };
      const source = this.text.slice(value.range.start, value.range.end);
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      const item = quoted && !source.includes('\n') ? source : yamlScalar(String(node.value), true);
      this.report(this.valueSpan(key, value), `\`${name}\` should be a list, found ${SHAPE_NAMES[value.shape]}.`, [
        { title: `Make it a list: [${item}]`, edits: [{ ...value.range, newText: `[${item}]` }], preferred: true },
      ]);
      return undefined;
    }
    if (!isSeq(value.node)) {
      this.wrongType(name, 'a list', key, value);
      return undefined;
    }
    const dashes = value.node.flow ? [] : this.dashes(value.node);
    const field: ListField = { key, range: value.range, flow: Boolean(value.node.flow), dashes, items: [] };
    value.node.items.forEach((raw, i) => {
      const v = this.value(raw as Node | null, dashes[i] !== undefined ? dashes[i]! + 1 : value.range.start);
      if (v.shape === 'string' || v.shape === 'number') {
        const s = v.shape === 'number' ? this.text.slice(v.range.start, v.range.end) : String((v.node as { value: unknown }).value);
        field.items.push({ value: s, range: v.range, index: i });
        return;
      }
      const at = v.shape === 'empty' && dashes[i] !== undefined ? nonEmpty(this.text, dashes[i]!, dashes[i]! + 1) : this.valueSpan(key, v);
      this.report(at, `Each item of \`${name}\` should be text, found ${SHAPE_NAMES[v.shape]}.`);
    });
    return field;
  }

  private wrongType(name: string, expected: string, key: Span, value: Value): void {
    this.report(this.valueSpan(key, value), `\`${name}\` should be ${expected}, found ${SHAPE_NAMES[value.shape]}.`);
  }

  private value(raw: Node | null, emptyAt: number): Value {
    const node = raw === null ? null : this.deref(raw);
    const range = raw?.range ? { start: raw.range[0], end: raw.range[1] } : { start: emptyAt, end: emptyAt };
    let shape: Shape;
    if (node === null) shape = 'empty';
    else if (isMap(node)) shape = 'mapping';
    else if (isSeq(node)) shape = 'list';
    else if (isScalar(node)) {
      const v = node.value;
      shape = v === null || v === undefined ? 'empty' : typeof v === 'number' || typeof v === 'bigint' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
    } else shape = 'empty';
    // An empty value written as nothing at all: put its span just after the colon.
    if (shape === 'empty' && range.start === range.end) return { node, shape, range: { start: emptyAt, end: emptyAt } };
    // A block scalar's range runs on over its final line break.
    if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) range.end = trimEnd(this.text, range.end, range.start);
    return { node, shape, range };
  }

  private deref(node: Node): Node | null {
    if (!isAlias(node)) return node;
    const target = node.resolve(this.doc);
    return (target as Node | undefined) ?? null;
  }

  private dashes(seq: YAMLSeq): number[] {
    const token = seq.srcToken as { items?: { start: { type: string; offset: number }[] }[] } | undefined;
    if (!token?.items) return [];
    return token.items.map((it) => it.start.find((t) => t.type === 'seq-item-ind')?.offset ?? -1);
  }

  private dashSpan(section: Section, index: number, v: Value): Span {
    const dash = section.dashes[index];
    return dash !== undefined && dash >= 0 ? nonEmpty(this.text, dash, dash + 1) : nonEmpty(this.text, v.range.start, v.range.end);
  }

  /** The end of a node's last content character (block collections' ranges run on over trailing
   *  comments and blank lines that belong to what follows). */
  contentEnd(node: Node | null): number {
    if (!node || !node.range) return 0;
    if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
      const last = node.items[node.items.length - 1] as unknown;
      if (isPair(last)) {
        const key = last.key as Node | null;
        const value = last.value as Node | null;
        const keyEnd = key?.range ? key.range[1] : node.range[0];
        const after = colonEnd(this.text, keyEnd);
        if (!value || !value.range || (isScalar(value) && value.value === null && (value.source ?? '') === '')) return after;
        return Math.max(after, this.contentEnd(value));
      }
      return this.contentEnd(last as Node | null);
    }
    return trimEnd(this.text, node.range[1], node.range[0]);
  }

  private span(node: Node): Span {
    return { start: node.range?.[0] ?? 0, end: this.contentEnd(node) };
  }

  /** The value, or the key when the value is empty. */
  private valueSpan(key: Span, value: Value): Span {
    if (value.range.start === value.range.end) return nonEmpty(this.text, key.start, key.end);
    return firstLine(this.text, value.range.start, value.range.end);
  }

  private keySpan(key: Span, value: Value): Span {
    return nonEmpty(this.text, key.start, Math.max(key.end, value.range.end));
  }

  private assign(target: object, name: string, value: unknown): void {
    if (value !== undefined) (target as Record<string, unknown>)[name] = value;
  }

  private report(span: Span, message: string, fixes: Fix[] = []): void {
    this.findings.push({ start: span.start, end: span.end, message, fixes });
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
