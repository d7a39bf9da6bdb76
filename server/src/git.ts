// Reading a file as it was at a Git revision, for changed-only mode (`--since REF`, the
// `leverage.changedSince` setting), and listing recent revisions for the editor's picker. Shared by
// the CLI (synchronous), the server and the client (asynchronous).
//
// Git runs as a local process, never through a shell, and never touches the network (only
// rev-parse, cat-file, log and for-each-ref on local objects). Hardened because a repository's
// configuration is not ours: no terminal prompts, no pager, no optional locks, no fsmonitor hook
// (a configured program Git would otherwise start), a time limit and a bound on what it may print.
// Variables that would point Git at another repository (as in a Git hook) are removed, so the
// repository is always the one holding the file. Callers in an untrusted VS Code workspace must
// not call this at all. Errors carry Git's first line of stderr at most, never file contents.

import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type BaseProblem = 'no-git' | 'not-in-repository' | 'unknown-revision' | 'failed';

export type Base =
  | {
      ok: true;
      ref: string;
      /** The full commit id `ref` resolved to. */
      commit: string;
      /** The repository's top folder. */
      root: string;
      /** The file's text at `commit`; empty when it did not exist there (`added`). */
      text: string;
      added: boolean;
    }
  | { ok: false; ref: string; problem: BaseProblem; /** One line, no file contents. */ detail: string; root?: string };

/** One call of Git: what to run, where. */
interface GitCall {
  cwd: string;
  args: string[];
  /** Most bytes of stdout accepted; more is a failure. */
  maxBytes: number;
}

interface GitResult {
  status: number | null;
  stdout: Buffer;
  /** The first line of stderr. */
  stderr: string;
  /** Set when Git could not be run, timed out or printed too much. */
  error?: 'missing' | 'timeout' | 'too-large' | 'other';
}

export const GIT_TIMEOUT_MS = 10_000;
/** The base version of a document is analysed as text: far beyond the analysis limit is an error. */
export const MAX_BASE_BYTES = 16 * 1024 * 1024;
const SMALL_OUTPUT = 64 * 1024;

const GLOBAL_ARGS = ['--no-pager', '--no-optional-locks', '-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false'];
/** Variables that select a repository, index or object store other than the file's own. */
const REDIRECTING_VARS = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
];

export function gitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', PAGER: 'cat', LC_ALL: 'C', LANGUAGE: 'C' };
  for (const name of REDIRECTING_VARS) delete env[name];
  return env;
}

function runSync(call: GitCall): GitResult {
  const r = spawnSync('git', [...GLOBAL_ARGS, ...call.args], {
    cwd: call.cwd,
    env: gitEnv(),
    timeout: GIT_TIMEOUT_MS,
    maxBuffer: call.maxBytes,
    windowsHide: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = r.stdout ?? Buffer.alloc(0);
  const stderr = firstLine(r.stderr?.toString('utf8') ?? '');
  if (r.error) return { status: null, stdout, stderr, error: errorKind(r.error) };
  return { status: r.status, stdout, stderr };
}

function runAsync(call: GitCall): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      [...GLOBAL_ARGS, ...call.args],
      { cwd: call.cwd, env: gitEnv(), timeout: GIT_TIMEOUT_MS, maxBuffer: call.maxBytes, windowsHide: true, encoding: 'buffer' },
      (err, stdout, stderrBytes) => {
        const stderr = firstLine(stderrBytes?.toString('utf8') ?? '');
        if (!err) return resolve({ status: 0, stdout, stderr });
        const e = err as NodeJS.ErrnoException & { code?: unknown; killed?: boolean; signal?: string | null };
        if (typeof e.code === 'number') return resolve({ status: e.code, stdout, stderr });
        const kind = errorKind(e);
        resolve({ status: null, stdout, stderr, error: kind === 'other' && (e.killed || e.signal) ? 'timeout' : kind });
      },
    );
  });
}

