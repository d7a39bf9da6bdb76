// The `leverage` CLI, run as the built bundle (dist/cli.js) in a child process against temporary
// folders, as a script or CI job would run it. Build first: `npm run build && npx tsc -p .`.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { RULES } from '../../server/src/core/rules/index';
import { RULE_IDS, type DocumentKind } from '../../server/src/core/types';
import { run } from '../../server/src/cli/run';
import { VERSION } from '../../server/src/version';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CONCESSION = 'We can agree to that.';
/** Every diagnostic code: the rule ids, and the core's report of a stale suppression comment. */
const CODES: readonly string[] = [...RULE_IDS, 'unused-suppression'];
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

let tmp: string;
before(() => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-cli-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string, env: Record<string, string | undefined> = {}, as?: { uid: number; gid: number }): Result {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, ...env },
    timeout: 30_000,
    ...as,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder under the test's temp folder with the given files (string = UTF-8 text). */
function project(name: string, files: Record<string, string | Buffer>): string {
  const dir = path.join(tmp, name);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function stderrLines(r: Result): string[] {
  return r.stderr.split('\n').filter((l) => l !== '');
}

// ---------------------------------------------------------------------------------------------
// The JSON contract, checked independently of the CLI's own code.

interface Pos {
  line: number;
  character: number;
}
interface JRange {
  start: Pos;
  end: Pos;
}
interface JDiagnostic {
  rule: string;
  severity: string;
  message: string;
  range: JRange;
  fixes: { title: string; edits: { range: JRange; newText: string }[] }[];
}
interface JOutput {
  version: number;
  files: { path: string; diagnostics: JDiagnostic[] }[];
}

function keys(o: unknown): string[] {
  assert.equal(typeof o, 'object');
  assert.ok(o !== null && !Array.isArray(o));
  return Object.keys(o as object).sort();
}

function assertRange(r: unknown): void {
  assert.deepEqual(keys(r), ['end', 'start']);
  for (const p of [(r as JRange).start, (r as JRange).end]) {
    assert.deepEqual(keys(p), ['character', 'line']);
    assert.ok(Number.isInteger(p.line) && p.line >= 0, `bad line ${p.line}`);
    assert.ok(Number.isInteger(p.character) && p.character >= 0, `bad character ${p.character}`);
  }
}

/** Parses stdout and asserts it is exactly the product note's shape, no more and no less. */
function parseJson(stdout: string): JOutput {
  const out = JSON.parse(stdout) as JOutput;
  assert.deepEqual(keys(out), ['files', 'version']);
  assert.equal(out.version, 1);
  assert.ok(Array.isArray(out.files));
  for (const f of out.files) {
    // `suppressed` (the audit trail of accepted findings) is there only when a file has some.
    assert.deepEqual(keys(f).filter((k) => k !== 'suppressed'), ['diagnostics', 'path']);
    assert.equal(typeof f.path, 'string');
    assert.ok(!f.path.includes('\\') && !path.isAbsolute(f.path), `path not relative with forward slashes: ${f.path}`);
    for (const d of f.diagnostics) {
      assert.deepEqual(keys(d), ['fixes', 'message', 'range', 'rule', 'severity']);
      assert.ok(CODES.includes(d.rule), `unknown rule ${d.rule}`);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
      assert.ok(typeof d.message === 'string' && d.message.length > 0);
      assertRange(d.range);
      for (const x of d.fixes) {
        assert.deepEqual(keys(x), ['edits', 'title']);
        assert.equal(typeof x.title, 'string');
        assert.ok(x.edits.length > 0);
        for (const e of x.edits) {
          assert.deepEqual(keys(e), ['newText', 'range']);
          assertRange(e.range);
          assert.equal(typeof e.newText, 'string');
        }
      }
    }
  }
  return out;
}

/** Offset -> LSP position, written here without the core's LineIndex: \r\n, \r and \n end lines. */
function positionOf(text: string, offset: number): Pos {
  let line = 0;
  let lineStart = 0;
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m && m.index < offset; m = re.exec(text)) {
    if (m.index + m[0].length > offset) break;
    line++;
    lineStart = m.index + m[0].length;
  }
  return { line, character: offset - lineStart };
}

function offsetOf(text: string, p: Pos): number {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts[p.line]! + p.character;
}

