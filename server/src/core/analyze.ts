// The analysis entry point used by the server, the CLI and the tests.

import type { Rule, RuleContext } from './rule';
import { checkNotes } from './notes/checks';
import type { NotesModel } from './notes/model';
import { parseNotes } from './notes/parse';
import { findLeaks, leakedPosition } from './rules/leaked-position';
import { RULES, ruleById } from './rules/index';
import { chunkStarts, chunkStartsAfterEdit, diff } from './chunks';
import { applyRedline, hasCriticMarkup, parseCritic, startsOutsideMarks, type CriticMark } from './critic';
import { segment, sentenceIndexAt, type Segmentation, type Span } from './segment';
import { configuredPhrases, findAll } from './phrases';
import { applySuppressions, suppressionFixer, type Suppressed } from './suppress';
import { ownCopy } from './text';
import type { Text } from './pieces';
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
  /** The text last analysed: a string, or an editor's document in pieces (pieces.ts). */
  text: Text;
  /** What the whole text contains, kept up to date from each edit's changed region. */
  facts?: TextFacts;
  starts: number[];
  results: ChunkResult[];
  /** Set by a caller that knows where the next text differs from `base` (an editor's change
   *  events): the two share at least `prefix` characters at the start and `suffix` at the end.
   *  Used once, by the next analysis, if `base` is the text this cache holds; otherwise the two
   *  texts are compared. */
  hint?: { base: Text; prefix: number; suffix: number };
  /** Set by each analysis with this cache: the findings of the chunks after the edit, which the
   *  previous analysis handed out too and this one moved to their new offsets (a finding a
   *  suppression comment silences is in neither analysis' findings). A caller that keeps something
   *  per finding (the server's diagnostics) can carry it over when nothing but the offset changed.
   *  Empty around redlines.
   *
   *  Findings a chunk gives are handed out again by later analyses with the same cache, and moved
   *  in place when the chunk moves: a keystroke in a long draft moves every chunk after it, and a
   *  new copy of each of their findings (half a draft's, with their fixes) per keystroke was most
   *  of what the garbage collector promoted and then collected in full collections. So the
   *  findings of an analysis made with a cache are good until the next analysis with it. */
  moved?: readonly (readonly Finding[])[];
}

export function createAnalysisCache(): AnalysisCache {
  return { key: '', text: '', starts: [], results: [] };
}

/** A draft's paired negotiation notes (the notes' `draft:` field, else the same base name). */
export interface Pairing {
  notes: string;
}

/** `text` may be in pieces (an editor's document): after an edit with a cache, only the region the
 *  edit changed and the chunks it touched are read, and the flat text is never made, unless the
 *  draft has redline marks or suppression directives, which are read in the whole text. */
