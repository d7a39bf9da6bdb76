// Text edits that keep a notes file valid YAML: lines inserted at the indentation of their
// siblings and with the file's own line ending, values quoted when YAML would misread them, and
// `key: value` pairs added with `, key: value` inside a `{...}` mapping.

import type { TextEdit } from '../types';
import type { Field, Span } from './model';

/** The file's line ending: the first one used, else "\n". */
export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The offset of the line break ending the line that contains `offset` (or the text's end). */
export function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The offset just after the end of the line containing `offset`, line break included. */
export function nextLineStart(text: string, offset: number): number {
  const e = lineEnd(text, offset);
  if (text[e] === '\r' && text[e + 1] === '\n') return e + 2;
  return e < text.length ? e + 1 : e;
}

/** Columns count UTF-16 code units; YAML indentation is spaces only, so this is the indent. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** `offset` moved back over trailing whitespace, not before `floor`. */
export function trimEnd(text: string, offset: number, floor = 0): number {
  let i = offset;
  while (i > floor && /\s/.test(text[i - 1]!)) i--;
  return i;
}

/** Just after the `:` that follows a key ending at `keyEnd` (the key's end when not found on its line). */
export function colonEnd(text: string, keyEnd: number): number {
  let i = keyEnd;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === ':' ? i + 1 : keyEnd;
}

const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/** `s` as a YAML scalar: plain when YAML reads it back unchanged as a string, else double-quoted
 *  (a JSON string is a valid YAML double-quoted scalar). In flow context `,[]{}` need quotes too. */
export function yamlScalar(s: string, flow = false): string {
  const plain = flow ? /^[A-Za-z][A-Za-z0-9 ._/()'’-]*$/ : /^[A-Za-z][A-Za-z0-9 .,_/()'’-]*$/;
  if (plain.test(s) && !/\s$/.test(s) && !RESERVED.test(s)) return s;
  return JSON.stringify(s);
}

/** Adds `key: value` to a mapping after the text ending at `after` (a sibling pair's end): a new
 *  line at `column` in a block mapping, `, key: value` in a flow one. */
export function addPair(text: string, entry: { flow: boolean }, after: number, column: number, key: string, value: string): TextEdit {
  if (entry.flow) return { start: after, end: after, newText: `, ${key}: ${yamlScalar(value, true)}` };
  const at = lineEnd(text, after);
  return { start: at, end: at, newText: `${eolOf(text)}${' '.repeat(column)}${key}: ${yamlScalar(value)}` };
}

/** Gives an empty field a value: written after the colon (keeping any comment), or in place of
 *  an explicit `null`/`~`/`''`. */
export function setValue(text: string, field: Field<string>, value: string, flow: boolean): TextEdit {
  const scalar = yamlScalar(value, flow);
  if (field.range.start === field.range.end) {
    const at = colonEnd(text, field.key.end);
    return { start: at, end: at, newText: ` ${scalar}` };
  }
  return { start: field.range.start, end: field.range.end, newText: scalar };
}

/** From a key's start to the end of its value: where a finding about a whole `key: value` goes. */
export function pairSpan(field: Field<string>): Span {
  return { start: field.key.start, end: Math.max(field.key.end, field.range.end) };
}

/** Where a finding about a `key: value` goes: its first line. */
export function pairAnchor(text: string, field: Field<string>): Span {
  const span = pairSpan(field);
  return firstLine(text, span.start, span.end);
}

/** The span of a text's first line from `start`, without trailing whitespace (never empty when the
 *  line has content). */
export function firstLine(text: string, start: number, end: number): Span {
  const e = Math.min(end, lineEnd(text, start));
  const t = trimEnd(text, e, start);
  return { start, end: t > start ? t : Math.min(text.length, Math.max(e, start + 1)) };
}

/** The 1-based line number of an offset, for messages. */
export function lineNumber(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) n++;
  }
  return n;
}
