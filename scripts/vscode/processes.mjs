// Child processes for the VS Code harness: each runs in its own process group, is tracked until
// it exits, and is stopped with its whole group (the VS Code server's extension host and our
// language server, npm's install scripts and the compilers they start) by stopAll(), which the
// harness calls on success, failure, timeout and SIGINT alike.

import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** @type {Set<Child>} */
const running = new Set();

/**
 * @typedef {object} Child
 * @property {import('node:child_process').ChildProcess} proc
 * @property {string} label
 * @property {() => string} output   everything it printed so far (stdout and stderr, interleaved)
 * @property {Promise<{code: number | null, signal: string | null}>} exited
 * @property {(graceMs?: number) => Promise<void>} stop
 */

/**
 * Starts a command in its own process group. Its output is kept (up to `keep` characters, the
 * most recent ones), optionally copied to `logFile` and, with `echo`, to our stdout prefixed
 * with the label.
 * @returns {Child}
 */
export function start(cmd, args, { label = cmd, cwd, env, logFile, echo = false, keep = 2_000_000 } = {}) {
  const proc = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  let out = '';
  const onData = (chunk) => {
    const s = chunk.toString();
    out += s;
    if (out.length > keep) out = out.slice(out.length - keep);
    log?.write(s);
    if (echo) for (const line of s.split('\n')) if (line.trim()) process.stdout.write(`  ${label}| ${line}\n`);
  };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  const exited = new Promise((resolve) => {
    proc.on('error', (err) => {
      out += `\n${label}: ${err.message}\n`;
      running.delete(child);
      log?.end();
      resolve({ code: null, signal: 'spawn-error' });
    });
    proc.on('close', (code, signal) => {
      running.delete(child);
      log?.end();
      resolve({ code, signal });
    });
  });
  /** @type {Child} */
  const child = {
    proc,
    label,
    output: () => out,
    exited,
    stop: (graceMs = 5000) => stopGroup(child, graceMs),
  };
  running.add(child);
  return child;
}

/**
 * Runs a command to completion (in its own process group), killing the group after `timeoutMs`.
 * Resolves with its exit status and output; never rejects for a non-zero status.
 */
export async function run(cmd, args, { timeoutMs = 10 * 60_000, ...options } = {}) {
  const child = start(cmd, args, options);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void child.stop(3000);
  }, timeoutMs);
  const { code, signal } = await child.exited;
  clearTimeout(timer);
  return { code, signal, timedOut, output: child.output() };
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function stopGroup(child, graceMs) {
  const pid = child.proc.pid;
  if (!pid) return;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  // The group outlives its leader when children ignore SIGTERM: wait for the group, not the leader.
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
  await Promise.race([child.exited, new Promise((r) => setTimeout(r, 2000))]);
  running.delete(child);
}

/** Stops every process group started here that is still running, in parallel. */
export async function stopAll(graceMs = 5000) {
  await Promise.all([...running].map((c) => stopGroup(c, graceMs)));
}

/** Last resort from a synchronous 'exit' handler: SIGKILL whatever is left. */
export function killAllNow() {
  for (const c of running) if (c.proc.pid) signalGroup(c.proc.pid, 'SIGKILL');
  running.clear();
}

/** The labels of the processes still running (for the final report). */
export function runningLabels() {
  return [...running].map((c) => `${c.label} (pid ${c.proc.pid})`);
}