export function analyze(text: Text, kind: DocumentKind, options: AnalysisOptions = {}, cache?: AnalysisCache, pairing?: Pairing): Analysis {
  if (kind === 'notes') return analyzeNotes(text.toString(), options);
  const notes = pairing ? notesModel(pairing.notes) : undefined;
  if (notes) options = withNotes(options, notes);
  // Whole-text facts (line ending, redline marks, suppression directives): searching 600 KB for
  // each of them on every keystroke cost more than analysing the edited chunk, so with a cache
  // only the region an edit changed is searched.
  const edit = cache && cache.starts.length > 0 && cache.text !== text ? editSince(cache, text) : undefined;
  if (cache) cache.hint = undefined;
  const facts = cache?.facts && (cache.text === text || edit) ? (edit ? factsAfterEdit(cache.facts, cache.text, text, edit) : cache.facts) : factsOf(text.toString());
  const eol = facts.crlf ? '\r\n' : facts.cr && !facts.lf ? '\r' : '\n';
  const env: ChunkEnv = { kind, options, eol, ...(notes ? { notes } : {}) };
  // The notes are part of the key: a chunk's leaks depend on their private facts.
  const key = cache ? `${kind}\u0000${eol}\u0000${JSON.stringify(options)}\u0000${pairing?.notes ?? ''}` : '';
  if (cache && cache.key !== key) Object.assign(cache, createAnalysisCache(), { key });

  // With a cache, only the chunks the edit touched are analysed again; the others are found by
  // position: before the first changed character, or after the last one (shifted).
  let starts: number[] | undefined;
  let reuse: (start: number, end: number) => ChunkResult | undefined = () => undefined;
  if (cache && cache.starts.length > 0) {
    const old = { text: cache.text, starts: cache.starts, results: cache.results };
    if (old.text === text) {
      starts = old.starts;
      reuse = (start) => old.results[old.starts.indexOf(start)];
    } else if (edit) {
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
  }
  starts ??= chunkStarts(text.toString(), kind);

  // A chunk holds whole CriticMarkup marks, so that it reads them as the whole document does.
  const marks = facts.critic ? parseCritic(text.toString()) : [];
  if (marks.length > 0) starts = startsOutsideMarks(starts, marks);

  const results: ChunkResult[] = [];
  const findings: Finding[] = [];
  const moved: Finding[][] = [];
  const collected = new Map<Rule, { offset: number; data: unknown }[]>();
  for (let i = 0; i < starts.length; i++) {
    const offset = starts[i]!;
    const end = starts[i + 1] ?? text.length;
    // A cached chunk is read from a copy of its text: a slice would keep the whole document alive
    // through every string made from it (a finding's message quotes the text), one version per
    // cached chunk — 23 MB for the 38 chunks of a 600 KB draft after a morning's typing.
    const result = reuse(offset, end) ?? analyzeChunk(cache ? ownCopy(text.slice(offset, end)) : text.slice(offset, end), env);
    results.push(result);
    // A chunk before the edit keeps its offset: its findings from the last analysis are reused;
    // a chunk after it moves them. A new chunk's are copied once (the result itself is cached and
    // never changed). Without a cache the chunk's result is nobody else's: its findings are moved
    // where they are.
    const memo = placed.get(result);
    let atOffset: Finding[];
    if (!cache) {
      atOffset = movedInPlace(result.findings, offset);
    } else if (!memo) {
      atOffset = result.findings.map((f) => shifted(f, offset));
      placed.set(result, { offset, findings: atOffset });
    } else {
      atOffset = memo.findings;
      if (memo.offset !== offset) {
        movedInPlace(atOffset, offset - memo.offset);
        memo.offset = offset;
        if (atOffset.length > 0) moved.push(atOffset);
      }
    }
    for (const f of atOffset) findings.push(f);
    for (const [id, data] of result.collected) {
      const rule = ruleById(id)!;
      if (!collected.has(rule)) collected.set(rule, []);
      collected.get(rule)!.push({ offset, data });
    }
  }
  // The facts are stored with the text they describe (a rule that throws leaves both as they were).
  // A redlined draft's findings may be relabelled (copied) below: when this text or the last one
  // had redline marks, nothing is said moved.
  const relabelled = marks.length > 0 || cache?.facts?.critic === true;
  if (cache) Object.assign(cache, { text, starts, results, facts, moved: relabelled ? [] : moved });

  for (const [rule, parts] of collected) {
    for (const raw of rule.conclude!(parts)) findings.push(finding(rule, raw, text, options));
  }
  return finish(text, kind, marks.length > 0 ? redlined(text.toString(), kind, findings, marks, starts) : findings, options, facts.directive);
}

/** Where `text` differs from the cached text: from the caller's hint when it is about that text
 *  and fits both lengths, else by comparing the two. */
function editSince(cache: AnalysisCache, text: Text): { prefix: number; suffix: number } {
  const hint = cache.hint;
  if (hint && hint.prefix >= 0 && hint.suffix >= 0 && hint.prefix + hint.suffix <= Math.min(cache.text.length, text.length) && hint.base === cache.text) {
    return { prefix: hint.prefix, suffix: hint.suffix };
  }
  return diff(cache.text.toString(), text.toString());
}

/** What analysis needs to know about the whole text before reading it chunk by chunk. */
interface TextFacts {
  crlf: boolean;
  cr: boolean;
  lf: boolean;
  /** CriticMarkup marks (critic.ts). */
  critic: boolean;
  /** A `leverage-` suppression directive may be present (suppress.ts). */
  directive: boolean;
}

const DIRECTIVE_NEEDLE = 'leverage-';

function factsOf(text: string): TextFacts {
  return { crlf: text.includes('\r\n'), cr: text.includes('\r'), lf: text.includes('\n'), critic: hasCriticMarkup(text), directive: text.includes(DIRECTIVE_NEEDLE) };
}

/** The facts of the new text from those of the old one and the edit. Every needle is shorter than
 *  MARGIN, so an occurrence that the edit made or broke lies within MARGIN of the changed region:
 *  a fact turns true when the new region has the needle, and is searched again in the whole text
 *  only when the old region had it (the edit may have removed the last one). */
function factsAfterEdit(old: TextFacts, oldText: Text, text: Text, edit: { prefix: number; suffix: number }): TextFacts {
  const MARGIN = 16;
  const from = Math.max(0, edit.prefix - MARGIN);
  const before = oldText.slice(from, Math.min(oldText.length, oldText.length - edit.suffix + MARGIN));
  const after = text.slice(from, Math.min(text.length, text.length - edit.suffix + MARGIN));
  const fact = (had: boolean, test: (s: string) => boolean, whole: () => boolean): boolean =>
    test(after) ? true : had && test(before) ? whole() : had;
  const needle = (n: string) => (s: string) => s.includes(n);
  return {
    crlf: fact(old.crlf, needle('\r\n'), () => text.toString().includes('\r\n')),
    cr: fact(old.cr, needle('\r'), () => text.toString().includes('\r')),
    lf: fact(old.lf, needle('\n'), () => text.toString().includes('\n')),
    critic: fact(old.critic, hasCriticMarkup, () => hasCriticMarkup(text.toString())),
    directive: fact(old.directive, needle(DIRECTIVE_NEEDLE), () => text.toString().includes(DIRECTIVE_NEEDLE)),
  };
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

function finish(text: Text, kind: DocumentKind, findings: Finding[], options: AnalysisOptions, directives = true): Analysis {
  const { kept, suppressed, problems } = directives ? applySuppressions(text.toString(), kind, findings) : { kept: findings, suppressed: [], problems: [] };
  // Unused suppressions are information unless configured otherwise (or off).
  const unused = options.rules?.['unused-suppression'];
  const reported = unused === 'off' ? [] : unused && ['error', 'warning', 'information', 'hint'].includes(unused) ? problems.map((p) => ({ ...p, severity: unused as Severity })) : problems;
  const all = [...kept, ...reported];
  // Each chunk's findings are in this order already (analyzeChunk): the sort meets long sorted runs.
  all.sort(byPosition);
  return { findings: all, suppressed };
}

/** The model of a draft's paired notes, parsed once per notes text: every keystroke in the draft
 *  re-analyses it with the same notes, and parsing the YAML cost more than the keystroke. */
const notesModels = new Map<string, NotesModel>();

function notesModel(text: string): NotesModel {
  let model = notesModels.get(text);
  if (!model) {
    model = parseNotes(text).model;
    if (notesModels.size >= 16) notesModels.delete(notesModels.keys().next().value!);
    notesModels.set(text, model);
  }
  return model;
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


interface ChunkEnv {
  kind: DocumentKind;
  options: AnalysisOptions;
  eol: string;
  /** The paired notes: their private facts are looked for sentence by sentence, chunk by chunk. */
  notes?: NotesModel;
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
  // Private facts of the paired notes, verbatim or nearby: a leak lies within a sentence, so the
  // chunk is enough, and its leaks are cached with it (no suppression fix: a leak is removed).
  if (env.notes && severityOf(leakedPosition, env.options) !== 'off') {
    const sentenceAt = (o: number) => seg.sentences[sentenceIndexAt(seg.sentences, o)];
    for (const leak of findLeaks(text, seg.masked, env.notes, sentenceAt)) {
      findings.push({ ...finding(leakedPosition, leak, text, env.options), related: [leak.related] });
    }
  }
  // A redlined chunk (it holds whole marks, see analyze) labels its findings and keeps their fixes clear of the markup.
  if (seg.marks.length > 0) findings = applyRedline(text, findings, seg.marks, (o) => seg.sentences[sentenceIndexAt(seg.sentences, o)]);
  // In document order once, when made: the whole document's findings are then sorted runs, which
  // the sort on every keystroke (finish) goes through in one pass instead of sorting 400 afresh.
  findings.sort(byPosition);
  return { findings, collected };
}

function byPosition(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule);
}

function finding(rule: Rule, raw: RawFinding, text: Text, options: AnalysisOptions): Finding {
  return { ...raw, fixes: raw.fixes.filter((f) => keepsComments(text, f)), rule: rule.id, severity: severityOf(rule, options) as Severity };
}

/** Each cached chunk result's findings at the document offset where they were last placed: handed
 *  out again, moved in place when the chunk moves (see `AnalysisCache.moved`). Every later step
 *  (suppressions, redlines) copies what it changes. */
const placed = new WeakMap<ChunkResult, { offset: number; findings: Finding[] }>();

/** A copy at document offsets (a fresh object even at offset 0: cached findings stay untouched),
 *  made once per chunk result. Copying every fix eagerly measured 4x cheaper than a lazy getter
 *  (defineProperty); objects written out field by field cost a quarter of spread copies (200
 *  findings of 3.5 fixes: 0.10 ms vs 0.38). A finding with more fields than the plain ones (a
 *  leak's notes, a redline label) is copied by spread. */
function shifted(f: Finding, offset: number): Finding {
  const fixes = f.fixes.map((fix) => shiftedFix(fix, offset));
  if (f.related !== undefined || f.change !== undefined) return { ...f, start: f.start + offset, end: f.end + offset, fixes };
  return { start: f.start + offset, end: f.end + offset, message: f.message, fixes, rule: f.rule, severity: f.severity };
}

function shiftedFix(fix: Fix, offset: number): Fix {
  const edits = fix.edits.map((e) => ({ start: e.start + offset, end: e.end + offset, newText: e.newText }));
  return fix.preferred === undefined ? { title: fix.title, edits } : { title: fix.title, edits, preferred: fix.preferred };
}

/** Findings moved by `offset`, fixes included, without copies. */
function movedInPlace(findings: Finding[], offset: number): Finding[] {
  if (offset === 0) return findings;
  for (const f of findings) {
    f.start += offset;
    f.end += offset;
    for (const fix of f.fixes) {
      for (const e of fix.edits) {
        e.start += offset;
        e.end += offset;
      }
    }
  }
  return findings;
}

/** A fix never rewrites an HTML comment: it may carry a suppression directive, or the author's notes. */
function keepsComments(text: Text, fix: Fix): boolean {
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
