// One analysis per (document, version, settings generation), shared by pull, push, code actions,
// hover and `leverage/analyze`, so a keystroke costs one analysis however many requests follow.

import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, createAnalysisCache, kindOf, type AnalysisCache as CoreCache } from '../core/analyze';
import { LineIndex } from '../core/lines';
import type { AnalysisOptions, DocumentKind, Finding } from '../core/types';
import type { Text } from '../core/pieces';
import { sourceOf } from './pieceDocument';
import { noticeDiagnostic, toDiagnostic } from './convert';
import { describeError } from './errors';
import { boundInput, keepForPrefix, type InputNotice } from './limits';
import type { Settings, SettingsStore } from './settings';
import { pathToFileURL } from 'node:url';
import { filePath, notesFor, type PairedNotes } from '../pairing';
import { mergeOptions } from '../core/playbook';
import { isPlaybook, type PlaybookStore } from './playbook';
import { changedOnly, type Baselines } from './baseline';
import type { EditRegion, EditTracker } from './edits';

export interface DocumentAnalysis {
  uri: string;
  version: number;
  /** The analysed text as the document holds it (in pieces, for the server's documents). */
  source: Text;
  /** The analysed text, flat; equal to the document's text while its version is `version`. Made
   *  when first read (a keystroke's diagnostics never need it). */
  readonly text: string;
  lines: LineIndex;
  /** Undefined for a document that is not ours (say, a plain YAML file): nothing to report. */
  kind: DocumentKind | undefined;
  /** Empty when the document kind is not ours or Leverage is disabled for it. Good until the next
   *  analysis of the document, which moves some of them in place (core AnalysisCache.moved): read
   *  them right after `get()`, with no `await` between. */
  findings: Finding[];
  /** What was not analysed, and why (too large, binary, an internal error); first in `diagnostics`. */
  notice?: InputNotice;
  diagnostics: Diagnostic[];
}

