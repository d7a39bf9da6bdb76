// The `notes-schema` checks a JSON Schema cannot express: issue ids must be unique, and every
// reference to an issue (a concession's `issue`, a move's `on`, an entry of `plan`) must name one.
// A misspelt reference is fixed to the one id it is close to.

import type { Fix, RawFinding } from '../types';
import { lineNumber, yamlScalar } from './edits';
import type { NotesModel, Span } from './model';
import { closest } from './spelling';

export function checkReferences(text: string, model: NotesModel): RawFinding[] {
  const out: RawFinding[] = [];
  const firstLine = new Map<string, number>();
  for (const issue of model.issues) {
    const id = issue.id;
    if (!id) continue;
    const seen = firstLine.get(id.value);
    if (seen === undefined) {
      firstLine.set(id.value, lineNumber(text, id.range.start));
      continue;
    }
    let n = 2;
    while (model.issues.some((i) => i.id?.value === `${id.value}-${n}`)) n++;
    const renamed = `${id.value}-${n}`;
    out.push({
      ...id.range,
      message: `Issue id \`${id.value}\` is already used on line ${seen}; moves, concessions and the plan could not tell the two apart.`,
      fixes: [{ title: `Rename to \`${renamed}\``, edits: [{ ...id.range, newText: yamlScalar(renamed, true) }] }],
    });
  }
  const ids = [...firstLine.keys()];
  const refs: { where: string; value: string; range: Span }[] = [];
  for (const c of model.concessions) if (c.issue && c.issue.value !== '') refs.push({ where: 'concession', value: c.issue.value, range: c.issue.range });
  for (const m of model.moves) if (m.on && m.on.value !== '') refs.push({ where: 'move', value: m.on.value, range: m.on.range });
  for (const p of model.plan?.items ?? []) refs.push({ where: 'plan', value: p.value, range: p.range });
  for (const ref of refs) {
    if (firstLine.has(ref.value)) continue;
    const suggestion = closest(ref.value, ids);
    const fixes: Fix[] = suggestion
      ? [{ title: `Change to \`${suggestion}\``, edits: [{ ...ref.range, newText: yamlScalar(suggestion, true) }], preferred: true }]
      : [];
    const known = ids.length ? `the issues are ${ids.join(', ')}` : 'no issues are listed';
    out.push({
      ...ref.range,
      message: `The ${ref.where === 'plan' ? 'plan' : ref.where} refers to issue \`${ref.value}\`, which is not in \`issues\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}; ${known}.`,
      fixes,
    });
  }
  return out;
}
