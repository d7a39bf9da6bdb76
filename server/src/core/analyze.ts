// The analysis entry point used by the server, the CLI and the tests.

import type { Rule, RuleContext } from './rule';
import { RULES } from './rules/index';
import { segment, sentenceIndexAt, type Segmentation, type Span } from './segment';
import { configuredPhrases, findAll } from './phrases';
import { applySuppressions, suppressionFixer, type Suppressed } from './suppress';
import type { AnalysisOptions, DocumentKind, Finding, Fix, RuleSetting } from './types';

export interface Analysis {
  findings: Finding[];
  /** Findings silenced by a suppression comment, with its reason. */
  suppressed: Suppressed[];
  seg: Segmentation;
}

export function analyze(text: string, kind: DocumentKind, options: AnalysisOptions = {}): Analysis {
  const seg = segment(text, kind);
  const ctx = makeContext(text, kind, seg, options);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (!rule.appliesTo.includes(kind)) continue;
    const setting = severityOf(rule, options);
    if (setting === 'off') continue;
    for (const raw of rule.check(ctx)) findings.push({ ...raw, fixes: raw.fixes.filter((f) => keepsComments(text, f)), rule: rule.id, severity: setting });
  }
  const { kept, suppressed, problems } = applySuppressions(text, kind, withoutIgnored(seg.masked, findings, options));
  const suppressionFix = suppressionFixer(text, seg.masked, kind);
  for (const f of kept) f.fixes.push(suppressionFix(f));
  const all = [...kept, ...problems];
  all.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  return { findings: all, suppressed, seg };
}

/** A fix never rewrites an HTML comment: it may carry a suppression directive, or the author's notes. */
function keepsComments(text: string, fix: Fix): boolean {
  return fix.edits.every((e) => {
    const replaced = text.slice(e.start, e.end);
    return !replaced.includes('<!--') && !replaced.includes('-->');
  });
}

/** Drops findings that overlap a phrase the configuration says never to flag. */
function withoutIgnored(masked: string, findings: Finding[], options: AnalysisOptions): Finding[] {
  const ignore = configuredPhrases(options.phrases?.ignore);
  if (!ignore || findings.length === 0) return findings;
  const spans = findAll(ignore, masked);
  return findings.filter((f) => !spans.some((s) => s.start < f.end && f.start < s.end));
}

export function severityOf(rule: Rule, options: AnalysisOptions): RuleSetting {
  const configured = options.rules?.[rule.id];
  return configured && ['error', 'warning', 'information', 'hint', 'off'].includes(configured) ? configured : rule.defaultSeverity;
}

function makeContext(text: string, kind: DocumentKind, seg: Segmentation, options: AnalysisOptions): RuleContext {
  return {
    text,
    kind,
    seg,
    options,
    sentenceAt(offset: number): Span | undefined {
      const i = sentenceIndexAt(seg.sentences, offset);
      return i < 0 ? undefined : seg.sentences[i];
    },
    nextSentence(sentence: Span): Span | undefined {
      const i = sentenceIndexAt(seg.sentences, sentence.start);
      const next = i >= 0 ? seg.sentences[i + 1] : undefined;
      if (!next) return undefined;
      // Same paragraph: nothing but spaces and single line breaks between them.
      return sameParagraph(seg.masked, sentence, next) ? next : undefined;
    },
    previousSentence(sentence: Span): Span | undefined {
      const i = sentenceIndexAt(seg.sentences, sentence.start);
      const previous = i > 0 ? seg.sentences[i - 1] : undefined;
      return previous && sameParagraph(seg.masked, previous, sentence) ? previous : undefined;
    },
  };
}

/** Nothing but spaces and at most one line break between two sentences. */
function sameParagraph(masked: string, first: Span, second: Span): boolean {
  return /^[ \t]*(\r?\n|\r)?[ \t]*$/.test(masked.slice(first.end, second.start));
}

/** The document kind for a file name or an LSP language id. */
export function kindOf(nameOrLanguage: string): DocumentKind | undefined {
  const s = nameOrLanguage.toLowerCase();
  if (/\.negotiation\.ya?ml$/.test(s) || s === 'negotiation-notes') return 'notes';
  if (/\.(md|markdown|mdown|mkd)$/.test(s) || s === 'markdown') return 'markdown';
  if (/\.contract$/.test(s) || s === 'contract') return 'contract';
  if (/\.txt$/.test(s) || s === 'plaintext') return 'plaintext';
  return undefined;
}