export interface DocumentSource {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

/** The file name decides first (`x.negotiation.yaml` is notes whatever its language id), then the language id. */
export function kindFor(uri: string, languageId: string): DocumentKind | undefined {
  return kindOf(uriPath(uri)) ?? kindOf(languageId);
}

/** Points a finding explained by the paired notes (a leaked private fact) at the notes entry; the
 *  notes' line index and URI are made once per analysis, when a finding needs them. */
function relatedAdder(notes: PairedNotes | undefined): (d: Diagnostic, f: Finding) => Diagnostic {
  let at: { lines: LineIndex; uri: string } | undefined;
  return (d, f) => {
    if (!f.related?.length || !notes) return d;
    at ??= { lines: new LineIndex(notes.text), uri: pathToFileURL(notes.path).href };
    const { lines, uri } = at;
    return { ...d, relatedInformation: f.related.map((r) => ({ location: { uri, range: lines.rangeOf(r.start, r.end) }, message: r.message })) };
  };
}

export { filePath } from '../pairing';

function uriPath(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** How long a draft's pairing is trusted without a notes change being signalled (see pairingFor). */
export const PAIRING_TTL_MS = 2000;

export class AnalysisCache {
  private readonly entries = new Map<string, { generation: number; pairing: number; baseline: number; analysis: DocumentAnalysis }>();
  /** Per document, the diagnostic made for each finding of its last analysis. */
  private readonly made = new Map<string, Map<Finding, Diagnostic>>();
  /** The core's chunk cache per open document: an edit re-analyses only the chunks it touched. */
  private readonly chunks = new Map<string, CoreCache>();
  /** Goes up when any negotiation notes change (open, edited, closed, or on disk): the drafts
   *  paired with them must be analysed again. */
  private pairingGeneration = 0;

  constructor(
    private readonly documents: DocumentSource,
    private readonly settings: SettingsStore,
    private readonly logError: (message: string) => void,
    private readonly playbooks?: PlaybookStore,
    /** Changed-only mode (`leverage.changedSince`): base versions from Git, kept per document. */
    private readonly baselines?: Baselines,
    /** Where each document changed since its last analysis, from its didChange notifications. */
    private readonly edits?: EditTracker,
  ) {}

  /** The analysis of the document's current version; undefined for a document that is not open. */
  notesChanged(): void {
    this.pairingGeneration++;
  }

  async get(uri: string): Promise<DocumentAnalysis | undefined> {
    let doc = this.documents.get(uri);
    if (!doc) return undefined;
    const cached = this.cached(doc);
    if (cached) return cached;

    // Settings may be dropped while we wait for them: wait again rather than cache old ones.
    let generation: number;
    let settings: Settings;
    do {
      generation = this.settings.generation;
      settings = await this.settings.get(uri);
    } while (generation !== this.settings.generation);
    // Changed-only mode: Git runs once per document and revision, not per keystroke (baseline.ts).
    const baseline = this.baselines?.generation ?? 0;
    const ours = kindFor(uri, doc.languageId);
    const base =
      this.baselines && settings.enable && settings.changedSince && ours && ours !== 'notes'
        ? await this.baselines.get(uri, filePath(uri), settings.changedSince)
        : undefined;

    // The document may have changed or closed meanwhile: analyse what is there now.
    doc = this.documents.get(uri);
    if (!doc) return undefined;
    const again = this.cached(doc);
    if (again) return again;

    const source = sourceOf(doc);
    const version = doc.version;
    // After a keystroke, what lies outside the edit is reused: the line index and diagnostics of
    // the last analysis here (when the edit is known against its text), the core's chunks in run.
    const region = this.edits?.since(uri, version, source.length);
    const previous = this.entries.get(uri)?.analysis;
    const edit = previous && region && previous.source === region.base ? region : undefined;
    const lines = previous && edit ? LineIndex.afterEdit(previous.lines, source, edit.prefix, edit.suffix) : new LineIndex(source);
    const kind = kindFor(uri, doc.languageId);
    const pairing = this.pairingGeneration;
    const options = this.playbooks ? mergeOptions(this.playbooks.optionsFor(uri), settings.options) : settings.options;
    const { findings: all, notice, notes, moved } = kind && settings.enable ? this.run(uri, source, kind, options, region) : { findings: [] };
    this.edits?.analysed(uri, source, version);
    const findings = base ? changedOnly(all, base, source.toString()) : all;
    const withRelated = relatedAdder(notes);
    // A finding the core handed out again (a chunk before the edit) that ends before the edit, with
    // a character to spare (a CR just before it may meet a new LF), has the line and character it
    // had: its diagnostic is the one made then, `data.version` included (the version it was
    // computed on). So has a finding of a chunk after the edit that the core moved, when the edit
    // left the number of lines as it was: a chunk starts at a line start, so its lines moved by
    // the change in line count and its characters not at all. On a long draft that is every
    // diagnostic but those of the edited chunk, every keystroke. A leak's diagnostic also points
    // into the notes: it is made again.
    const before = edit ? this.made.get(uri) : undefined;
    // The moved findings (the same objects as in the last analysis, at new offsets) whose
    // diagnostics still hold.
    const movedKept = new Set<Finding>();
    if (before && moved && lines.lineCount === previous!.lines.lineCount) {
      for (const list of moved) for (const f of list) movedKept.add(f);
    }
    // A Map, not a WeakMap: it lives as long as the analysis that holds both, and a weak table of
    // 400 entries made per keystroke is extra work for every young-generation collection.
    const made = new Map<Finding, Diagnostic>();
    const diagnostics = findings.map((f) => {
      const known = before && !f.related?.length && (f.end < edit!.prefix || movedKept.has(f)) ? before.get(f) : undefined;
      const d = known ?? withRelated(toDiagnostic(f, lines, version), f);
      made.set(f, d);
      return d;
    });
    this.made.set(uri, made);
    // The playbook itself: its problems, so a bad entry is seen where it is written.
    if (this.playbooks && isPlaybook(uri)) diagnostics.push(...this.playbooks.diagnosticsFor(source.toString()));
    if (notice) diagnostics.unshift(noticeDiagnostic(notice, lines));
    const analysis: DocumentAnalysis = {
      uri,
      version,
      source,
      get text() {
        return source.toString();
      },
      lines,
      kind,
      findings,
      ...(notice ? { notice } : {}),
      diagnostics,
    };
    this.entries.set(uri, { generation, pairing, baseline, analysis });
    return analysis;
  }

  /** Analyses what `boundInput` allows. A failing rule must not take the server down: the failure is
   *  logged without its message (which may quote the text) and the document gets a notice. */
  private run(
    uri: string,
    text: Text,
    kind: DocumentKind,
    options: AnalysisOptions,
    region?: EditRegion,
  ): { findings: Finding[]; notice?: InputNotice; notes?: PairedNotes; moved?: CoreCache['moved'] } {
    const input = boundInput(text, kind, 'editor');
    if (input.text === undefined) return { findings: [], ...(input.notice ? { notice: input.notice } : {}) };
    let findings: Finding[];
    let notes: PairedNotes | undefined;
    let moved: CoreCache['moved'];
    try {
      let cache = this.chunks.get(uri);
      if (!cache) this.chunks.set(uri, (cache = createAnalysisCache()));
      notes = kind === 'notes' ? undefined : this.pairingFor(uri);
      // The core checks that the region is against the text it analysed last; a bounded prefix
      // of a huge document is compared as before.
      cache.hint = region && input.text === text ? region : undefined;
      const base = cache.text;
      findings = analyze(input.text, kind, options, cache, notes ? { notes: notes.text } : undefined).findings;
      // The core says what it moved against the text it read last. The diagnostics of moved
      // findings are kept (get) when the document keeps its number of lines, which places them
      // only if both texts are whole documents: the last one the edits count from, and this one.
      // Over the size limit either may be a prefix, cut at a paragraph break that an edit can
      // move, and in a repetitive draft the two texts' common end can then look like a move of a
      // whole paragraph.
      moved = !input.partial && region !== undefined && base === region.base ? cache.moved : undefined;
    } catch (err) {
      try {
        this.logError(`Leverage: analysis of ${uri} failed: ${describeError(err)}`);
      } catch {
        // The notice below still tells the user.
      }
      return {
        findings: [],
        notice: { code: 'internal-error', message: 'Leverage could not check this document because of an internal error; the Leverage output has the details.' },
      };
    }
    // On a prefix, a whole-document rule would judge the document by its beginning.
    if (input.partial) findings = keepForPrefix(findings);
    return { findings, moved, ...(input.notice ? { notice: input.notice } : {}), ...(notes ? { notes } : {}) };
  }

  /** Which notes pair with each draft, kept between keystrokes: finding them reads the folder and
   *  parses every notes file in it. Kept until any notes change (open, edited, closed, or on disk
   *  when the client watches files), and at most PAIRING_TTL_MS, for clients that do not watch. */
  private readonly pairings = new Map<string, { generation: number; at: number; notes: PairedNotes | undefined }>();

  /** The draft's negotiation notes: open ones as edited, else from disk (file: documents only). */
  private pairingFor(uri: string): PairedNotes | undefined {
    const path = filePath(uri);
    if (!path) return undefined;
    const now = Date.now();
    const known = this.pairings.get(uri);
    if (known && known.generation === this.pairingGeneration && now - known.at < PAIRING_TTL_MS) return known.notes;
    const notes = notesFor(path, (notesPath) => this.documents.all().find((d) => filePath(d.uri) === notesPath)?.getText());
    this.pairings.set(uri, { generation: this.pairingGeneration, at: now, notes });
    return notes;
  }

  forget(uri: string): void {
    this.edits?.forget(uri);
    this.made.delete(uri);
    this.pairings.delete(uri);
    this.entries.delete(uri);
    this.chunks.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  /** The cached analysis if it is of this very text: a version number alone can repeat (a document
   *  closed and opened again, a client that restarts its count), the text cannot lie. The check is
   *  cheap: every change or reopening makes a new text object (pieces.ts), so the same object is
   *  the same text (a string from another document source is compared as a string). */
  private cached(doc: TextDocument): DocumentAnalysis | undefined {
    const entry = this.entries.get(doc.uri);
    if (!entry || entry.analysis.version !== doc.version || entry.generation !== this.settings.generation || entry.pairing !== this.pairingGeneration || entry.baseline !== (this.baselines?.generation ?? 0)) return undefined;
    if (entry.analysis.source !== sourceOf(doc)) return undefined;
    return entry.analysis;
  }
}