/** What the CLI should report for a text: the core's findings, positioned independently. */
function expectedDiagnostics(text: string, kind: DocumentKind, options = {}) {
  return analyze(text, kind, options).findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    range: { start: positionOf(text, f.start), end: positionOf(text, f.end) },
    edits: f.fixes.map((x) => x.edits.map((e) => ({ start: positionOf(text, e.start), end: positionOf(text, e.end), newText: e.newText }))),
  }));
}

function actualDiagnostics(d: JDiagnostic[]) {
  return d.map((x) => ({
    rule: x.rule,
    severity: x.severity,
    range: x.range,
    edits: x.fixes.map((f) => f.edits.map((e) => ({ start: e.range.start, end: e.range.end, newText: e.newText }))),
  }));
}

// ---------------------------------------------------------------------------------------------

describe('leverage check: findings and exit status', () => {
  let dir: string;
  const offer = `# Offer\n\nThank you for the draft.\n\n${CONCESSION}\n`;
  before(() => {
    dir = project('basic', { 'drafts/offer.md': offer, 'drafts/clean.txt': 'Thank you for the draft.\n' });
  });

  test('--format json: the contract shape, every checked file, the concession with its position', () => {
    const r = cli(['check', '--format', 'json', 'drafts'], dir);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0, 'warnings alone do not fail without --max-warnings');
    const out = parseJson(r.stdout);
    assert.deepEqual(
      out.files.map((f) => f.path),
      ['drafts/clean.txt', 'drafts/offer.md'],
    );
    assert.deepEqual(out.files[0]!.diagnostics, [], 'a clean file is listed with no diagnostics');
    const d = out.files[1]!.diagnostics.find((x) => x.rule === 'unconditional-concession');
    assert.ok(d, 'the concession is reported');
    assert.equal(d.severity, 'warning');
    assert.equal(d.range.start.line, 4);
    assert.equal(d.range.start.character, 0);
    const flagged = offer.slice(offsetOf(offer, d.range.start), offsetOf(offer, d.range.end));
    assert.match(flagged, /agree/);
    assert.ok(d.fixes.length > 0);
    assert.deepEqual(actualDiagnostics(out.files[1]!.diagnostics), expectedDiagnostics(offer, 'markdown'));
  });

  test('every fix, applied at the reported positions, removes the finding', () => {
    const out = parseJson(cli(['check', '--format', 'json', 'drafts/offer.md'], dir).stdout);
    const d = out.files[0]!.diagnostics.find((x) => x.rule === 'unconditional-concession')!;
    for (const fix of d.fixes) {
      let text = offer;
      const edits = fix.edits
        .map((e) => ({ start: offsetOf(offer, e.range.start), end: offsetOf(offer, e.range.end), newText: e.newText }))
        .sort((a, b) => b.start - a.start);
      for (const e of edits) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
      assert.notEqual(text, offer);
      const left = analyze(text, 'markdown').findings.filter((f) => f.rule === 'unconditional-concession');
      assert.deepEqual(left, [], `fix "${fix.title}" leaves the finding`);
    }
  });

  test('--max-warnings: over the limit is 1, within it or -1 is 0', () => {
    const over = cli(['check', '--max-warnings', '0', 'drafts'], dir);
    assert.equal(over.status, 1);
    assert.match(over.stdout, /Too many warnings/);
    assert.equal(cli(['check', '--max-warnings=0', '--format', 'json', 'drafts'], dir).status, 1);
    assert.equal(cli(['check', '--max-warnings', '1', 'drafts'], dir).status, 0);
    assert.equal(cli(['check', '--max-warnings', '-1', 'drafts'], dir).status, 0);
    const json = cli(['check', '--format', 'json', '--max-warnings', '0', 'drafts'], dir);
    parseJson(json.stdout); // stdout stays pure JSON; the note goes to stderr
    assert.match(json.stderr, /too many warnings/);
    assert.equal(cli(['check', '--max-warnings', '0', 'drafts/clean.txt'], dir).status, 0);
  });

  test('--format text: path:line:col: severity rule: message, 1-based, then a summary; no colour when piped', () => {
    const r = cli(['check', 'drafts'], dir);
    assert.equal(r.status, 0);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    const concession = lines.find((l) => l.includes('unconditional-concession'));
    assert.ok(concession);
    assert.match(concession, /^drafts\/offer\.md:5:1: warning unconditional-concession: .+/);
    for (const l of lines.slice(0, -1)) assert.match(l, /^[^:]+:\d+:\d+: (error|warning|information|hint) [a-z-]+: \S.*$/);
    const n = lines.length - 1;
    assert.equal(lines.at(-1), `${n} problem${n === 1 ? '' : 's'} (0 errors, ${n} warning${n === 1 ? '' : 's'}, 0 info) in 2 files`);
    assert.ok(!r.stdout.includes('\x1b'), 'no escape codes in a pipe');
  });

  test('colour only on a terminal and only without NO_COLOR', () => {
    const capture = (tty: boolean, env: Record<string, string | undefined>) => {
      let out = '';
      const status = run(['check', 'drafts/offer.md'], { cwd: dir, env, stdoutIsTTY: tty, stdout: (s) => (out += s), stderr: () => {} });
      assert.equal(status, 0);
      return out;
    };
    assert.ok(capture(true, {}).includes('\x1b['), 'coloured on a terminal');
    assert.ok(!capture(true, { NO_COLOR: '1' }).includes('\x1b'));
    assert.ok(!capture(true, { NO_COLOR: '' }).includes('\x1b'), 'NO_COLOR set, even empty, disables colour');
    assert.ok(!capture(false, {}).includes('\x1b'));
  });

  test('output is deterministic', () => {
    const a = cli(['check', '--format', 'json', 'drafts', 'drafts/offer.md'], dir);
    const b = cli(['check', '--format', 'json', 'drafts/offer.md', 'drafts'], dir);
    assert.equal(a.stdout, b.stdout, 'order of the paths and duplicates do not matter');
    assert.equal(parseJson(a.stdout).files.length, 2);
  });
});

