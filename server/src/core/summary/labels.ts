// Issue labels: the readable name of an issue (its title, else its id made readable) and the same
// name as it reads inside a sentence ("Cap for data protection claims" → "the cap for data
// protection claims"), keeping proper nouns and defined terms capitalised. Pure.

import type { Issue, NotesModel } from '../notes/model';

/** Prefixes and endings that keep their hyphen in an id made readable (`go-live`, `non-compete`). */
const HYPHEN_PREFIXES = new Set(['non', 'co', 're', 'pre', 'post', 'self', 'anti', 'sub', 'multi', 'cross', 'go', 'roll', 'lock', 'opt', 'kick', 'sign', 'step', 'e', 'x']);
const HYPHEN_ENDINGS = new Set(['in', 'out', 'up', 'off', 'on', 'live', 'over', 'back', 'down']);

/** "liability-cap" → "liability cap"; "go-live" stays "go-live"; "data_protection" → "data protection". */
export function readableId(id: string): string {
  return id
    .trim()
    .replace(/_+/g, ' ')
    .replace(/([\p{L}\p{N}]+)-(?=([\p{L}\p{N}]+))/gu, (whole, left: string, right: string) =>
      HYPHEN_PREFIXES.has(left.toLowerCase()) || HYPHEN_ENDINGS.has(right.toLowerCase()) || /^\p{N}+$/u.test(left) ? whole : `${left} `,
    )
    .replace(/\s+/g, ' ');
}

/** The issue's title, else its id made readable; '' when it has neither. */
export function issueLabel(issue: Issue): string {
  const title = issue.title?.value.replace(/\s+/g, ' ').trim();
  if (title) return title;
  return readableId(issue.id?.value ?? '');
}

/** Words that start a noun phrase on their own: no "the" in front of them. */
const DETERMINERS = /^(the|a|an|our|their|its|his|her|your|any|all|each|every|no|some|this|that|these|those|both|either|neither)\b/i;

/**
 * The label inside a running sentence: the first word lower-cased unless it is a proper noun, a
 * defined term or an acronym, and "the" in front unless it already starts with a determiner or a
 * possessive ("Harbor's reference").
 */
export function inSentence(label: string, properNouns: ReadonlySet<string>): string {
  const m = /^(\S+)(.*)$/su.exec(label.trim());
  if (!m) return '';
  let [, first, rest] = m as unknown as [string, string, string];
  const bare = first.replace(/[’']s$/u, '').replace(/[^\p{L}\p{N}-]/gu, '');
  const possessive = /[’']s$/u.test(first);
  if (isCapitalised(bare) && !properNouns.has(bare) && !possessive) first = first.charAt(0).toLowerCase() + first.slice(1);
  const phrase = first + rest;
  return DETERMINERS.test(phrase) || possessive ? phrase : `the ${phrase}`;
}

/** "Cap" (a capital, then lower case only): a word capitalised for being first. "SLA", "SaaS",
 *  "iPhone" and numbers are left as written. */
function isCapitalised(word: string): boolean {
  return /^\p{Lu}[\p{Ll}\p{N}-]*$/u.test(word) && /\p{Ll}/u.test(word);
}

/**
 * Words the notes themselves write with a capital in the middle of a sentence (proper nouns and
 * defined terms: "Harbor", "Customer"), plus the parties. Read only from the fields that are not
 * private: the title, the parties, the issues' titles, positions, benchmarks and notes, and the
 * other side's interests.
 */
export function properNounsOf(model: NotesModel, extra: readonly string[] = []): Set<string> {
  const out = new Set<string>();
  const add = (s: string | undefined, all = false) => {
    if (!s) return;
    const words = s.split(/\s+/).filter(Boolean);
    words.forEach((w, i) => {
      const bare = w.replace(/[’']s$/u, '').replace(/[^\p{L}\p{N}-]/gu, '');
      const afterStop = i > 0 && /[.!?:]$/.test(words[i - 1]!);
      if ((all || (i > 0 && !afterStop)) && /^\p{Lu}/u.test(bare)) out.add(bare);
    });
  };
  add(model.we?.value, true);
  add(model.they?.value, true);
  add(model.negotiation?.value);
  for (const issue of model.issues) {
    add(issue.title?.value);
    add(issue.position?.value);
    add(issue.benchmark?.value);
    add(issue.note?.value);
  }
  for (const item of model.their_interests?.items ?? []) add(item.value);
  for (const e of extra) add(e, true);
  return out;
}
