// The team playbook, `.leverage.yaml` at the root of a workspace folder: the same keys as the
// settings, shared through version control. The settings override it (core/playbook.ts
// `mergeOptions`). Read from the editor when the file is open (unsaved edits count), else from
// disk; a bad entry is a diagnostic on the playbook itself, and the rest of it still applies.

import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { LineIndex } from '../core/lines';
import { parsePlaybook, type ParsedPlaybook } from '../core/playbook';
import type { AnalysisOptions } from '../core/types';
import { readSmallText } from '../pairing';
import { filePath as toPath, type DocumentSource } from './analysis';

export const PLAYBOOK_FILE = '.leverage.yaml';
const MAX_PLAYBOOK_BYTES = 1_000_000;

export function isPlaybook(uri: string): boolean {
  return /(^|\/)\.leverage\.yaml$/i.test(uri.replace(/[?#].*$/, ''));
}

export class PlaybookStore {
  private folders: string[] = [];
  private readonly parsed = new Map<string, { text: string; playbook: ParsedPlaybook } | null>();

  constructor(private readonly documents: DocumentSource) {}

  setFolders(uris: readonly string[]): void {
    this.folders = uris.map(toPath).filter((p): p is string => p !== undefined).sort((a, b) => b.length - a.length);
    this.changed();
  }

  /** A playbook was edited, saved, created or deleted. */
  changed(): void {
    this.parsed.clear();
  }

  /** The playbook options for a document: those of the workspace folder that holds it. */
  optionsFor(uri: string): AnalysisOptions {
    const file = toPath(uri);
    const folder = file ? this.folders.find((f) => file === f || file.startsWith(f + path.sep)) : undefined;
    return folder ? (this.load(path.join(folder, PLAYBOOK_FILE))?.options ?? {}) : {};
  }

  /** Diagnostics for a playbook document's own text. */
  diagnosticsFor(text: string): Diagnostic[] {
    const lines = new LineIndex(text);
    return parsePlaybook(text).problems.map((p) => ({
      range: lines.rangeOf(p.start, Math.max(p.end, p.start)),
      severity: p.severity === 'error' ? 1 : 2,
      code: 'playbook',
      source: 'leverage',
      message: p.message,
    }));
  }

  private load(file: string): ParsedPlaybook | undefined {
    const open = this.documents.all().find((d) => toPath(d.uri) === file)?.getText();
    const text = open ?? readSmallText(file, MAX_PLAYBOOK_BYTES);
    if (text === undefined) return undefined;
    const cached = this.parsed.get(file);
    if (cached && cached.text === text) return cached.playbook;
    const playbook = parsePlaybook(text);
    this.parsed.set(file, { text, playbook });
    return playbook;
  }
}