describe('leverage check: positions in UTF-16 code units', () => {
  // A BOM, emoji (2 UTF-16 units, 4 UTF-8 bytes), curly quotes and § (1 unit, 2-3 bytes), CRLF
  // and a lone CR: a column counted in bytes or code points, or a BOM left in, would be off.
  const lead = '§ 1 “Price” 😀 — ';
  const text = `${lead}${CONCESSION}\r\nSecond line: café 😀😀 and “quotes”.\r\rAnother\r\n😀 “Fees” § — ${CONCESSION}\r\n`;
  let dir: string;
  before(() => {
    dir = project('utf16', {
      'bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      'plain.txt': text,
    });
  });

  test('JSON characters are UTF-16 units of the decoded text, lines split at CRLF, CR and LF', () => {
    const r = cli(['check', '--format', 'json', '.'], dir);
    assert.equal(r.stderr, '');
    const out = parseJson(r.stdout);
    assert.deepEqual(
      out.files.map((f) => f.path),
      ['bom.md', 'plain.txt'],
    );
    for (const f of out.files) {
      const concessions = f.diagnostics.filter((d) => d.rule === 'unconditional-concession');
      assert.equal(concessions.length, 2, f.path);
      assert.deepEqual(concessions[0]!.range.start, { line: 0, character: lead.length });
      assert.equal(lead.length, 17); // 16 code points, 28 UTF-8 bytes
      assert.deepEqual(concessions[1]!.range.start, { line: 4, character: '😀 “Fees” § — '.length });
      const kind = f.path.endsWith('.md') ? 'markdown' : 'plaintext';
      assert.deepEqual(actualDiagnostics(f.diagnostics), expectedDiagnostics(text, kind), f.path);
    }
  });

  test('text columns are the same units, 1-based', () => {
    const r = cli(['check', 'bom.md'], dir);
    assert.match(r.stdout, /^bom\.md:1:18: warning unconditional-concession: /m);
    assert.match(r.stdout, /^bom\.md:5:15: warning unconditional-concession: /m);
  });
});

