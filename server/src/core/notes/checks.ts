// The notes entry point: parse a `*.negotiation.yaml` file into the model, report what does not
// fit the schema (`notes-schema`), and run the notes rules over the model. Pure: text in,
// findings out, with UTF-16 offsets and fixes as text edits.
//
// When the text is not valid YAML only the syntax errors are reported: the rules' fixes edit
// around nodes that may not be where the author meant them to be.

import type { RawFinding, RuleId } from '../types';
import { eolOf } from './edits';
import type { NotesModel } from './model';
import { parseNotes } from './parse';
import { checkReferences } from './references';
import type { NotesContext, NotesOptions, NotesRule } from './rule';
import { missingBatna } from './rules/missing-batna';
import { narrowIssueFramingNotes } from './rules/narrow-issue-framing';
import { negotiatingAgainstYourselfNotes } from './rules/negotiating-against-yourself';
import { requestSequencing } from './rules/request-sequencing';
import { unbenchmarkedDemandNotes } from './rules/unbenchmarked-demand';
import { unconditionalConcessionNotes } from './rules/unconditional-concession';

export type { NotesOptions } from './rule';

/** The rules over the model, in the order of RULE_IDS. */
export const NOTES_RULES: readonly NotesRule[] = [
  unconditionalConcessionNotes,
  unbenchmarkedDemandNotes,
  narrowIssueFramingNotes,
  negotiatingAgainstYourselfNotes,
  missingBatna,
  requestSequencing,
];

/** Registration data (description, principle, example, default severity) for `notes-schema`,
 *  which has no rule module of its own. */
export const NOTES_SCHEMA_INFO = {
  id: 'notes-schema',
  defaultSeverity: 'error',
  description: 'The negotiation notes are not valid YAML or use an unknown key or value.',
  principle: 'Notes the tool cannot read cannot protect you: a misspelt key or value silently drops the fact it was meant to record.',
  example: { before: 'priority: must have', after: 'priority: must-have' },
} as const;

export interface NotesFinding extends RawFinding {
  rule: RuleId;
}

export interface NotesCheck {
  model: NotesModel;
  findings: NotesFinding[];
}

export function checkNotes(text: string, options: NotesOptions = {}): NotesCheck {
  const parsed = parseNotes(text);
  const findings: NotesFinding[] = parsed.findings.map((f) => ({ rule: 'notes-schema', ...f }));
  if (!parsed.invalidYaml) {
    for (const f of checkReferences(text, parsed.model)) findings.push({ rule: 'notes-schema', ...f });
    const ctx: NotesContext = { text, model: parsed.model, eol: eolOf(text), options };
    for (const rule of NOTES_RULES) for (const f of rule.check(ctx)) findings.push({ rule: rule.id, ...f });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  return { model: parsed.model, findings };
}
