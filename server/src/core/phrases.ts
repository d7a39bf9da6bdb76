import { indexWords, KeyTable, keyHash, phraseKeys, type WordIndex } from './firstwords';

// Phrase lists compiled to regular expressions by the core, never taken as raw patterns from
// configuration. A phrase is a sequence of words; between words any run of whitespace matches
// (phrases wrap across lines), straight and curly apostrophes are the same, and `*` stands for
// one to six words. Each rule keeps its phrases as data so they can be read and extended.

const APOSTROPHE = "['’ʼ]";
/** Letters of Latin scripts: enough for word boundaries in the languages of our phrase lists,
 *  without the `u` flag, which makes case-insensitive matching about 5x slower in V8. */
const WORD_CHAR = 'A-Za-z0-9_\\u00C0-\\u024F';
const WILDCARD = `[${WORD_CHAR}'’$€£%,.-]+(?:\\s+[${WORD_CHAR}'’$€£%,.-]+){0,5}`;

function escapeWord(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’ʼ]/g, APOSTROPHE);
}

/** Turns one phrase into a pattern source. Words may already hold a small alternation written
 *  as (a|b) by rule authors; configuration phrases go through `literalPhraseSource`. */
/** A phrase as pattern sources, one per word. Words may already hold a small alternation written
 *  as (a|b) by rule authors; configuration phrases go through `literalWords`. */
