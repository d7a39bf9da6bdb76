// A preload (`node --require <script>`) that records, in the file named by LEVERAGE_TRAP_RECORD,
// every attempt of the process to reach the network, start a process or write a file, so tests can
// run the server and the CLI under it and assert that there were none. Network and process calls
// also throw (nothing may leave the machine even if the test fails to look); file writes are only
// recorded, so that a write the test did not foresee shows up as a record, not as a crash.
//
// What is trapped: net (Socket#connect, connect, createConnection), tls.connect, http(s).request
// and get, http2.connect, dgram.createSocket, globalThis.fetch and WebSocket, every dns lookup and
// resolve function (callback, promises and Resolver classes), child_process, and the path-based
// fs write functions. Stdio and the IPC channel are not trapped: they are pipes the parent opened,
// not connections the child makes (the tests prove it by talking to the server through them).

import * as fs from 'node:fs';
import * as path from 'node:path';

export const RECORD_ENV = 'LEVERAGE_TRAP_RECORD';

export interface TrapRecord {
  pid: number;
  api: string;
  detail: string;
}

/** What the trap writes to stderr once installed, followed by the process id. */
export const TRAP_ACTIVE = '[leverage-trap] active in process ';

const SCRIPT = String.raw`'use strict';
const TRAP_ACTIVE = ${JSON.stringify(TRAP_ACTIVE)};
const fs = require('fs');
const RECORD = process.env.${RECORD_ENV};
if (!RECORD) throw new Error('${RECORD_ENV} is not set');
// Captured before fs is patched, and used directly: recording must not record itself (fs's own
// appendFileSync goes through the patched fs.openSync).
const { openSync, writeSync, closeSync } = fs;
let recording = false;

function describe(args) {
  try {
    return args.slice(0, 2).map((a) => {
      if (typeof a === 'string') return a;
      if (a instanceof URL) return a.href;
      if (a && typeof a === 'object') return JSON.stringify(a, (k, v) => (typeof v === 'function' ? undefined : v)).slice(0, 200);
      return String(a);
    }).join(' ');
  } catch {
    return '?';
  }
}

function record(api, args) {
  if (recording) return;
  recording = true;
  try {
    const fd = openSync(RECORD, 'a');
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, api, detail: describe(args) }) + '\n');
    } finally {
      closeSync(fd);
    }
  } finally {
    recording = false;
  }
}

function blocked(api) {
  const err = new Error('blocked by the no-network test: ' + api);
  err.code = 'ELEVERAGETRAP';
  return err;
}

function trap(owner, name, api, mode) {
  const original = owner && owner[name];
  if (typeof original !== 'function') return;
  const replacement = {
    [name](...args) {
      record(api, args);
      if (mode === 'record') return original.apply(this, args);
      if (mode === 'reject') return Promise.reject(blocked(api));
      throw blocked(api);
    },
  }[name];
  Object.defineProperty(owner, name, { value: replacement, writable: true, configurable: true, enumerable: Object.getOwnPropertyDescriptor(owner, name)?.enumerable ?? false });
}

const net = require('net');
trap(net.Socket.prototype, 'connect', 'net.Socket.connect');
trap(net, 'connect', 'net.connect');
trap(net, 'createConnection', 'net.createConnection');
trap(require('tls'), 'connect', 'tls.connect');
for (const mod of ['http', 'https']) {
  trap(require(mod), 'request', mod + '.request');
  trap(require(mod), 'get', mod + '.get');
}
trap(require('http2'), 'connect', 'http2.connect');
trap(require('dgram'), 'createSocket', 'dgram.createSocket');
trap(globalThis, 'fetch', 'fetch', 'reject');
if (typeof globalThis.WebSocket === 'function') {
  const Original = globalThis.WebSocket;
  globalThis.WebSocket = function WebSocket(...args) { record('WebSocket', args); throw blocked('WebSocket'); };
  globalThis.WebSocket.prototype = Original.prototype;
}

const dns = require('dns');
const dnsApi = (name) => /^(lookup|lookupService|resolve\w*|reverse)$/.test(name);
for (const name of Object.keys(dns)) if (dnsApi(name)) trap(dns, name, 'dns.' + name);
for (const name of Object.keys(dns.promises)) if (dnsApi(name)) trap(dns.promises, name, 'dns.promises.' + name, 'reject');
for (const proto of [dns.Resolver.prototype, dns.promises.Resolver.prototype]) {
  for (const name of Object.getOwnPropertyNames(proto)) if (dnsApi(name)) trap(proto, name, 'dns.Resolver.' + name, proto === dns.Resolver.prototype ? 'throw' : 'reject');
}

const cp = require('child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) trap(cp, name, 'child_process.' + name);

// Path-based writes only: stdout and stderr are written through their file descriptors.
const fsWrites = ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'mkdir', 'mkdirSync', 'mkdtemp', 'mkdtempSync',
  'rename', 'renameSync', 'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync',
  'symlink', 'symlinkSync', 'link', 'linkSync', 'truncate', 'truncateSync', 'chmod', 'chmodSync', 'utimes', 'utimesSync'];
for (const name of fsWrites) trap(fs, name, 'fs.' + name, 'record');
for (const name of fsWrites) trap(fs.promises, name, 'fs.promises.' + name, 'record');
const WRITE_FLAGS = /[wax+]/;
for (const [owner, name] of [[fs, 'open'], [fs, 'openSync'], [fs.promises, 'open']]) {
  const original = owner[name];
  owner[name] = function (file, flags, ...rest) {
    if (typeof flags === 'string' ? WRITE_FLAGS.test(flags) : typeof flags === 'number' && (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) !== 0) {
      record('fs.' + name, [file, flags]);
    }
    return original.call(this, file, flags, ...rest);
  };
}

// So that a test can tell the trap was loaded into the process it watches.
process.stderr.write(TRAP_ACTIVE + process.pid + '\n');
`;

/** Writes the trap script into `dir`; returns its path and the (empty) record file's. */
export function writeTrap(dir: string): { script: string; record: string } {
  const script = path.join(dir, 'trap.js');
  const record = path.join(dir, 'trap-record.jsonl');
  fs.writeFileSync(script, SCRIPT);
  fs.writeFileSync(record, '');
  return { script, record };
}

export function readRecord(file: string): TrapRecord[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TrapRecord);
}
