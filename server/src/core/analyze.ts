// The analysis entry point used by the server, the CLI and the tests.

import type { Rule, RuleContext } from './rule';
import { checkNotes } from './notes/checks';
import type { NotesModel } from './notes/model';
import { findLeaks, leakedPosition } from './rules/leaked-position';
import { RULES, ruleById } from './rules/index';
import { chunkStarts, chunkStartsAfterEdit, diff } from './chunks';
import { applyRedline, hasCriticMarkup, parseCritic, startsOutsideMarks, type CriticMark } from './critic';
import { segment, sentenceIndexAt, type Segmentation, type Span } from './segment';
import { configuredPhrases, findAll } from './phrases';
import { applySuppressions, suppressionFixer, type Suppressed } from './suppress';
import type { AnalysisOptions, DocumentKind, Finding, Fix, RawFinding, RuleSetting, Severity } from './types';

export interface Analysis {
  findings: Finding[];
  /** Findings silenced by a suppression comment, with its reason. */
  suppressed: Suppressed[];
}

/** What one chunk gave, at offsets relative to the chunk. Never mutated once made (it is cached). */
interface ChunkResult {
  findings: Finding[];
  /** What document-level rules collected from this chunk, by rule id. */
  collected: Map<string, unknown>;
}

/** The previous analysis of one document, to reuse after an edit: its text, chunk starts and the
 *  result of each chunk. Keep one per open document. */
export interface AnalysisCache {
  key: string;
  text: string;
  starts: number[];
  results: ChunkResult[];
}

export function createAnalysisCache(): AnalysisCache {
  return { key: '', text: '', starts: [], results: [] };
}

/** A draft's paired negotiation notes (the notes' `draft:` field, else the same base name). */
export interface Pairing {
  notes: string;
}

export function analyze(text: string, kind: DocumentKind, options: AnalysisOptions = {}, cache?: AnalysisCache, pairing?: Pairing): Analysis {
  if (kind === 'notes') return analyzeNotes(text, options);
  const notes = pairing ? checkNotes(pairing.notes, options).model : undefined;
  if (notes) options = withNotes(options, notes);
  const eol = eolOf(text);
  const env: ChunkEnv = { kind, options, eol };
  const key = cache ? `${kind}\u0000${eol}\u0000${JSON.stringify(options)}` : '';
  if (cache && cache.key !== key) Object.assign(cache, createAnalysisCache(), { key });

  // With a cache, only the chunks the edit touched are analysed again; the others are found by
  // position: before the first changed character, or after the last one (shifted).
  let starts: number[];
  let reuse: (start: number, end: number) => ChunkResult | undefined = () => undefined;
  if (cache && cache.starts.length > 0) {
    const old = { text: cache.text, starts: cache.starts, results: cache.results };
    if (old.text === text) {
      starts = old.starts;
      reuse = (start) => old.results[old.starts.indexOf(start)];
    } else {
      const edit = diff(old.text, text);
      starts = chunkStartsAfterEdit(old.text, old.starts, text, kind, edit);
      const delta = text.length - old.text.length;
      const changedEnd = text.length - edit.suffix;
      const index = new Map(old.starts.map((x, i) => [x, i]));
      const same = (oldStart: number, oldEnd: number): ChunkResult | undefined => {
        const j = index.get(oldStart);
        return j !== undefined && (old.starts[j + 1] ?? old.text.length) === oldEnd ? old.results[j] : undefined;
      };
      reuse = (start, end) => (end <= edit.prefix ? same(start, end) : start >= changedEnd ? same(start - delta, end - delta) : undefined);
    }
  } else {
    starts = chunkStarts(text, kind);
  }

  // A chunk holds whole CriticMarkup marks, so that it reads them as the whole document does.
  const marks = hasCriticMarkup(text) ? parseCritic(text) : [];
  if (marks.length > 0) starts = startsOutsideMarks(starts, marks);

  const results: ChunkResult[] = [];
  const findings: Finding[] = [];
  const collected = new Map<Rule, { offset: number; data: unknown }[]>();
  for (let i = 0; i < starts.length; i++) {
    const offset = starts[i]!;
    const end = starts[i + 1] ?? text.length;
    const result = reuse(offset, end) ?? analyzeChunk(text.slice(offset, end), env);
    results.push(result);
    for (const f of result.findings) findings.push(shifted(f, offset));
    for (const [id, data] of result.collected) {
      const rule = ruleById(id)!;
      if (!collected.has(rule)) collected.set(rule, []);
      collected.get(rule)!.push({ offset, data });
    }
  }
  if (cache) Object.assign(cache, { text, starts, results });

  for (const [rule, parts] of collected) {
    for (const raw of rule.conclude!(parts)) findings.push(finding(rule, raw, text, options));
  }
  if (notes && severityOf(leakedPosition, options) !== 'off') {
    const leaks = leaksIn(text, kind, notes);
    for (const leak of leaks) findings.push({ ...finding(leakedPosition, leak, text, options), related: [leak.related] });
  }
  return finish(text, kind, marks.length > 0 ? redlined(text, kind, findings, marks, starts) : findings, options);
}

/** The document-level findings (the chunks' are labelled already) labelled as in our change or in
 *  the existing text, with fixes that respect the markup. */
