#!/usr/bin/env node
// The grammar tests (`npm run test:grammar`, part of `npm test`), driven through vscode-tmgrammar-test:
//
// 1. Assertions: test/grammar/unit/*.test.* name the scopes expected under given columns
//    (`%% ^^^ scope`, `%% ^^^ - scope` for a scope that must be absent).
// 2. Snapshots of hand-written fixtures: test/grammar/snap/* against their committed .snap files,
//    once as written and once with CRLF line endings (which must tokenize the same).
// 3. Snapshots of real contracts nobody on this project wrote: a few files of the shared corpus
//    (../shared/corpus, see test/grammar/corpus/README.md), read from there at test time and copied
//    into a temporary folder next to the snapshots committed in test/grammar/corpus/.
// 4. The language configuration (test/grammar/*.test.mjs, node's test runner).
//
// Markdown is tokenized with VS Code's Markdown grammar from the `tm-grammars` package (and its HTML,
// YAML and CSS grammars); plain text with our own text.plain grammar. The languages Markdown embeds in
// fenced code blocks are not loaded: the injection leaves code alone, and the tool's "grammar not
// found" warnings for them are counted, not printed.
//
// A missing snapshot fails (the tool itself would write one and pass). `--update` (or
// `npm run test:grammar -- --update`) rewrites every snapshot from the current grammar: review the diff.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const TOOL = path.dirname(require.resolve('vscode-tmgrammar-test/package.json'));
const UNIT = path.join(TOOL, 'dist', 'unit.js');
const SNAP = path.join(TOOL, 'dist', 'snapshot.js');
const HOSTS = ['markdown', 'html-derivative', 'html', 'yaml', 'css'].map((name) =>
  require.resolve(`tm-grammars/grammars/${name}.json`),
);
const GRAMMAR_ARGS = ['--config', path.join(ROOT, 'package.json'), ...HOSTS.flatMap((file) => ['-g', file])];
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const DIR = path.join(ROOT, 'test', 'grammar');
const SCOPES = { '.contract': 'source.contract', '.md': 'text.html.markdown', '.txt': 'text.plain' };

/** Corpus files snapshotted, and as which kind of document. The promissory note is read three ways. */
const CORPUS_CASES = [
  { file: 'contracts/standard-forms/common-paper-mutual-nda-standard-terms.md', ext: '.md' },
  { file: 'contracts/standard-forms/common-paper-term-sheet.md', ext: '.md' },
  { file: 'contracts/standard-forms/bonterms-mutual-nda.md', ext: '.md' },
  { file: 'contracts/accord-templates/latedeliveryandpenalty-currency-conversion.md', ext: '.md' },
  { file: 'contracts/accord-templates/promissory-note.md', ext: '.md' },
  { file: 'contracts/accord-templates/promissory-note.md', ext: '.contract' },
  { file: 'contracts/accord-templates/promissory-note.md', ext: '.txt' },
];

const update = process.argv.includes('--update');
let passed = 0;
let failed = 0;
let missingGrammars = 0;
const started = Date.now();

function fail(message) {
  console.log(`✖ ${message}`);
  failed++;
}

/** Runs one of the tool's commands; counts its files as passed or failed from its report. */
function run(label, script, args, files, cwd = ROOT) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const lines = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n');
  const shown = lines.filter((line) => {
    if (/^grammar not found for "/.test(line)) {
      missingGrammars++;
      return false;
    }
    return line.trim() !== '';
  });
  const ok = lines.filter((line) => line.startsWith('✓') || (update && /^(Updating|Generating) snapshot/.test(line))).length;
  console.log(`# ${label}`);
  for (const line of shown) console.log(`  ${line}`);
  if (result.error) console.log(`  ${result.error.message}`);
  const bad = result.status === 0 && !result.error ? files.length - ok : Math.max(files.length - ok, 1);
  passed += files.length - bad;
  failed += bad;
}

/** Files in a folder with a given suffix, sorted. */
function list(dir, predicate) {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter(predicate).sort() : [];
}

