// Pairing a draft with its negotiation notes on disk, for the CLI and the server: the notes'
// `draft:` field (a path relative to the notes) names the draft, else the notes share the draft's
// base name (`acme-msa.md` ↔ `acme-msa.negotiation.yaml`), else, for correspondence, the one set
// of notes in the folder. Only the folder of the draft is read.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseNotes } from './core/notes/parse';
import { fileURLToPath } from 'node:url';

const NOTES_FILE = /\.negotiation\.ya?ml$/i;
/** Notes larger than this are not read for pairing (they are not notes a person wrote). */
const MAX_NOTES_BYTES = 1_000_000;

export interface PairedNotes {
  path: string;
  text: string;
}

/** The draft a notes file is about, as an absolute path, if its `draft:` field names one. */
export function draftNamedBy(notesPath: string, notesText: string): string | undefined {
  const draft = parseNotes(notesText).model.draft?.value.trim();
  return draft ? path.resolve(path.dirname(notesPath), draft) : undefined;
}

/** The notes paired with a draft, read from its folder; `open` supplies the text of notes that are
 *  open in an editor (unsaved changes win over the disk). */
export function notesFor(draftPath: string, open: (notesPath: string) => string | undefined = () => undefined): PairedNotes | undefined {
  const dir = path.dirname(draftPath);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => NOTES_FILE.test(n)).sort();
  } catch {
    return undefined;
  }
  const read = (name: string): PairedNotes | undefined => {
    const notesPath = path.join(dir, name);
    const text = open(notesPath) ?? readSmallText(notesPath, MAX_NOTES_BYTES);
    return text === undefined ? undefined : { path: notesPath, text };
  };
  const candidates = names.map(read).filter((n): n is PairedNotes => n !== undefined);
  const named = candidates.find((n) => draftNamedBy(n.path, n.text) === path.resolve(draftPath));
  if (named) return named;
  const base = path.basename(draftPath).replace(/\.[^.]+$/, '');
  const sameName = candidates.find((n) => path.basename(n.path).replace(NOTES_FILE, '') === base && draftNamedBy(n.path, n.text) === undefined);
  if (sameName) return sameName;
  // Correspondence in a negotiation's folder (a letter, an email) is read against that
  // negotiation's notes too, so that a private fact cannot leak through it: when the folder holds
  // exactly one set of notes, they apply.
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** A small UTF-8 file's text (BOM removed), or undefined when it is missing, too large or not text. */
export function readSmallText(file: string, maxBytes: number): string | undefined {
  try {
    if (fs.statSync(file).size > maxBytes) return undefined;
    return new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file)).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** The file system path of a `file:` URI, else undefined. */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
