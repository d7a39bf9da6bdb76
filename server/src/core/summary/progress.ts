// The progress paragraph: a short text for the other side that names what is already agreed and
// what remains ("We have already aligned on the scope, the timeline and the payment process. The
// remaining points are the liability cap and the term."). Summarising progress makes the
// remaining points look few and small.
//
// It goes out, so it is built from issue labels only (titles, else ids), never from a position,
// a benchmark, the BATNA, the ledger or anything under `private:`. A label can still carry a
// private fact (a title naming the walk-away fee): each label is tested with the leaked-position
// rule's own detection against the notes' private facts, and also for a private value written
// verbatim; a title that leaks falls back to the issue's id, and an issue whose id leaks too is
// counted ("and one other point") instead of named. The finished paragraph is tested once more
// (it falls back to counts only: "We have already aligned on three points.").
//
// Which issues: `agreed` and `conceded` ones are settled (conceded: we gave it, so both sides are
// aligned on it), in the order of `issues`; `open` ones (or with no status) remain, in the order
// of the plan, then the order of `issues`; `dropped` ones are off the table and not mentioned.

import type { Issue, NotesModel } from '../notes/model';
import { findLeaks } from '../rules/leaked-position';
import { segment, sentenceIndexAt } from '../segment';
import { inSentence, issueLabel, properNounsOf, readableId } from './labels';

/** "A", "A and B", "A, B and C". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const count = (n: number) => NUMBERS[n] ?? String(n);
const points = (n: number, what = 'point') => `${count(n)} ${what}${n === 1 ? '' : 's'}`;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Does the text give away one of the notes' private facts? The leaked-position rule's test
 *  (verbatim, amounts within 5%, dates written another way), plus any private value of three or
 *  more characters written verbatim. */
export function leaksPrivateFact(text: string, model: NotesModel): boolean {
  const seg = segment(text, 'plaintext');
  const sentenceAt = (o: number) => {
    const i = sentenceIndexAt(seg.sentences, o);
    return i < 0 ? undefined : seg.sentences[i];
  };
  if (findLeaks(text, seg.masked, model, sentenceAt).length > 0) return true;
  const lower = normalise(text);
  return privateValues(model).some((v) => v.length >= 3 && lower.includes(v));
}

function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

function privateValues(model: NotesModel): string[] {
  const p = model.private;
  const values = [p?.walk_away, p?.budget_ceiling, p?.deadline, p?.batna, model.batna].map((f) => f?.value ?? '');
  for (const item of p?.other?.items ?? []) values.push(item.value);
  return values.map(normalise).filter(Boolean);
}

/** The issue as the paragraph names it, or undefined when neither its title nor its id can be said
 *  without giving a private fact away. */
function safeName(issue: Issue, model: NotesModel, properNouns: ReadonlySet<string>): string | undefined {
  const candidates = [issueLabel(issue), readableId(issue.id?.value ?? '')].filter(Boolean);
  for (const label of candidates) {
    const phrase = inSentence(label, properNouns);
    if (phrase && !leaksPrivateFact(`${phrase}.`, model)) return phrase;
  }
  return undefined;
}

const isSettled = (i: Issue) => i.status?.value === 'agreed' || i.status?.value === 'conceded';
const isRemaining = (i: Issue) => !i.status || i.status.value === 'open';

/** The open issues in the planned order: the plan's issues first, then the others as listed. */
export function remainingInOrder(model: NotesModel): Issue[] {
  const open = model.issues.filter((i) => isRemaining(i) && (i.id?.value || i.title?.value));
  const planned: Issue[] = [];
  for (const item of model.plan?.items ?? []) {
    const issue = open.find((i) => i.id?.value === item.value);
    if (issue && !planned.includes(issue)) planned.push(issue);
  }
  return [...planned, ...open.filter((i) => !planned.includes(i))];
}

/** Names, plus "N other points" for the ones that cannot be named. */
function named(issues: readonly Issue[], model: NotesModel, properNouns: ReadonlySet<string>): { names: string[]; hidden: number } {
  const names: string[] = [];
  let hidden = 0;
  for (const issue of issues) {
    const name = safeName(issue, model, properNouns);
    if (name && !names.includes(name)) names.push(name);
    else if (!name) hidden++;
  }
  return { names, hidden };
}

function listOf(names: string[], hidden: number): string {
  return joinList(hidden > 0 ? [...names, `${points(hidden, 'other point')}`] : names);
}

/** The paragraph; '' when the notes list no issue that is settled or open. `properNouns` are kept
 *  capitalised (by default the notes' own: see `properNounsOf`). */
export function progressParagraph(model: NotesModel, properNouns: ReadonlySet<string> = properNounsOf(model)): string {
  const settled = model.issues.filter((i) => isSettled(i) && (i.id?.value || i.title?.value));
  const remaining = remainingInOrder(model);
  const paragraph = compose(named(settled, model, properNouns), named(remaining, model, properNouns));
  if (!leaksPrivateFact(paragraph, model)) return paragraph;
  // Each name was tested alone; a fact can also appear across names, so the whole is tested too.
  // Then only the counts are given, and nothing rather than a paragraph that gives a fact away.
  const counted = compose({ names: [], hidden: settled.length }, { names: [], hidden: remaining.length });
  return leaksPrivateFact(counted, model) ? '' : counted;
}

function compose(done: { names: string[]; hidden: number }, open: { names: string[]; hidden: number }): string {
  const sentences: string[] = [];
  const doneCount = done.names.length + done.hidden;
  const openCount = open.names.length + open.hidden;
  if (doneCount > 0) {
    const what = done.names.length > 0 ? listOf(done.names, done.hidden) : points(done.hidden);
    sentences.push(openCount > 0 ? `We have already aligned on ${what}.` : `We have aligned on ${what}.`);
  }
  if (openCount > 0) {
    const several = openCount > 1;
    if (open.names.length === 0) {
      sentences.push(
        doneCount > 0
          ? `${capitalise(points(openCount))} ${several ? 'remain' : 'remains'} open.`
          : `${capitalise(points(openCount))} ${several ? 'are' : 'is'} still to be settled.`,
      );
    } else if (doneCount > 0) {
      sentences.push(`The remaining ${several ? 'points are' : 'point is'} ${listOf(open.names, open.hidden)}.`);
    } else {
      sentences.push(several ? `The points still to settle are ${listOf(open.names, open.hidden)}.` : `The one point still to settle is ${listOf(open.names, open.hidden)}.`);
    }
  } else if (doneCount > 0) {
    sentences.push('No points remain open.');
  }
  return sentences.join(' ');
}