function redlined(text: string, kind: DocumentKind, findings: Finding[], marks: CriticMark[], starts: number[]): Finding[] {
  if (findings.every((f) => f.change)) return findings;
  // Sentences never cross chunks: only a chunk that holds marks is segmented again, and only if asked.
  const bySegment = new Map<number, Span[]>();
  return applyRedline(text, findings, marks, (o) => {
    let i = 0;
    while (i + 1 < starts.length && starts[i + 1]! <= o) i++;
    const start = starts[i]!;
    const end = starts[i + 1] ?? text.length;
    if (!marks.some((k) => k.start >= start && k.end <= end)) return undefined;
    if (!bySegment.has(start)) bySegment.set(start, segment(text.slice(start, end), kind).sentences.map((x) => ({ start: x.start + start, end: x.end + start })));
    const sentences = bySegment.get(start)!;
    return sentences[sentenceIndexAt(sentences, o)];
  });
}

function finish(text: string, kind: DocumentKind, findings: Finding[], options: AnalysisOptions): Analysis {
  const { kept, suppressed, problems } = applySuppressions(text, kind, findings);
  // Unused suppressions are information unless configured otherwise (or off).
  const unused = options.rules?.['unused-suppression'];
  const reported = unused === 'off' ? [] : unused && ['error', 'warning', 'information', 'hint'].includes(unused) ? problems.map((p) => ({ ...p, severity: unused as Severity })) : problems;
  const all = [...kept, ...reported];
  all.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  return { findings: all, suppressed };
}

/** Negotiation notes: the YAML checks of notes/checks.ts, with severities and suppressions. */
function analyzeNotes(text: string, options: AnalysisOptions): Analysis {
  const findings: Finding[] = [];
  for (const f of checkNotes(text, options).findings) {
    const rule = ruleById(f.rule);
    if (!rule || severityOf(rule, options) === 'off') continue;
    findings.push(finding(rule, f, text, options));
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const suppressionFix = suppressionFixer(text, text, 'notes', eol);
  for (const f of findings) f.fixes.push(suppressionFix(f));
  return finish(text, 'notes', findings, options);
}

/** What the notes add to a draft's analysis: their tradeable issues as counter-asks, their
 *  benchmarks, and who "we" are, so that clauses in the third person can be read. */
function withNotes(options: AnalysisOptions, notes: NotesModel): AnalysisOptions {
  const tradeables = notes.issues
    .filter((i) => i.priority?.value === 'tradeable' && (!i.status || i.status.value === 'open'))
    .map((i) => (i.position?.value || i.title?.value || i.id?.value || '').trim())
    .filter(Boolean);
  const benchmarks = notes.issues.map((i) => i.benchmark?.value.trim() ?? '').filter(Boolean);
  return {
    ...options,
    tradeables: [...tradeables, ...(options.tradeables ?? [])],
    benchmarks: [...benchmarks, ...(options.benchmarks ?? [])],
    parties: { we: notes.we?.value.trim() || undefined, they: notes.they?.value.trim() || undefined },
  };
}

function leaksIn(text: string, kind: DocumentKind, notes: NotesModel) {
  const seg = segment(text, kind);
  return findLeaks(text, seg.masked, seg.sentences, notes, (o) => {
    const i = sentenceIndexAt(seg.sentences, o);
    return i < 0 ? undefined : seg.sentences[i];
  });
}

interface ChunkEnv {
  kind: DocumentKind;
  options: AnalysisOptions;
  eol: string;
}

function analyzeChunk(text: string, env: ChunkEnv): ChunkResult {
  const seg = segment(text, env.kind);
  const ctx = makeContext(text, env.kind, seg, env.options);
  const rules = RULES.filter((r) => r.appliesTo.includes(env.kind) && severityOf(r, env.options) !== 'off');
  let findings: Finding[] = [];
  const collected = new Map<string, unknown>();
  for (const rule of rules) {
    for (const raw of rule.check(ctx)) findings.push(finding(rule, raw, text, env.options));
    if (rule.collect) collected.set(rule.id, rule.collect(ctx));
  }
  findings = withoutIgnored(seg.masked, findings, env.options);
  // Every finding can be suppressed; a chunk never starts inside a comment, so the chunk is
  // enough to place the comment (suppress.ts).
  const suppressionFix = suppressionFixer(text, seg.masked, env.kind, env.eol);
  for (const f of findings) f.fixes.push(suppressionFix(f));
  // A redlined chunk (it holds whole marks, see analyze) labels its findings and keeps their fixes clear of the markup.
  if (hasCriticMarkup(text)) findings = applyRedline(text, findings, parseCritic(text), (o) => seg.sentences[sentenceIndexAt(seg.sentences, o)]);
  return { findings, collected };
}

function finding(rule: Rule, raw: RawFinding, text: string, options: AnalysisOptions): Finding {
  return { ...raw, fixes: raw.fixes.filter((f) => keepsComments(text, f)), rule: rule.id, severity: severityOf(rule, options) as Severity };
}

/** The line ending fixes insert: CRLF when the text has one, CR for old Mac text, else LF. Native
 *  searches: a regex test scans a 600 KB draft several times slower. */
function eolOf(text: string): string {
  if (text.includes('\r\n')) return '\r\n';
  return text.includes('\r') && !text.includes('\n') ? '\r' : '\n';
}

/** A copy at document offsets (a fresh object even at offset 0: cached findings stay untouched).
 *  Its fixes are shifted when first read: after a keystroke every finding below the edit moves,
 *  and the editor asks for the fixes of one or two of them, so copying every edit of every fix
 *  up front was most of an incremental analysis. */
function shifted(f: Finding, offset: number): Finding {
  const out: Finding = { ...f, start: f.start + offset, end: f.end + offset };
  if (offset === 0) return out;
  const original = f.fixes;
  let fixes: Fix[] | undefined;
  Object.defineProperty(out, 'fixes', {
    enumerable: true,
    configurable: true,
    get: () => (fixes ??= original.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ start: e.start + offset, end: e.end + offset, newText: e.newText })) }))),
    set: (value: Fix[]) => {
      fixes = value;
    },
  });
  return out;
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
