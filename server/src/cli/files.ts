// Finding and reading the files to check. Everything the CLI reports about a file uses its path
// relative to the working folder, with forward slashes, and never any of its contents.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { kindOf } from '../core/analyze';
import type { DocumentKind } from '../core/types';

export interface FileToCheck {
  abs: string;
  /** Relative to the working folder, forward slashes: what every output shows. */
  rel: string;
  kind: DocumentKind;
}

export interface FileProblem {
  rel: string;
  reason: string;
}

export interface Collected {
  files: FileToCheck[];
  problems: FileProblem[];
  /** Folders given on the command line in which no supported file was found. */
  emptyFolders: string[];
}

export const SUPPORTED = '.md, .markdown, .txt, .contract, .negotiation.yaml or .negotiation.yml';

/** Folder names never walked into (a folder given explicitly is always walked). */
const SKIPPED_DIRS = new Set(['node_modules']);

export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}

/** The kind of a file from its name. The full path is passed so that a file literally named
 *  `markdown` is not mistaken for the language id of the same name. */
export function fileKind(abs: string): DocumentKind | undefined {
  return kindOf(path.resolve(abs));
}

/** Expands the command-line paths into a sorted, de-duplicated list of files, and the problems. */
export function collectFiles(paths: readonly string[], cwd: string): Collected {
  const files = new Map<string, FileToCheck>();
  const problems = new Map<string, FileProblem>();
  const emptyFolders: string[] = [];

  const addProblem = (abs: string, reason: string) => {
    const rel = displayPath(abs, cwd);
    if (!problems.has(abs)) problems.set(abs, { rel, reason });
  };
  const addFile = (abs: string, kind: DocumentKind) => {
    if (!files.has(abs)) files.set(abs, { abs, rel: displayPath(abs, cwd), kind });
  };

  const walk = (dir: string): number => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      addProblem(dir, describeError(err, 'folder'));
      return 0;
    }
    let found = 0;
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // Followed for files only: following linked folders could loop.
        const kind = fileKind(abs);
        if (!kind) continue;
        try {
          const st = fs.statSync(abs);
          isFile = st.isFile();
          isDir = false;
        } catch (err) {
          addProblem(abs, describeError(err, 'file'));
          continue;
        }
      }
      if (isDir) {
        if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
        found += walk(abs);
      } else if (isFile) {
        const kind = fileKind(abs);
        if (kind) {
          addFile(abs, kind);
          found++;
        }
      }
      // Sockets, FIFOs and devices are never read, even with a supported name.
    }
    return found;
  };

  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (err) {
      addProblem(abs, describeError(err, 'path'));
      continue;
    }
    if (st.isDirectory()) {
      if (walk(abs) === 0) emptyFolders.push(displayPath(abs, cwd));
    } else if (!st.isFile()) {
      addProblem(abs, 'not a regular file');
    } else {
      const kind = fileKind(abs);
      if (kind) addFile(abs, kind);
      else addProblem(abs, `unsupported file type (expected ${SUPPORTED})`);
    }
  }

  return {
    files: [...files.values()].sort((a, b) => compare(a.rel, b.rel)),
    problems: [...problems.values()].sort((a, b) => compare(a.rel, b.rel)),
    emptyFolders,
  };
}

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

const SNIFF_BYTES = 8192;

/** Reads a file as UTF-8 text (without a BOM), or says why it cannot be checked. */
export function readText(abs: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch (err) {
    return { ok: false, reason: describeError(err, 'file') };
  }
  return decodeText(bytes);
}

export function decodeText(bytes: Uint8Array): ReadResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, reason: 'UTF-16 text is not supported: save the file as UTF-8' };
  }
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  if (sniff.includes(0)) return { ok: false, reason: 'binary file (it contains NUL bytes), not checked' };
  try {
    // The decoder drops a leading UTF-8 BOM: offsets are into the text after it, as in an editor.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'not valid UTF-8 text (binary, or another encoding), not checked' };
  }
}

/** A one-line reason for a file-system error, without the path (the caller prints it). */
export function describeError(err: unknown, what: 'file' | 'folder' | 'path' | 'playbook'): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return what === 'file' ? 'no such file (removed, or a broken link?)' : what === 'playbook' ? 'no such file' : 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return `permission denied: cannot read this ${what}`;
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of this path is not a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case undefined:
      return `cannot read this ${what}`;
    default:
      return `cannot read this ${what} (${code})`;
  }
}

/** Code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
