// Word dispatch for phrase lists. A phrase list compiled to one regular expression is scanned by
// V8 position by position: over a 100k-word draft each list costs two to three times a plain pass,
// and six rules scan six lists. Every phrase of those lists starts with a literal word (6 to 56
// first words a list: "we", "our", "you", "the", "a", "whatever"...), so one pass over the words of
// a text can find, for all lists at once, the few positions where a phrase may start; each list
// then tries its pattern only there (sticky). The pattern still decides every match: the words only say where it is worth trying,
// and a position is skipped only where the pattern cannot match.
//
// A word's key is its leading ASCII letters and digits, lower-cased ("We're" → "we", "net-30" →
// "net"), or after a word an apostrophe and the letters that follow ("it's" → "'s"). A phrase's
// keys are read from its source: literal letters, groups of alternatives, optional parts; where
// the first word is not literal (`\d`, a character class, a wildcard) the list is scanned whole.

/** 2 for ASCII letters and digits, 1 for `_` (a word character for `\b`, not part of a key). */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  WORD[c] = /[A-Za-z0-9]/.test(ch) ? 2 : ch === '_' ? 1 : 0;
}
const APOSTROPHE = 39;

function isApostrophe(c: number): boolean {
  return c === APOSTROPHE || c === 0x2019 || c === 0x2bc;
}

/** The hash of a key, as the word pass computes it from the text. */
export function keyHash(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return h;
}

function isKeyChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 128 && WORD[code] === 2;
}

// ---- Keys of a phrase -------------------------------------------------------------------------

type Item =
  | { kind: 'char'; c: string; optional?: boolean; repeated?: boolean }
  | { kind: 'group'; alts: Item[][]; optional?: boolean; repeated?: boolean }
  | { kind: 'zero'; optional?: boolean; repeated?: boolean }
  | { kind: 'delimiter'; optional?: boolean; repeated?: boolean }
  | { kind: 'other'; optional?: boolean; repeated?: boolean };

/** Parses the alternatives of a phrase source (the authors' syntax: words, `(a|b)` groups, `?`,
 *  escapes, classes, lookarounds, `*` as a wildcard word) up to an unmatched `)` or the end. */