describe('leverage check: files that cannot be checked', () => {
  const secret = 'TOP-SECRET-WALKAWAY-95000';
  let dir: string;
  before(() => {
    dir = project('bad-files', {
      'mixed/good.md': `${CONCESSION}\n`,
      'mixed/binary.md': Buffer.from(`${secret}\u0000\u0001\u0002 ${CONCESSION}`, 'utf8'),
      'mixed/latin1.txt': Buffer.from(`${secret} caf\xe9 ${CONCESSION}`, 'latin1'),
      'mixed/utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${secret} ${CONCESSION}`, 'utf16le')]),
      'other/fine.txt': 'Thank you.\n',
    });
  });

  test('binary, non-UTF-8 and UTF-16 files: a reason each on stderr, exit 2, the others still checked', () => {
    const r = cli(['check', '--format', 'json', 'mixed', 'other'], dir);
    assert.equal(r.status, 2);
    const out = parseJson(r.stdout);
    assert.deepEqual(
      out.files.map((f) => f.path),
      ['mixed/good.md', 'other/fine.txt'],
    );
    assert.ok(out.files[0]!.diagnostics.some((d) => d.rule === 'unconditional-concession'));
    assert.deepEqual(
      stderrLines(r).map((l) => /^leverage: (\S+): \S/.exec(l)?.[1]),
      ['mixed/binary.md', 'mixed/latin1.txt', 'mixed/utf16.md'],
    );
    const [binary, latin1, utf16] = stderrLines(r);
    assert.match(binary!, /binary/);
    assert.match(latin1!, /UTF-8/);
    assert.match(utf16!, /UTF-16/);
    assert.ok(!r.stderr.includes(secret) && !r.stderr.includes('agree'), 'no document text on stderr');
  });

  test('an error finding does not hide the unreadable file: 2 wins over 1', () => {
    const cfg = path.join(dir, 'strict.yaml');
    fs.writeFileSync(cfg, 'rules:\n  unconditional-concession: error\n');
    assert.equal(cli(['check', '--config', 'strict.yaml', 'mixed/good.md'], dir).status, 1);
    assert.equal(cli(['check', '--config', 'strict.yaml', 'mixed'], dir).status, 2);
  });

  test('a missing path and a broken link: reported, the rest still checked', { skip: process.platform === 'win32' }, () => {
    const walk = path.join(dir, 'links');
    fs.mkdirSync(walk, { recursive: true });
    fs.writeFileSync(path.join(walk, 'ok.md'), 'Thank you.\n');
    fs.symlinkSync('vanished.md', path.join(walk, 'dangling.md'));
    const r = cli(['check', '--format', 'json', 'links', 'no/such/file.md'], dir);
    assert.equal(r.status, 2);
    assert.deepEqual(
      parseJson(r.stdout).files.map((f) => f.path),
      ['links/ok.md'],
    );
    const lines = stderrLines(r);
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^leverage: links\/dangling\.md: no such file/);
    assert.match(lines[1]!, /^leverage: no\/such\/file\.md: no such file or folder$/);
  });

  test('a file and a folder without read permission', { skip: process.platform === 'win32' }, (t) => {
    // Root reads anything: run the CLI as `nobody` then, if this machine lets us.
    const as = IS_ROOT ? { uid: 65534, gid: 65534 } : undefined;
    const locked = path.join(dir, 'locked');
    fs.mkdirSync(path.join(locked, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(locked, 'a.md'), `${CONCESSION}\n`);
    fs.writeFileSync(path.join(locked, 'b.md'), 'Thank you.\n');
    fs.writeFileSync(path.join(locked, 'sub', 'c.md'), 'Thank you.\n');
    if (as) fs.chmodSync(tmp, 0o755);
    fs.chmodSync(path.join(locked, 'a.md'), 0o000);
    fs.chmodSync(path.join(locked, 'sub'), 0o000);
    try {
      let r: Result;
      try {
        r = cli(['check', '--format', 'json', 'locked'], dir, {}, as);
      } catch (err) {
        if (as) return t.skip(`cannot run as another user here: ${(err as Error).message}`);
        throw err;
      }
      assert.equal(r.status, 2, r.stderr);
      assert.deepEqual(stderrLines(r), [
        'leverage: locked/a.md: permission denied: cannot read this file',
        'leverage: locked/sub: permission denied: cannot read this folder',
      ]);
      assert.deepEqual(
        parseJson(r.stdout).files.map((f) => f.path),
        ['locked/b.md'],
      );
    } finally {
      fs.chmodSync(path.join(locked, 'a.md'), 0o644);
      fs.chmodSync(path.join(locked, 'sub'), 0o755);
      if (as) fs.chmodSync(tmp, 0o700);
    }
  });
});

