// One analysis per (document, version, settings generation), shared by pull, push, code actions,
// hover and `leverage/analyze`, so a keystroke costs one analysis however many requests follow.

import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, kindOf } from '../core/analyze';
import { LineIndex } from '../core/lines';
import type { AnalysisOptions, DocumentKind, Finding } from '../core/types';
import { toDiagnostic } from './convert';
import type { Settings, SettingsStore } from './settings';

export interface DocumentAnalysis {
  uri: string;
  version: number;
  /** The analysed text; equal to the document's text while its version is `version`. */
  text: string;
  lines: LineIndex;
  /** Undefined for a document that is not ours (say, a plain YAML file): nothing to report. */
  kind: DocumentKind | undefined;
  /** Empty when the document kind is not ours or Leverage is disabled for it. */
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export interface DocumentSource {
  get(uri: string): TextDocument | undefined;
}

/** The file name decides first (`x.negotiation.yaml` is notes whatever its language id), then the language id. */
export function kindFor(uri: string, languageId: string): DocumentKind | undefined {
  return kindOf(uriPath(uri)) ?? kindOf(languageId);
}

function uriPath(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export class AnalysisCache {
  private readonly entries = new Map<string, { generation: number; analysis: DocumentAnalysis }>();

  constructor(
    private readonly documents: DocumentSource,
    private readonly settings: SettingsStore,
    private readonly logError: (message: string) => void,
  ) {}

  /** The analysis of the document's current version; undefined for a document that is not open. */
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

    // The document may have changed or closed meanwhile: analyse what is there now.
    doc = this.documents.get(uri);
    if (!doc) return undefined;
    const again = this.cached(doc);
    if (again) return again;

    const text = doc.getText();
    const version = doc.version;
    const lines = new LineIndex(text);
    const kind = kindFor(uri, doc.languageId);
    const findings = kind && settings.enable ? this.run(uri, text, kind, settings.options) : [];
    const analysis: DocumentAnalysis = {
      uri,
      version,
      text,
      lines,
      kind,
      findings,
      diagnostics: findings.map((f) => toDiagnostic(f, lines, version)),
    };
    this.entries.set(uri, { generation, analysis });
    return analysis;
  }

  /** A failing rule must not take the server down; its message may quote the text, so only the stack frames are logged. */
  private run(uri: string, text: string, kind: DocumentKind, options: AnalysisOptions): Finding[] {
    try {
      return analyze(text, kind, options).findings;
    } catch (err) {
      const frames = err instanceof Error && err.stack ? err.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 5).join('\n') : '';
      this.logError(`Leverage: analysis of ${uri} failed (${err instanceof Error ? err.name : typeof err})\n${frames}`);
      return [];
    }
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  private cached(doc: TextDocument): DocumentAnalysis | undefined {
    const entry = this.entries.get(doc.uri);
    if (!entry || entry.analysis.version !== doc.version || entry.generation !== this.settings.generation) return undefined;
    return entry.analysis;
  }
}