function patternWords(phrase: string): string[] {
  return phrase
    .trim()
    .split(/\s+/)
    .map((w) => (w === '*' ? WILDCARD : w.replace(/['’]/g, APOSTROPHE)));
}

/** A phrase from configuration: every character is literal except `*` (one to six words). */
function literalWords(phrase: string): string[] {
  return phrase
    .trim()
    .split(/\s+/)
    .map((w) => (w === '*' ? WILDCARD : escapeWord(w)));
}

export function phraseSource(phrase: string): string {
  return patternWords(phrase).join('\\s+');
}

export function literalPhraseSource(phrase: string): string {
  return literalWords(phrase).join('\\s+');
}

function balanced(source: string): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '(') depth++;
    else if (source[i] === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Alternatives that share a leading word are merged under it: V8 does not merge shared prefixes
 *  itself, and a list where many phrases start with "we" or "i" then retries that word once per
 *  phrase at every "i" in the text. Longer phrases stay first, so the longest match still wins. */
function factored(phrases: string[][]): string {
  const groups = new Map<string, string[][]>();
  const order: string[] = [];
  for (const words of phrases) {
    const key = words.length > 1 && balanced(words[0]!) ? words[0]! : `\u0000${order.length}`;
    if (!groups.has(key)) {
      groups.set(key, []);
      order.push(key);
    }
    groups.get(key)!.push(words);
  }
  return order
    .map((key) => {
      const members = groups.get(key)!;
      if (members.length === 1) return members[0]!.join('\\s+');
      const rests = members.map((w) => w.slice(1).join('\\s+'));
      return `${members[0]![0]}\\s+(?:${rests.join('|')})`;
    })
    .join('|');
}

/** One case-insensitive, word-bounded, global pattern for a phrase list. Longer phrases first, so
 *  that the longest alternative at a position wins. Phrases that start with a word character get
 *  `\b` in front (V8 scans for those fast); the others (`$5`, `€`) a lookbehind. */
export function compilePhrases(phrases: readonly string[], literal = false): RegExp {
  const re = compileSources(phrases, literal);
  // Built-in lists may be scanned word by word (firstwords.ts); configured ones are always scanned
  // whole. Their first words are read when a list is first scanned, not here: most lists are only
  // ever tested on a sentence, and reading every list at start-up cost the server ~18 ms.
  if (!literal) lists.set(re, { phrases, dispatch: undefined });
  return re;
}

/** Phrases that start with a word character get `\b` in front; the others (`$5`, `€`) a lookbehind. */
function startsWithWord(words: string[]): boolean {
  return /^(?:[A-Za-z0-9]|\\d)/.test(words[0]!.replace(/^(?:\((?:\?:)?)+/, ''));
}

function compileSources(phrases: readonly string[], literal: boolean): RegExp {
  const sources = [...phrases].sort((a, b) => b.length - a.length).map((p) => (literal ? literalWords(p) : patternWords(p)));
  const words = sources.filter(startsWithWord);
  const others = sources.filter((s) => !startsWithWord(s));
  const alternatives = [words.length ? `\\b(?:${factored(words)})` : '', others.length ? `(?<![${WORD_CHAR}])(?:${factored(others)})` : '']
    .filter(Boolean)
    .join('|');
  // Authors group words as (a|b); nobody reads the groups, and capturing costs the engine a
  // register save per attempt, so every group is made non-capturing.
  return new RegExp(`(?:${nonCapturing(alternatives)})(?![${WORD_CHAR}])`, 'gi');
}

/** `(` that opens a capturing group becomes `(?:`; escaped parentheses and `(?...)` stay. */
function nonCapturing(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && source[i + 1] !== '?') {
      out += '(?:';
      continue;
    }
    out += c;
  }
  return out;
}

/** Limits that keep configured phrases cheap to match, whatever a playbook holds. */
export const PHRASE_LIMITS = { maxPhrases: 200, maxLength: 120, maxWildcards: 3 } as const;

/** Why a configured phrase cannot be used, or undefined when it can. */
export function phraseProblem(phrase: unknown): string | undefined {
  if (typeof phrase !== 'string') return 'a phrase must be a string';
  const words = phrase.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'a phrase must not be empty';
  if (phrase.length > PHRASE_LIMITS.maxLength) return `a phrase must be at most ${PHRASE_LIMITS.maxLength} characters`;
  if (words.every((w) => w === '*')) return 'a phrase needs at least one word besides `*`';
  if (words.filter((w) => w === '*').length > PHRASE_LIMITS.maxWildcards) return `a phrase may hold at most ${PHRASE_LIMITS.maxWildcards} \`*\``;
  return undefined;
}

const compiled = new Map<string, RegExp | null>();

/** The configured phrases of a family as one pattern (cached), skipping unusable ones; null when none. */
export function configuredPhrases(phrases: readonly unknown[] | undefined): RegExp | null {
  if (!phrases || phrases.length === 0) return null;
  const usable = phrases.filter((p): p is string => phraseProblem(p) === undefined).slice(0, PHRASE_LIMITS.maxPhrases);
  const key = JSON.stringify(usable);
  let re = compiled.get(key);
  if (re === undefined) {
    re = usable.length > 0 ? compilePhrases(usable, true) : null;
    if (compiled.size > 100) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

export interface Match {
  start: number;
  end: number;
  text: string;
}

export function findAll(re: RegExp, text: string, from = 0, to = text.length): Match[] {
  const out: Match[] = [];
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m.index >= to) break;
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

/** Whether the pattern matches inside text[from, to). Searching a slice keeps a miss from
 *  scanning the rest of the document. */
export function test(re: RegExp, text: string, from: number, to: number): boolean {
  re.lastIndex = 0;
  return re.test(text.slice(from, to));
}

// ---- Scanning by first words (firstwords.ts) -----------------------------------------------

/** A built-in list scanned word by word: its bit in the key table (set for each of its first
 *  words), and the list's pattern, sticky, to try at the words that have one of them. */
interface Dispatch {
  bit: number;
  sticky: RegExp;
}
/** The built-in lists by pattern; `dispatch` is null once a list's keys proved unreadable (or the
 *  table's bits ran out), undefined before its first scan. */
const lists = new WeakMap<RegExp, { phrases: readonly string[]; dispatch: Dispatch | null | undefined }>();
const keyTable = new KeyTable();
let nextBit = 1;
const indexes = new WeakMap<object, WordIndex>();

/** The list's dispatch, registered in the key table the first time it is asked for. */
function dispatchOf(re: RegExp): Dispatch | null {
  const list = lists.get(re);
  if (!list) return null;
  if (list.dispatch !== undefined) return list.dispatch;
  list.dispatch = null;
  const keys = new Set<string>();
  for (const p of list.phrases) {
    // Only after `\b` does a key that starts with an apostrophe ("'s") follow a word, as the word
    // pass assumes; a phrase matched after a lookbehind keeps the whole list scanned whole.
    const k = startsWithWord(patternWords(p)) ? phraseKeys(p) : null;
    if (!k) return null;
    for (const key of k) keys.add(key);
  }
  if (nextBit > 1 << 29) return null;
  const bit = nextBit;
  nextBit <<= 1;
  for (const key of keys) keyTable.add(keyHash(key), bit);
  // The whole pattern, tried at one position: the first phrase that matches there is the one the
  // global pattern would find there, and no phrase can match where no key starts.
  list.dispatch = { bit, sticky: new RegExp(re.source, 'iy') };
  return list.dispatch;
}

/** Whether a compiled list is scanned word by word (its phrases' first words could be listed). */
export function scannedByWords(re: RegExp): boolean {
  return dispatchOf(re) !== null;
}

/** Texts shorter than this are scanned list by list. On the 2 KB chunks of a short document the
 *  word pass gains nothing once warm (10k words: 8.3-8.9 ms either way), and before it is
 *  optimized it delayed a server's first diagnostics by 20-40 ms (reading the lists' first words,
 *  an interpreted first pass); the 8 KB chunks of a long document gain a third of the analysis. */
export const WORD_PASS_MIN = 8192;

/**
 * A scanner of a compiled phrase list over `text`: `next(from)` is the first match starting at or
 * after `from` (what `exec` with the `g` flag and `lastIndex = from` returns), or null. Calls must
 * go forward: each `from` past the index of the match returned before (the word pass keeps its
 * place, as matchesWithSentence uses it). `owner` is an object that lives as long as `text` is
 * scanned (the segmentation): the word pass is done once per owner and shared by every list
 * scanned over the same text.
 */
export function phraseScanner(re: RegExp, text: string, owner: object): (from: number) => RegExpExecArray | null {
  const dispatch = text.length >= WORD_PASS_MIN ? dispatchOf(re) : null;
  if (!dispatch) {
    return (from) => {
      re.lastIndex = from;
      return re.exec(text);
    };
  }
  let index = indexes.get(owner);
  if (!index || index.version !== keyTable.version) {
    index = indexWords(text, keyTable);
    indexes.set(owner, index);
  }
  const { at, bits, length } = index;
  const { bit, sticky } = dispatch;
  let k = 0;
  return (from) => {
    while (k < length && at[k]! < from) k++;
    for (; k < length; k++) {
      if ((bits[k]! & bit) === 0) continue;
      sticky.lastIndex = at[k]!;
      const m = sticky.exec(text);
      if (m) {
        k++;
        return m;
      }
    }
    return null;
  };
}
