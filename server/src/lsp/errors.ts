// Internal errors: what the server logs about them and what the client is told. An error's message
// may quote the document (a parser error showing the offending line, a rule's assertion), and the
// log ends up in an output channel, a bug report or a support ticket; so only the error's name
// and the stack frames are logged, never its message, and the client gets a generic answer.

import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';

/** How many stack frames a log line keeps: enough to find the failing function. */
const FRAMES = 8;

/** `TypeError` and the stack frames, without the message (and so without any document text).
 *  Never throws, and uses no regular expression on the stack (it contains the message). */
export function describeError(err: unknown): string {
  try {
    if (!(err instanceof Error)) return `a thrown ${err === null ? 'null' : typeof err} (not an Error)`;
    // V8's stack is `${name}: ${message}` and then the frames; the message may span lines, some of
    // which could even look like frames, so it is cut off by its exact text when possible.
    let stack = String(err.stack ?? '');
    const header = Error.prototype.toString.call(err);
    if (stack.startsWith(header)) stack = stack.slice(header.length);
    const frames: string[] = [];
    for (const line of stack.split('\n')) {
      if (line.startsWith('    at ')) frames.push(line.trimEnd());
      if (frames.length === FRAMES) break;
    }
    const name = typeof err.name === 'string' && isIdentifier(err.name) ? err.name : 'Error';
    return frames.length > 0 ? `${name}\n${frames.join('\n')}` : `${name} (no stack)`;
  } catch {
    return 'an error that could not be described';
  }
}

/** A plausible error name (`TypeError`, `YAMLParseError`): letters, digits, `_`, `$`, `.`, at most 60. */
function isIdentifier(name: string): boolean {
  if (name.length === 0 || name.length > 60) return false;
  for (const c of name) {
    const ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '$' || c === '.';
    if (!ok) return false;
  }
  return true;
}

export type Log = (message: string) => void;

/**
 * Wraps a request handler: `ResponseError`s (cancellation, invalid params) pass through; anything
 * else is logged with `describeError` and answered with a generic InternalError, instead of the
 * library's default answer, which quotes the error's message to the client.
 */
export function guarded<P extends unknown[], R>(method: string, log: Log, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
  return async (...args: P): Promise<R> => {
    try {
      return await handler(...args);
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      safely(log, `Leverage: ${method} failed: ${describeError(err)}`);
      throw new ResponseError(ErrorCodes.InternalError, `Leverage: ${method} failed with an internal error (details in the Leverage output)`);
    }
  };
}

/** The same for a notification or event handler: there is nobody to answer, so log and carry on. */
export function guardedListener<P extends unknown[]>(what: string, log: Log, handler: (...args: P) => void): (...args: P) => void {
  return (...args: P): void => {
    try {
      handler(...args);
    } catch (err) {
      safely(log, `Leverage: ${what} failed: ${describeError(err)}`);
    }
  };
}

/** Logging an error must not raise another one in its place. */
function safely(log: Log, message: string): void {
  try {
    log(message);
  } catch {
    // Nowhere left to report it.
  }
}

/** More escaped errors than this within `ESCAPED_WINDOW_MS` and the server exits instead. */
export const MAX_ESCAPED_ERRORS = 20;
const ESCAPED_WINDOW_MS = 60_000;

/**
 * Errors that escape every handler (a throw in a timer, a rejected promise nobody awaits). Node's
 * default is to print the message to stderr and exit; a language server that dies takes every open
 * document's diagnostics with it, so these are logged like the others and the server carries on:
 * the failed piece of work is lost, and the state it may have left is per document and rebuilt on
 * the next change. An error that keeps recurring is a broken server, though: past
 * `MAX_ESCAPED_ERRORS` a minute it exits with status 1, and the editor restarts it.
 */
export function installProcessGuards(log: Log, exit: (code: number) => void = (code) => process.exit(code)): void {
  const recent: number[] = [];
  const escaped = (what: string, err: unknown) => {
    const now = Date.now();
    while (recent.length > 0 && now - recent[0]! > ESCAPED_WINDOW_MS) recent.shift();
    recent.push(now);
    safely(log, `Leverage: ${what}: ${describeError(err)}`);
    if (recent.length > MAX_ESCAPED_ERRORS) {
      safely(log, `Leverage: ${recent.length} internal errors within a minute; the server stops so that the editor can restart it`);
      // Let the log message leave before the process does.
      setTimeout(() => exit(1), 100);
    }
  };
  process.on('uncaughtException', (err) => escaped('uncaught exception', err));
  process.on('unhandledRejection', (reason) => escaped('unhandled promise rejection', reason));
}