describe('leverage check: folders', () => {
  let dir: string;
  const neutral = 'Thank you for the draft.\n';
  before(() => {
    dir = project('walk', {
      'proj/a.md': neutral,
      'proj/B.markdown': neutral,
      'proj/c.txt': neutral,
      'proj/d.contract': neutral,
      'proj/e.negotiation.yaml': 'negotiation: Acme\n',
      'proj/f.negotiation.yml': 'negotiation: Acme\n',
      'proj/g.yaml': 'a: b\n',
      'proj/h.pdf': '%PDF-1.4\n',
      'proj/markdown': neutral, // a bare name equal to a language id is not a Markdown file
      'proj/sub/deep/i.md': neutral,
      'proj/sub/node_modules/z.md': neutral,
      'proj/sub/.cache/q.md': neutral,
      'proj/node_modules/pkg/readme.md': neutral,
      'proj/.git/x.md': neutral,
      'proj/.hidden/y.md': neutral,
      'proj/my offer.md': neutral,
      'empty/nothing.pdf': '',
    });
  });

  test('walked recursively for supported files, skipping node_modules and hidden folders, sorted', () => {
    const r = cli(['check', '--format', 'json', 'proj'], dir);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.deepEqual(
      parseJson(r.stdout).files.map((f) => f.path),
      [
        'proj/B.markdown',
        'proj/a.md',
        'proj/c.txt',
        'proj/d.contract',
        'proj/e.negotiation.yaml',
        'proj/f.negotiation.yml',
        'proj/my offer.md',
        'proj/sub/deep/i.md',
      ],
    );
  });

  test('paths are relative to the working folder, whatever form the argument takes', () => {
    const r = cli(['check', '--format', 'json', path.join(dir, 'proj', 'sub'), '../a.md'], path.join(dir, 'proj', 'sub'));
    assert.equal(r.status, 0);
    assert.deepEqual(
      parseJson(r.stdout).files.map((f) => f.path),
      ['../a.md', 'deep/i.md'],
    );
  });

  test('a folder given explicitly is walked even if it would be skipped', () => {
    const r = cli(['check', '--format', 'json', 'proj/node_modules', 'proj/.hidden'], dir);
    assert.deepEqual(
      parseJson(r.stdout).files.map((f) => f.path),
      ['proj/.hidden/y.md', 'proj/node_modules/pkg/readme.md'],
    );
  });

  test('an explicit file of an unsupported type is bad usage: exit 2, the others still checked', () => {
    const r = cli(['check', '--format', 'json', 'proj/h.pdf', 'proj/a.md', 'proj/markdown'], dir);
    assert.equal(r.status, 2);
    assert.deepEqual(
      parseJson(r.stdout).files.map((f) => f.path),
      ['proj/a.md'],
    );
    const lines = stderrLines(r);
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^leverage: proj\/h\.pdf: unsupported file type/);
    assert.match(lines[1]!, /^leverage: proj\/markdown: unsupported file type/);
  });

  test('a folder with nothing to check: a warning, not a failure', () => {
    const r = cli(['check', '--format', 'json', 'empty'], dir);
    assert.equal(r.status, 0);
    assert.deepEqual(parseJson(r.stdout).files, []);
    assert.match(r.stderr, /^leverage: empty: warning: no supported files/);
  });

  test('`--` ends the options, so a file may start with a dash', () => {
    fs.writeFileSync(path.join(dir, '--odd.md'), neutral);
    const r = cli(['check', '--format', 'json', '--', '--odd.md'], dir);
    assert.equal(r.status, 0);
    assert.deepEqual(
      parseJson(r.stdout).files.map((f) => f.path),
      ['--odd.md'],
    );
  });
});