function errorKind(err: NodeJS.ErrnoException): GitResult['error'] {
  if (err.code === 'ENOENT') return 'missing';
  if (err.code === 'ETIMEDOUT') return 'timeout';
  if (err.code === 'ENOBUFS' || err.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return 'too-large';
  return 'other';
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** What the CLI keeps between files: the repository of each folder, the commit of each (root, ref). */
export interface GitCache {
  roots: Map<string, { root: string } | { problem: BaseProblem; detail: string }>;
  commits: Map<string, { commit: string } | { problem: BaseProblem; detail: string }>;
}

export function newGitCache(): GitCache {
  return { roots: new Map(), commits: new Map() };
}

/** The steps, written once for both drivers: yields a Git call, receives its result. */
function* baseSteps(file: string, ref: string, cache: GitCache): Generator<GitCall, Base, GitResult> {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    real = path.resolve(file);
  }
  const dir = path.dirname(real);

  let root = cache.roots.get(dir);
  if (!root) {
    const r = yield { cwd: dir, args: ['rev-parse', '--show-toplevel'], maxBytes: SMALL_OUTPUT };
    if (r.error) root = failure(r);
    else if (r.status !== 0) {
      root = /not a git repository/i.test(r.stderr)
        ? { problem: 'not-in-repository', detail: 'not in a Git repository' }
        : { problem: 'failed', detail: `git rev-parse failed: ${r.stderr || `exit status ${r.status}`}` };
    } else root = { root: r.stdout.toString('utf8').trim() };
    cache.roots.set(dir, root);
  }
  if (!('root' in root)) return { ok: false, ref, ...root };
  const top = root.root;

  const key = `${top}\0${ref}`;
  let commit = cache.commits.get(key);
  if (!commit) {
    // `^{commit}`: a tag or branch name, an abbreviated id, HEAD~2, ... as long as it names a commit.
    const r = yield { cwd: top, args: ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], maxBytes: SMALL_OUTPUT };
    const sha = r.stdout.toString('utf8').trim();
    if (r.error) commit = failure(r);
    else if (r.status === 0 && /^[0-9a-f]{40,64}$/.test(sha)) commit = { commit: sha };
    else commit = { problem: 'unknown-revision', detail: `no revision "${ref}" in the repository` };
    cache.commits.set(key, commit);
  }
  if (!('commit' in commit)) return { ok: false, ref, root: top, ...commit };
  const sha = commit.commit;

  let rel = path.relative(top, real);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    return { ok: false, ref, root: top, problem: 'not-in-repository', detail: 'the file is outside its folder\'s Git repository' };
  }
  rel = rel.split(path.sep).join('/');
  const blob = yield { cwd: top, args: ['cat-file', 'blob', `${sha}:${rel}`], maxBytes: MAX_BASE_BYTES };
  if (blob.error) return { ok: false, ref, root: top, ...failure(blob) };
  if (blob.status === 0) {
    const text = decode(blob.stdout);
    if (text === undefined) return { ok: false, ref, root: top, problem: 'failed', detail: `the file at "${ref}" is not UTF-8 text` };
    return { ok: true, ref, commit: sha, root: top, text, added: false };
  }
  // Not there at that revision (a new file, or renamed since: everything in it is new), or worse?
  const exists = yield { cwd: top, args: ['cat-file', '-e', `${sha}:${rel}`], maxBytes: SMALL_OUTPUT };
  if (exists.error) return { ok: false, ref, root: top, ...failure(exists) };
  if (exists.status !== 0) return { ok: true, ref, commit: sha, root: top, text: '', added: true };
  return { ok: false, ref, root: top, problem: 'failed', detail: `git cat-file failed: ${blob.stderr || `exit status ${blob.status}`}` };
}

function failure(r: GitResult): { problem: BaseProblem; detail: string } {
  switch (r.error) {
    case 'missing':
      return { problem: 'no-git', detail: 'git was not found (is it installed and on PATH?)' };
    case 'timeout':
      return { problem: 'failed', detail: `git did not answer within ${GIT_TIMEOUT_MS / 1000} seconds` };
    case 'too-large':
      return { problem: 'failed', detail: `the file at that revision is larger than ${MAX_BASE_BYTES / 1024 / 1024} MB` };
    default:
      return { problem: 'failed', detail: `git could not be run${r.stderr ? `: ${r.stderr}` : ''}` };
  }
}

/** As the CLI reads files: UTF-8 (a BOM dropped), no NUL bytes; undefined for anything else. */
function decode(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** `file` as it was at `ref` in its Git repository (synchronous, for the CLI). */
export function readBaseSync(file: string, ref: string, cache: GitCache = newGitCache()): Base {
  const steps = baseSteps(file, ref, cache);
  let next = steps.next();
  while (!next.done) next = steps.next(runSync(next.value));
  return next.value;
}

/** `file` as it was at `ref` in its Git repository (asynchronous, for the server). */
export async function readBase(file: string, ref: string, cache: GitCache = newGitCache()): Promise<Base> {
  const steps = baseSteps(file, ref, cache);
  let next = steps.next();
  while (!next.done) next = steps.next(await runAsync(next.value));
  return next.value;
}

export interface Revision {
  /** What to write in the setting: a tag name or a full commit id. */
  ref: string;
  label: string;
  description: string;
  kind: 'commit' | 'tag';
}

export type Revisions = { ok: true; root: string; commits: Revision[]; tags: Revision[] } | { ok: false; problem: BaseProblem; detail: string };

const FIELD = '\x1f';

/** The last `count` commits of the repository holding `dir`, and its newest tags (for a picker). */
export async function listRevisions(dir: string, count = 20): Promise<Revisions> {
  const top = await runAsync({ cwd: dir, args: ['rev-parse', '--show-toplevel'], maxBytes: SMALL_OUTPUT });
  if (top.error) return { ok: false, ...failure(top) };
  if (top.status !== 0) {
    return /not a git repository/i.test(top.stderr)
      ? { ok: false, problem: 'not-in-repository', detail: 'not in a Git repository' }
      : { ok: false, problem: 'failed', detail: `git rev-parse failed: ${top.stderr}` };
  }
  const root = top.stdout.toString('utf8').trim();
  const [log, tags] = await Promise.all([
    runAsync({ cwd: root, args: ['log', '-n', String(count), '--no-color', '--no-show-signature', `--format=%H${FIELD}%h${FIELD}%cs${FIELD}%s`], maxBytes: 1024 * 1024 }),
    runAsync({
      cwd: root,
      args: ['for-each-ref', `--count=${count}`, '--sort=-creatordate', `--format=%(refname:short)%1f%(creatordate:short)%1f%(subject)`, 'refs/tags'],
      maxBytes: 1024 * 1024,
    }),
  ]);
  const rows = (r: GitResult) => (r.status === 0 ? r.stdout.toString('utf8').split('\n').filter((l) => l.includes(FIELD)) : []);
  // An empty repository has no log: no commits to offer, which is not an error.
  const commits = rows(log).map((line): Revision => {
    const [sha = '', short = '', date = '', subject = ''] = line.split(FIELD);
    return { ref: sha, label: short, description: `${date} ${subject}`.trim(), kind: 'commit' };
  });
  const tagList = rows(tags).map((line): Revision => {
    const [name = '', date = '', subject = ''] = line.split(FIELD);
    return { ref: name, label: name, description: `${date} ${subject}`.trim(), kind: 'tag' };
  });
  return { ok: true, root, commits, tags: tagList };
}
