// Changed-only mode in the server (`leverage.changedSince`): the base version of each open draft,
// read with Git once per document and revision and kept, so that typing never waits for Git.
// The base is read again in the background when the document is saved (a commit may have moved
// the revision), and dropped when the settings change or the document closes. Negotiation notes
// are private, never sent: always checked in full.
//
// Git does not run at all in a workspace the editor does not trust (the client says so in
// `initializationOptions.workspaceTrusted`, and sends `leverage/workspaceTrusted` when the user
// grants trust). Where the base cannot be had, the whole document is checked and the user is told
// once per cause with a window message (and a log line), never with document text.

import * as path from 'node:path';
import { changedRanges, keepChanged } from '../core/changed';
import type { Finding } from '../core/types';
import { readBase, type Base } from '../git';
import { judgesWholeDocument } from '../core/rules/index';
import type { ServerContext } from './context';
import { guardedListener } from './errors';
import { filePath } from '../pairing';

/** Sent by the client when the user trusts the workspace. */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'leverage/workspaceTrusted';

export type BaseState = Base | { ok: false; ref: string; problem: 'untrusted' | 'not-a-file'; detail: string; root?: string };

export interface BaselineUi {
  /** A window message (non-modal). */
  warn(message: string): void;
  log(message: string): void;
}

export class Baselines {
  private readonly entries = new Map<string, { ref: string; state: Promise<BaseState> }>();
  private readonly told = new Set<string>();
  /** Goes up whenever a kept base is replaced or dropped: analyses made with the old one are stale. */
  generation = 0;

  constructor(
    private readonly ui: BaselineUi,
    /** Called after a base changed in the background: diagnostics must be refreshed. */
    private readonly changed: () => void,
    private trusted = true,
  ) {}

  /** The base of the document at `uri` for `ref`, read once and kept. */
  get(uri: string, filePath: string | undefined, ref: string): Promise<BaseState> {
    const entry = this.entries.get(uri);
    if (entry && entry.ref === ref) return entry.state;
    const state = this.load(filePath, ref).then((s) => {
      this.tell(s, filePath);
      return s;
    });
    this.entries.set(uri, { ref, state });
    return state;
  }

  /** On save: read the base again, off the typing path; if it differs, analyses are redone. */
  saved(uri: string, filePath: string | undefined): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    void Promise.all([entry.state, this.load(filePath, entry.ref)]).then(([before, after]) => {
      if (this.entries.get(uri) !== entry || same(before, after)) return;
      this.entries.set(uri, { ref: entry.ref, state: Promise.resolve(after) });
      this.tell(after, filePath);
      this.generation++;
      this.changed();
    });
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /** The settings changed: every base is read again when next needed, and problems are told again. */
  reset(): void {
    this.entries.clear();
    this.told.clear();
    this.generation++;
  }

  /** `refresh`: false during initialize, before any document was analysed. */
  setTrusted(trusted: boolean, refresh = true): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    this.reset();
    if (refresh) this.changed();
  }

  private load(filePath: string | undefined, ref: string): Promise<BaseState> {
    if (!this.trusted) {
      return Promise.resolve({ ok: false, ref, problem: 'untrusted', detail: 'the workspace is not trusted' });
    }
    if (!filePath) return Promise.resolve({ ok: false, ref, problem: 'not-a-file', detail: 'the document is not a file on disk' });
    return readBase(filePath, ref).catch(
      (err: unknown): BaseState => ({ ok: false, ref, problem: 'failed', detail: `git could not be run (${err instanceof Error ? err.name : 'error'})` }),
    );
  }

  /** Once per cause: Git missing or no trust once, an unknown revision once per repository, a folder
   *  outside any repository once per folder, anything else once per file. */
  private tell(state: BaseState, filePath: string | undefined): void {
    if (state.ok) return;
    const ref = `“${state.ref}”`;
    const name = filePath ? path.basename(filePath) : 'this document';
    const whole = 'Leverage checks whole documents instead';
    let key: string;
    let message: string;
    switch (state.problem) {
      case 'untrusted':
        key = 'untrusted';
        message = `Leverage does not run Git in an untrusted workspace, so it cannot tell what changed since ${ref}: ${whole}. Trust the workspace to review only the changes.`;
        break;
      case 'no-git':
        key = 'no-git';
        message = `Leverage could not find what changed since ${ref}: ${state.detail}. ${whole}.`;
        break;
      case 'unknown-revision':
        key = `unknown\0${state.root ?? ''}`;
        message = `Leverage could not find the revision ${ref} in the Git repository at ${state.root ?? 'this folder'}: ${whole}. Run “Leverage: Review Changes Since Revision...” to choose another one.`;
        break;
      case 'not-in-repository':
        key = `outside\0${filePath ? path.dirname(filePath) : ''}`;
        message = `Leverage checks ${name} in full: it is not in a Git repository, so there is no version ${ref} to compare it with.`;
        break;
      case 'not-a-file':
        // An unsaved document has no history: nothing to tell, beyond the log.
        this.ui.log(`Leverage: ${name} is not a file on disk; checked in full (leverage.changedSince = ${state.ref})`);
        return;
      default:
        key = `failed\0${filePath ?? ''}`;
        message = `Leverage checks ${name} in full: its version at ${ref} could not be read (${state.detail}).`;
    }
    if (this.told.has(key)) return;
    this.told.add(key);
    this.ui.log(message);
    this.ui.warn(message);
  }
}

function same(a: BaseState, b: BaseState): boolean {
  if (a.ok && b.ok) return a.commit === b.commit && a.text === b.text;
  return !a.ok && !b.ok && a.problem === b.problem && a.detail === b.detail;
}

/** The findings to show with this base: those in changed text when the base is known, else all. */
export function changedOnly(findings: Finding[], base: BaseState | undefined, text: string): Finding[] {
  if (!base?.ok) return findings;
  return keepChanged(findings, changedRanges(base.text, text), judgesWholeDocument);
}

/** Saves re-read the base, closes drop it, and the client's word on workspace trust is heard. */
export function registerBaselines(ctx: Pick<ServerContext, 'connection' | 'documents' | 'logError'>, baselines: Baselines): void {
  const { connection, documents, logError } = ctx;
  documents.onDidSave(guardedListener('didSave (changed-only base)', logError, (e) => baselines.saved(e.document.uri, filePath(e.document.uri))));
  documents.onDidClose(guardedListener('didClose (changed-only base)', logError, (e) => baselines.forget(e.document.uri)));
  connection.onNotification(
    WORKSPACE_TRUSTED_NOTIFICATION,
    guardedListener(WORKSPACE_TRUSTED_NOTIFICATION, logError, () => baselines.setTrusted(true)),
  );
}

/** `initializationOptions.workspaceTrusted`: only an explicit false (VS Code, untrusted) stops Git. */
export function trustedAtStart(initializationOptions: unknown): boolean {
  return !(initializationOptions && typeof initializationOptions === 'object' && (initializationOptions as { workspaceTrusted?: unknown }).workspaceTrusted === false);
}