describe('leverage: usage', () => {
  const bad: [string, string[]][] = [
    ['no command', []],
    ['unknown command', ['lint', 'x.md']],
    ['missing PATH', ['check']],
    ['missing PATH after flags', ['check', '--format', 'json']],
    ['unknown flag', ['check', '--fix', 'x.md']],
    ['bad --format', ['check', '--format', 'xml', 'x.md']],
    ['--format without a value', ['check', 'x.md', '--format']],
    ['non-numeric --max-warnings', ['check', '--max-warnings', 'many', 'x.md']],
    ['fractional --max-warnings', ['check', '--max-warnings', '1.5', 'x.md']],
    ['--max-warnings below -1', ['check', '--max-warnings', '-2', 'x.md']],
    ['empty --config', ['check', '--config=', 'x.md']],
  ];
  for (const [name, args] of bad) {
    test(`bad usage (${name}): one line of reason, the help hint, exit 2, nothing on stdout`, () => {
      const r = cli(args, tmp);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      const lines = stderrLines(r);
      assert.equal(lines.length, 2, r.stderr);
      assert.match(lines[0]!, /^leverage: \S/);
      assert.equal(lines[1], "Run 'leverage --help'.");
    });
  }

  test('--help prints the usage and exits 0', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help']]) {
      const r = cli(args, tmp);
      assert.equal(r.status, 0);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /^Usage: leverage check \[options\] PATH\.\.\./);
      for (const flag of ['--format text|json|sarif', '--config FILE', '--max-warnings N', '--version']) assert.ok(r.stdout.includes(flag), flag);
    }
  });

  test('--version prints the version, which is package.json\'s', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(VERSION, pkg.version, 'server/src/version.ts must match package.json');
    const r = cli(['--version'], tmp);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${pkg.version}\n`);
  });
});

describe('leverage check --format sarif', () => {
  let dir: string;
  before(() => {
    dir = project('sarif', {
      'drafts/my offer.md': `# Offer 😀\n\n“Terms” — ${CONCESSION}\n`,
      'drafts/clean.md': 'Thank you.\n',
      'soft.yaml': 'rules:\n  unconditional-concession: information\n',
    });
  });

  // The properties SARIF 2.1.0's schema requires, and the ones code-scanning consumers rely on.
  function validateSarif(log: any): void {
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.ok(Array.isArray(log.runs) && log.runs.length === 1);
    const run = log.runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.invocations.length, 1);
    assert.equal(typeof run.invocations[0].executionSuccessful, 'boolean');
    const driver = run.tool.driver;
    assert.equal(driver.name, 'leverage');
    assert.equal(driver.version, VERSION);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(
      driver.rules.map((r: any) => r.id),
      [...RULES.map((r) => r.id), 'unused-suppression'],
    );
    for (const [i, rule] of driver.rules.entries()) {
      assert.match(rule.name, /^[A-Z][A-Za-z]+$/);
      assert.ok(rule.shortDescription.text.length > 0 && rule.fullDescription.text.length > 0);
      if (i < RULES.length) assert.equal(rule.shortDescription.text, RULES[i]!.description);
      if (i < RULES.length) assert.equal(rule.fullDescription.text, RULES[i]!.principle);
      assert.equal(rule.helpUri, `https://github.com/leverage-dev/leverage#${rule.id}`);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    const region = (r: any) => {
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(r[k]) && r[k] >= 1, `${k}=${r[k]}`);
      assert.ok(r.endLine > r.startLine || (r.endLine === r.startLine && r.endColumn >= r.startColumn));
    };
    assert.ok(Array.isArray(run.results));
    for (const res of run.results) {
      assert.equal(typeof res.ruleId, 'string');
      assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      assert.ok(typeof res.message.text === 'string' && res.message.text.length > 0);
      assert.equal(res.locations.length, 1);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.doesNotThrow(() => new URL(loc.artifactLocation.uri, 'file:///root/'));
      region(loc.region);
      for (const s of res.suppressions ?? []) assert.ok(['inSource', 'external'].includes(s.kind));
      for (const fix of res.fixes ?? []) {
        assert.equal(typeof fix.description.text, 'string');
        assert.ok(fix.artifactChanges.length > 0);
        for (const change of fix.artifactChanges) {
          assert.deepEqual(change.artifactLocation, loc.artifactLocation);
          assert.ok(change.replacements.length > 0);
          for (const rep of change.replacements) {
            region(rep.deletedRegion);
            assert.equal(typeof rep.insertedContent.text, 'string');
          }
        }
      }
    }
  }

  test('a valid SARIF 2.1.0 log, 1-based regions matching the JSON positions', () => {
    const r = cli(['check', '--format', 'sarif', 'drafts'], dir);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    const log = JSON.parse(r.stdout);
    validateSarif(log);
    assert.deepEqual(log.runs[0].invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
    const json = parseJson(cli(['check', '--format', 'json', 'drafts'], dir).stdout);
    const diagnostics = json.files.flatMap((f) => f.diagnostics.map((d) => ({ ...d, path: f.path })));
    const results = log.runs[0].results.filter((x: any) => !x.suppressions);
    assert.equal(results.length, diagnostics.length);
    assert.ok(results.length > 0);
    results.forEach((res: any, i: number) => {
      const d = diagnostics[i]!;
      assert.equal(res.ruleId, d.rule);
      assert.equal(res.message.text, d.message);
      assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'drafts/my%20offer.md');
      assert.deepEqual(res.locations[0].physicalLocation.region, {
        startLine: d.range.start.line + 1,
        startColumn: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
      });
      assert.equal(res.fixes?.length ?? 0, d.fixes.length);
      d.fixes.forEach((f, j) => {
        assert.equal(res.fixes[j].description.text, f.title);
        assert.deepEqual(
          res.fixes[j].artifactChanges[0].replacements.map((x: any) => x.insertedContent.text),
          f.edits.map((e) => e.newText),
        );
      });
    });
    const concession = results.find((x: any) => x.ruleId === 'unconditional-concession');
    assert.equal(concession.level, 'warning');
    assert.deepEqual(concession.locations[0].physicalLocation.region, { startLine: 3, startColumn: 11, endLine: 3, endColumn: 26 });
  });

  test('a file that could not be checked is an execution notification, and exit 2', () => {
    fs.writeFileSync(path.join(dir, 'drafts', 'scan.md'), Buffer.from([0x25, 0x50, 0x00, 0x01]));
    try {
      const r = cli(['check', '--format', 'sarif', 'drafts'], dir);
      assert.equal(r.status, 2);
      const log = JSON.parse(r.stdout);
      validateSarif(log);
      const [invocation] = log.runs[0].invocations;
      assert.equal(invocation.executionSuccessful, false);
      assert.equal(invocation.toolExecutionNotifications.length, 1);
      const note = invocation.toolExecutionNotifications[0];
      assert.equal(note.level, 'error');
      assert.match(note.message.text, /binary/);
      assert.equal(note.locations[0].physicalLocation.artifactLocation.uri, 'drafts/scan.md');
    } finally {
      fs.rmSync(path.join(dir, 'drafts', 'scan.md'));
    }
  });

  test('suppressed findings keep their reason; a stale suppression comment is a result of its own', () => {
    const text = [
      '<!-- leverage-disable-next-line unconditional-concession -- agreed on the call of 3 May -->',
      CONCESSION,
      '',
      '<!-- leverage-disable-next-line hostile-tone -- nothing hostile here -->',
      'Thank you.',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'suppressed.md'), text);
    const json = parseJson(cli(['check', '--format', 'json', 'suppressed.md'], dir).stdout);
    assert.deepEqual(
      json.files[0]!.diagnostics.map((d) => [d.rule, d.range.start.line]),
      [['unused-suppression', 3]],
    );
    const log = JSON.parse(cli(['check', '--format', 'sarif', 'suppressed.md'], dir).stdout);
    validateSarif(log);
    const { results, tool } = log.runs[0];
    assert.equal(results.length, 2);
    const silenced = results.find((x: any) => x.ruleId === 'unconditional-concession');
    assert.deepEqual(silenced.suppressions, [{ kind: 'inSource', justification: 'agreed on the call of 3 May' }]);
    assert.equal(silenced.level, 'warning');
    assert.equal(silenced.locations[0].physicalLocation.region.startLine, 2);
    const stale = results.find((x: any) => x.ruleId === 'unused-suppression');
    assert.equal(stale.suppressions, undefined);
    assert.equal(stale.level, 'note');
    assert.equal(tool.driver.rules[stale.ruleIndex].id, 'unused-suppression');
  });

  test('information and hint become note', () => {
    const log = JSON.parse(cli(['check', '--format', 'sarif', '--config', 'soft.yaml', 'drafts'], dir).stdout);
    validateSarif(log);
    const concession = log.runs[0].results.find((x: any) => x.ruleId === 'unconditional-concession');
    assert.equal(concession.level, 'note');
  });
});