function parseAlternatives(s: string, at: { i: number }): Item[][] | null {
  const alts: Item[][] = [[]];
  while (at.i < s.length) {
    const c = s[at.i]!;
    if (c === ')') return alts;
    if (c === '|') {
      alts.push([]);
      at.i++;
      continue;
    }
    let item: Item;
    if (c === '(') {
      let zero = false;
      if (s[at.i + 1] === '?') {
        if (s[at.i + 2] === ':') at.i += 3;
        else if (s[at.i + 2] === '=' || s[at.i + 2] === '!') (zero = true), (at.i += 3);
        else if (s[at.i + 2] === '<' && (s[at.i + 3] === '=' || s[at.i + 3] === '!')) (zero = true), (at.i += 4);
        else return null;
      } else at.i++;
      const inner = parseAlternatives(s, at);
      if (!inner || s[at.i] !== ')') return null;
      at.i++;
      item = zero ? { kind: 'zero' } : { kind: 'group', alts: inner };
    } else if (c === '\\') {
      const e = s[at.i + 1];
      if (e === undefined) return null;
      at.i += 2;
      item =
        e === 'b' || e === 'B' ? { kind: 'zero' } : e === 's' || e === 'W' ? { kind: 'delimiter' } : /[A-Za-z0-9]/.test(e) ? { kind: 'other' } : { kind: 'char', c: e };
    } else if (c === '[') {
      let j = at.i + 1;
      while (j < s.length && s[j] !== ']') j += s[j] === '\\' ? 2 : 1;
      if (j >= s.length) return null;
      at.i = j + 1;
      item = { kind: 'other' };
    } else if (c === '^' || c === '$') {
      at.i++;
      item = { kind: 'zero' };
    } else if (c === '.' || c === '*' || c === '+' || c === '?' || c === '{') {
      // `.`, or `*` standing as a word (the wildcard); a quantifier here has nothing to repeat.
      at.i++;
      item = { kind: 'other' };
    } else {
      at.i++;
      item = { kind: 'char', c };
    }
    const q = s[at.i];
    if (q === '?') {
      item.optional = true;
      at.i++;
    } else if (q === '*' || q === '+' || q === '{') {
      item.repeated = true;
      item.optional = q === '*';
      if (q === '{') {
        const close = s.indexOf('}', at.i);
        if (close < 0) return null;
        item.optional = /^\{0\b/.test(s.slice(at.i));
        at.i = close + 1;
      } else at.i++;
      if (s[at.i] === '?') at.i++;
    }
    alts[alts.length - 1]!.push(item);
  }
  return alts;
}

const MAX_STATES = 4096;

/** Reads a sequence from the open prefixes; finished keys go to `done`. Null: not readable. */
function readSequence(items: readonly Item[], open: Set<string>, done: Set<string>): Set<string> | null {
  for (const item of items) {
    if (open.size === 0) return open;
    const read = readItem(item, open, done);
    if (!read) return null;
    if (item.optional) for (const p of open) read.add(p);
    if (read.size > MAX_STATES) return null;
    open = read;
  }
  return open;
}

function readItem(item: Item, open: Set<string>, done: Set<string>): Set<string> | null {
  if (item.kind === 'zero') return new Set(open);
  if (item.kind === 'delimiter') {
    // Never a letter: it ends every key, and cannot start one.
    if (open.has('')) return null;
    for (const p of open) done.add(p);
    return new Set();
  }
  // A repeated or unknown part before the first word is complete: its keys cannot be listed.
  if (item.kind === 'other' || (item.repeated && !(item.kind === 'char' && !isKeyChar(item.c)))) return null;
  if (item.kind === 'group') {
    const out = new Set<string>();
    for (const alt of item.alts) {
      const read = readSequence(alt, new Set(open), done);
      if (!read) return null;
      for (const p of read) out.add(p);
    }
    return out;
  }
  const code = item.c.charCodeAt(0);
  const out = new Set<string>();
  if (isKeyChar(item.c)) {
    for (const p of open) out.add(p + item.c.toLowerCase());
  } else {
    for (const p of open) {
      if (p === '' && isApostrophe(code)) out.add("'");
      else done.add(p);
    }
  }
  return out;
}

/** A literal first word, or a group of literal alternatives, then a space, an apostrophe form, a
 *  hyphen or the end: most phrases, read with one pattern instead of the parser below (which,
 *  running once per list before it is optimized, costs about as much as a list's first scan). The
 *  character after the word must be there: `up-?front` can also start with "upfront". */
const FIRST_WORD = /^([A-Za-z0-9]+)(?=$| |['’-](?![?*+{]))/;
const FIRST_GROUP = /^\(((?:[A-Za-z0-9'’ ]+\|)*[A-Za-z0-9'’ ]+)\)(?=$| |['’-](?![?*+{]))/;
const ALTERNATIVE_KEY = /^(?:[A-Za-z0-9]+|['’][A-Za-z0-9]+)/;

/** The keys a phrase (authors' syntax) can start with, or null when they cannot be listed. */
export function phraseKeys(phrase: string): Set<string> | null {
  const trimmed = phrase.trim();
  const word = FIRST_WORD.exec(trimmed);
  if (word) return new Set([word[1]!.toLowerCase()]);
  const group = FIRST_GROUP.exec(trimmed);
  if (group) {
    const keys = new Set<string>();
    for (const alternative of group[1]!.split('|')) {
      const key = ALTERNATIVE_KEY.exec(alternative)?.[0];
      if (!key) return parsedPhraseKeys(phrase);
      keys.add(key.toLowerCase().replace('’', "'"));
    }
    return keys;
  }
  return parsedPhraseKeys(phrase);
}

/** phraseKeys by the parser alone, for any phrase. */
export function parsedPhraseKeys(phrase: string): Set<string> | null {
  const source = phrase.trim().replace(/\s+/g, ' ');
  const at = { i: 0 };
  const alts = parseAlternatives(source, at);
  if (!alts || at.i !== source.length) return null;
  const done = new Set<string>();
  const open = readSequence([{ kind: 'group', alts }], new Set(['']), done);
  if (!open) return null;
  for (const p of open) done.add(p);
  if (done.has('') || done.has("'")) return null;
  return done;
}

// ---- The word pass --------------------------------------------------------------------------

/** Key hash → the bits of the lists that have the key: open addressing over typed arrays (a Map
 *  lookup per word of a long document costs a third of the whole word pass). */
export class KeyTable {
  private hashes = new Int32Array(256);
  private bits = new Int32Array(256);
  private size = 0;
  /** Bumped on every change: word indexes built before are stale. */
  version = 0;

  add(hash: number, bit: number): void {
    if ((this.size + 1) * 2 > this.bits.length) this.grow();
    const slot = this.slot(hash);
    if (this.bits[slot] === 0) {
      this.hashes[slot] = hash;
      this.size++;
    }
    this.bits[slot]! |= bit;
    this.version++;
  }

  /** The bits of a hash, 0 when no list has it. */
  get(hash: number): number {
    return this.bits[this.slot(hash)]!;
  }

  private slot(hash: number): number {
    const mask = this.bits.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    while (this.bits[slot] !== 0 && this.hashes[slot] !== hash) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { hashes, bits } = this;
    this.hashes = new Int32Array(bits.length * 2);
    this.bits = new Int32Array(bits.length * 2);
    this.size = 0;
    for (let i = 0; i < bits.length; i++) {
      if (bits[i] === 0) continue;
      const slot = this.slot(hashes[i]!);
      this.hashes[slot] = hashes[i]!;
      this.bits[slot] = bits[i]!;
      this.size++;
    }
  }
}

/** Positions where a phrase of a registered list may start, with the bits of the lists that have
 *  the word there as a key. */
export interface WordIndex {
  readonly version: number;
  readonly length: number;
  readonly at: Int32Array;
  readonly bits: Int32Array;
}

/** Every word of the text whose key is in the table, in order: the only places a dispatched list
 *  can match. A word starts where `\b` would see one (after anything but [A-Za-z0-9_]). */
export function indexWords(s: string, table: KeyTable): WordIndex {
  const n = s.length;
  let at: Int32Array = new Int32Array(64);
  let bits: Int32Array = new Int32Array(64);
  let length = 0;
  const add = (position: number, b: number) => {
    if (length === at.length) {
      at = grown(at);
      bits = grown(bits);
    }
    at[length] = position;
    bits[length++] = b;
  };
  let afterWord = false;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 128 && WORD[c] !== 0) {
      if (!afterWord) {
        let h = 0;
        let j = i;
        for (; j < n; j++) {
          const d = s.charCodeAt(j);
          if (d >= 128 || WORD[d] !== 2) break;
          h = (Math.imul(h, 31) + (d | 0x20)) | 0;
        }
        if (j > i) {
          const b = table.get(h);
          if (b !== 0) add(i, b);
        }
        i = j;
        afterWord = true;
      } else i++;
      continue;
    }
    if (afterWord && isApostrophe(c)) {
      let h = APOSTROPHE;
      let j = i + 1;
      for (; j < n; j++) {
        const d = s.charCodeAt(j);
        if (d >= 128 || WORD[d] !== 2) break;
        h = (Math.imul(h, 31) + (d | 0x20)) | 0;
      }
      if (j > i + 1) {
        const b = table.get(h);
        if (b !== 0) add(i, b);
      }
    }
    afterWord = false;
    i++;
  }
  return { version: table.version, length, at, bits };
}

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
