// Rules that exist only for negotiation notes, registered beside the prose rules so that settings,
// hover, SARIF and the README know them. Their checks run in checkNotes (checks.ts).

import type { Rule } from '../rule';
import { NOTES_SCHEMA_INFO } from './checks';
import { missingBatna } from './rules/missing-batna';
import { requestSequencing } from './rules/request-sequencing';

function notesOnly(info: Omit<Rule, 'check' | 'appliesTo'>): Rule {
  return { ...info, appliesTo: ['notes'], check: () => [] };
}

export const missingBatnaRule: Rule = notesOnly(missingBatna.info!);
export const requestSequencingRule: Rule = notesOnly(requestSequencing.info!);
export const notesSchemaRule: Rule = notesOnly(NOTES_SCHEMA_INFO as unknown as Omit<Rule, 'check' | 'appliesTo'>);