/** Every source has a snapshot and every snapshot a source (unless updating). */
function checkPairs(dir, sources) {
  if (update) return;
  for (const source of sources) {
    if (!fs.existsSync(path.join(dir, `${source}.snap`))) fail(`${path.relative(ROOT, path.join(dir, source))}: no .snap committed (run with --update)`);
  }
  for (const snap of list(dir, (f) => f.endsWith('.snap'))) {
    if (!sources.includes(snap.slice(0, -'.snap'.length))) fail(`${path.relative(ROOT, path.join(dir, snap))}: no source for this snapshot`);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leverage-grammar-'));
try {
  // 1. Assertions.
  const units = list(path.join(DIR, 'unit'), (f) => f.includes('.test.'));
  if (units.length === 0) fail('no assertion files in test/grammar/unit');
  else run('assertions', UNIT, [...GRAMMAR_ARGS, ...units.map((f) => path.join('test', 'grammar', 'unit', f))], units);

  // 2 and 3. Snapshots: the fixtures (as written and with CRLF) and the corpus files are copied, with
  // their committed snapshots, into one temporary folder, so that the tool runs once per scope.
  const cases = []; // { name: path under tmp, committed: the .snap in the tree, source: text }
  const snapDir = path.join(DIR, 'snap');
  const fixtures = list(snapDir, (f) => path.extname(f) in SCOPES);
  if (fixtures.length === 0) fail('no snapshot fixtures in test/grammar/snap');
  checkPairs(snapDir, fixtures);
  for (const f of fixtures) {
    const text = fs.readFileSync(path.join(snapDir, f), 'utf8');
    cases.push({ name: `snap/${f}`, committed: path.join(snapDir, `${f}.snap`), text });
    if (!update) cases.push({ name: `crlf/${f}`, committed: path.join(snapDir, `${f}.snap`), text: text.replace(/\r?\n/g, '\r\n'), copyOnly: true });
  }
  const corpusDir = path.join(DIR, 'corpus');
  if (!fs.existsSync(CORPUS)) {
    fail(`the shared corpus is missing at ${CORPUS}`);
  } else {
    const names = CORPUS_CASES.map(({ file, ext }) => path.basename(file, path.extname(file)) + ext);
    checkPairs(corpusDir, names);
    CORPUS_CASES.forEach(({ file }, i) => {
      const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
      cases.push({ name: `corpus/${names[i]}`, committed: path.join(corpusDir, `${names[i]}.snap`), text });
    });
  }
  const runnable = cases.filter((c) => update || fs.existsSync(c.committed));
  for (const c of runnable) {
    const file = path.join(tmp, c.name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, c.text);
    if (fs.existsSync(c.committed)) fs.copyFileSync(c.committed, `${file}.snap`);
  }
  for (const [ext, scope] of Object.entries(SCOPES)) {
    const group = runnable.filter((c) => path.extname(c.name) === ext).map((c) => c.name);
    if (group.length === 0) continue;
    const args = ['-s', scope, ...GRAMMAR_ARGS, ...(update ? ['--updateSnapshot'] : []), ...group];
    run(`snapshots (${scope})`, SNAP, args, group, tmp);
  }
  if (update) {
    for (const c of runnable) {
      const made = path.join(tmp, `${c.name}.snap`);
      if (!c.copyOnly && fs.existsSync(made)) fs.copyFileSync(made, c.committed);
    }
  }

  // 4. The language configuration.
  const configTests = list(DIR, (f) => f.endsWith('.test.mjs')).map((f) => path.join(DIR, f));
  console.log('# language configuration and grammar files');
  if (configTests.length === 0) {
    fail('no test/grammar/*.test.mjs'); // never let `node --test` choose the files itself
  } else {
    const node = spawnSync(process.execPath, ['--test', '--test-reporter=dot', ...configTests], { cwd: ROOT, encoding: 'utf8' });
    for (const line of `${node.stdout}${node.stderr}`.split('\n')) if (line.trim()) console.log(`  ${line}`);
    if (node.status === 0) passed += configTests.length;
    else failed += configTests.length;
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (missingGrammars > 0) console.log(`(${missingGrammars} warnings about languages embedded in Markdown code blocks not loaded: expected)`);
console.log(`grammar tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
