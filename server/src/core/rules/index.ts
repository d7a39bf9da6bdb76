// The rule registry: a plain list. A rule's id is its file name, its diagnostic code, its setting
// key and its README anchor.

import type { Rule } from '../rule';
import type { RuleId } from '../types';
import { missingBatnaRule, notesSchemaRule, requestSequencingRule } from '../notes/registry';
import { definedTerm } from './defined-term';
import { hostileTone } from './hostile-tone';
import { leakedPosition } from './leaked-position';
import { narrowIssueFraming } from './narrow-issue-framing';
import { negotiatingAgainstYourself } from './negotiating-against-yourself';
import { openEndedConcession } from './open-ended-concession';
import { overDisclosure } from './over-disclosure';
import { unbenchmarkedDemand } from './unbenchmarked-demand';
import { unconditionalConcession } from './unconditional-concession';

export const RULES: readonly Rule[] = [
  unconditionalConcession,
  unbenchmarkedDemand,
  narrowIssueFraming,
  overDisclosure,
  leakedPosition,
  hostileTone,
  negotiatingAgainstYourself,
  openEndedConcession,
  missingBatnaRule,
  requestSequencingRule,
  notesSchemaRule,
  definedTerm,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === (id as RuleId));
}

/** Whether a finding of this rule stands for the whole document in a review of changed lines only
 *  (see Rule.judgesWholeDocument). defined-term is not one: its findings point at a use or a
 *  definition, and are shown when that line changed. */
export function judgesWholeDocument(id: string): boolean {
  return ruleById(id)?.judgesWholeDocument === true;
}
