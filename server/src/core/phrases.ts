// Phrase lists compiled to regular expressions by the core, never taken as raw patterns from
// configuration. A phrase is a sequence of words; between words any run of whitespace matches
// (phrases wrap across lines), straight and curly apostrophes are the same, and `*` stands for
// one to six words. Each rule keeps its phrases as data so they can be read and extended.

const APOSTROPHE = "['’ʼ]";

function escapeWord(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’ʼ]/g, APOSTROPHE);
}

/** Turns one phrase into a pattern source. Words may already hold a small alternation written
 *  as (a|b) by rule authors; configuration phrases go through `literalPhraseSource`. */
export function phraseSource(phrase: string): string {
  return phrase
    .trim()
    .split(/\s+/)
    .map((w) => (w === '*' ? "[\\p{L}\\p{N}'’$€£%,.-]+(?:\\s+[\\p{L}\\p{N}'’$€£%,.-]+){0,5}" : w.replace(/['’]/g, APOSTROPHE)))
    .join('\\s+');
}

/** A phrase from configuration: every character is literal except `*` (one to six words). */
export function literalPhraseSource(phrase: string): string {
  return phrase
    .trim()
    .split(/\s+/)
    .map((w) => (w === '*' ? "[\\p{L}\\p{N}'’$€£%,.-]+(?:\\s+[\\p{L}\\p{N}'’$€£%,.-]+){0,5}" : escapeWord(w)))
    .join('\\s+');
}

/** One case-insensitive, word-bounded, global pattern for a phrase list. Longer phrases first, so
 *  that the longest alternative at a position wins. */
export function compilePhrases(phrases: readonly string[], literal = false): RegExp {
  const sources = [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => (literal ? literalPhraseSource(p) : phraseSource(p)));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${sources.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
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

export function test(re: RegExp, text: string, from: number, to: number): boolean {
  return findAll(re, text, from, to).some((m) => m.end <= to);
}