describe('leverage check: the playbook', () => {
  let dir: string;
  before(() => {
    dir = project('config', {
      'offer.md': `${CONCESSION}\n`,
      '.leverage.yaml': 'rules:\n  unconditional-concession: off\nphrases:\n  concession: ["eat the * cost"]\ntemplates:\n  concession: ["We can consider that if {ask}."]\n',
      'strict.yaml': 'rules:\n  unconditional-concession: error\ntradeables:\n  - Net-15 payment terms\n',
    });
  });

  test('.leverage.yaml in the working folder is used: a rule set to off is not reported', () => {
    const r = cli(['check', '--format', 'json', '--max-warnings', '0', 'offer.md'], dir);
    assert.equal(r.stderr, '', 'phrases and templates are known keys');
    const out = parseJson(r.stdout);
    assert.ok(!out.files[0]!.diagnostics.some((d) => d.rule === 'unconditional-concession'));
    // Without the playbook the same file has the finding: the test above could not pass by accident.
    const elsewhere = cli(['check', '--format', 'json', path.join(dir, 'offer.md')], tmp);
    assert.ok(parseJson(elsewhere.stdout).files[0]!.diagnostics.some((d) => d.rule === 'unconditional-concession'));
  });

  test('--config wins over .leverage.yaml: severity raised to error exits 1; tradeables feed the fixes', () => {
    const r = cli(['check', '--format', 'json', '--config', 'strict.yaml', 'offer.md'], dir);
    assert.equal(r.status, 1);
    const d = parseJson(r.stdout).files[0]!.diagnostics.find((x) => x.rule === 'unconditional-concession');
    assert.ok(d);
    assert.equal(d.severity, 'error');
    assert.ok(d.fixes.some((f) => f.edits.some((e) => e.newText.includes('Net-15 payment terms'))));
    const text = cli(['check', '--config', 'strict.yaml', 'offer.md'], dir);
    assert.match(text.stdout, /^offer\.md:1:1: error unconditional-concession: /m);
    assert.match(text.stdout, /^1 problem \(1 error, 0 warnings, 0 info\) in 1 file$/m);
  });

  test('an unknown key is a warning with its line, and the check goes on', () => {
    fs.writeFileSync(path.join(dir, 'extra.yaml'), 'rules:\n  hostile-tone: hint\nlanguage: en\n');
    const r = cli(['check', '--format', 'json', '--config', 'extra.yaml', 'offer.md'], dir);
    assert.equal(r.status, 0);
    assert.deepEqual(stderrLines(r), ['leverage: extra.yaml:3:1: warning: unknown key "language" is ignored (known: rules, tradeables, benchmarks, phrases, templates)']);
    assert.ok(parseJson(r.stdout).files[0]!.diagnostics.some((d) => d.rule === 'unconditional-concession'));
  });

  const badConfigs: [string, string, RegExp][] = [
    ['invalid YAML', 'rules: [\n  nope\n', /^leverage: bad\.yaml:\d+:\d+: invalid YAML: /],
    ['duplicate key', 'rules:\n  hostile-tone: off\n  hostile-tone: hint\n', /^leverage: bad\.yaml:3:3: invalid YAML: .*unique/],
    ['unknown rule id', 'rules:\n  hostile-tone: off\n  unconditional-concesion: off\n', /^leverage: bad\.yaml:3:3: unknown rule "unconditional-concesion" \(did you mean "unconditional-concession"\?\)$/],
    ['bad severity', 'rules:\n  hostile-tone: loud\n', /^leverage: bad\.yaml:2:17: bad setting "loud" for rule "hostile-tone": expected error, warning, information, hint, off$/],
    ['rules not a mapping', 'rules: [hostile-tone]\n', /^leverage: bad\.yaml:1:8: `rules` must map rule ids/],
    ['tradeables not a list', 'tradeables: Net-15\n', /^leverage: bad\.yaml:1:13: `tradeables` must be a list/],
    ['a number in benchmarks', 'benchmarks:\n  - 2025 survey\n  - 42\n', /^leverage: bad\.yaml:3:5: every item of `benchmarks`/],
    ['not a mapping', '- rules\n', /^leverage: bad\.yaml:1:1: a playbook must be a mapping/],
  ];
  for (const [name, source, expected] of badConfigs) {
    test(`bad playbook (${name}): the file and line on stderr, exit 2, no report`, () => {
      fs.writeFileSync(path.join(dir, 'bad.yaml'), source);
      const r = cli(['check', '--format', 'json', '--config', 'bad.yaml', 'offer.md'], dir);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(stderrLines(r)[0]!, expected);
    });
  }

  test('a missing --config file, and a broken .leverage.yaml found by default, are fatal', () => {
    const missing = cli(['check', '--config', 'nowhere.yaml', 'offer.md'], dir);
    assert.equal(missing.status, 2);
    assert.deepEqual(stderrLines(missing), ['leverage: nowhere.yaml: cannot read the playbook: no such file']);
    const other = project('config-broken', { 'offer.md': `${CONCESSION}\n`, '.leverage.yaml': 'rules:\n  hostile-tone: [\n' });
    const broken = cli(['check', 'offer.md'], other);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /^leverage: \.leverage\.yaml:\d+:\d+: invalid YAML/);
  });

  test('an empty playbook is fine', () => {
    const other = project('config-empty', { 'offer.md': 'Thank you.\n', '.leverage.yaml': '# nothing yet\n' });
    const r = cli(['check', 'offer.md'], other);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
  });
});
