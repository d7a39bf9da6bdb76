#!/usr/bin/env node
// Measures the analyser on real text nobody on this project wrote (../shared/corpus):
//   1. contracts: findings per 10,000 words on standard forms and clause templates, where a
//      lawyer's own draft should stay almost silent (every finding there is a candidate false alarm);
//   2. CaSiNo dialogues: utterance-level precision and recall against the human strategy labels,
//      through the approximate label mapping below.
// With --fp N it prints samples for a human to judge; with --json one object with all the numbers.
//
// Usage (after `npx tsc -p .`):  node scripts/eval-corpus.mjs [--json] [--fp N] [--seed S]
// The shared folder is `path.resolve(repoRoot, '../shared')`, or $LEVERAGE_SHARED.
//
// CaSiNo label mapping (utterance level: a rule "fires" if it reports at least one finding):
//   over-disclosure           positive if labels include self-need, other-need or no-need
//                             (the speaker reveals what they value most or least).
//   unconditional-concession  positive if labels include no-need (gives an item away); flagged
//                             promote-coordination utterances are counted separately (they are
//                             conditional trades, so a hit there is a false positive).
//   hostile-tone              positive if labels include uv-part (belittles the other's need).
//   unbenchmarked-demand      no direct label: findings are split into those on self-need /
//                             other-need utterances (approximate positives) and the rest.
//   narrow-issue-framing, open-ended-concession, negotiating-against-yourself: no label; counts
//                             and sample texts only.
// Labels are evidence, not gold: read the samples before trusting a number.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
// mulberry32, seeded: every sample is the same from run to run.
import { prng } from './bench/gen.mjs';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.LEVERAGE_SHARED ? path.resolve(process.env.LEVERAGE_SHARED) : path.resolve(repoRoot, '../shared');

// ------------------------------------------------------------------------------------------------
// Arguments

function usage(reason) {
  process.stderr.write(`eval-corpus: ${reason}\nusage: node scripts/eval-corpus.mjs [--json] [--fp N] [--seed S]\n`);
  process.exit(2);
}

const opts = { json: false, fp: 0, seed: 20250101 };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name) => {
      const eq = a.indexOf('=');
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || !/^\d+$/.test(v)) usage(`${name} needs a non-negative integer`);
      return Number(v);
    };
    if (a === '--json') opts.json = true;
    else if (a === '--fp' || a.startsWith('--fp=')) opts.fp = value('--fp');
    else if (a === '--seed' || a.startsWith('--seed=')) opts.seed = value('--seed');
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node scripts/eval-corpus.mjs [--json] [--fp N] [--seed S]\n');
      process.exit(0);
    } else usage(`unknown argument ${a}`);
  }
}

const analyzePath = path.join(repoRoot, 'out/server/src/core/analyze.js');
if (!existsSync(analyzePath)) usage(`${path.relative(process.cwd(), analyzePath)} not found; run \`npx tsc -p .\` first`);
const { analyze } = createRequire(import.meta.url)(analyzePath);
// The segmentation (what the rules read), for word counts and sentence context.
const { segment } = createRequire(import.meta.url)(path.join(path.dirname(analyzePath), 'segment.js'));

const RULES = [
  'unconditional-concession',
  'unbenchmarked-demand',
  'narrow-issue-framing',
  'over-disclosure',
  'hostile-tone',
  'open-ended-concession',
  'negotiating-against-yourself',
  'defined-term',
];

// ------------------------------------------------------------------------------------------------
// Helpers


/** A stream per purpose, so one sample does not shift when another changes. */
function streamFor(name) {
  let h = opts.seed >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  return prng(h);
}

function sample(items, n, name) {
  if (n <= 0) return [];
  const rand = streamFor(name);
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;
const countWords = (s) => (s.match(WORD) ?? []).length;
const oneLine = (s) => s.replace(/[\s\u2029]+/g, ' ').trim();
const per10k = (n, words) => (words > 0 ? Math.round((n / words) * 10000 * 10) / 10 : 0);
const ratio = (a, b) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
const fmt = (x) => (x === null ? '—' : x.toFixed(3));
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function lineOf(text, offset) {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function sentenceOf(seg, offset) {
  return seg.sentences.find((s) => s.start <= offset && offset < s.end);
}

/** The matched text marked with [[ ]], with about 120 characters of context around it. */
function contextOf(text, f, width = 120) {
  const half = Math.floor(width / 2);
  const from = Math.max(0, f.start - half);
  const to = Math.min(text.length, f.end + half);
  return `${from > 0 ? '…' : ''}${oneLine(text.slice(from, f.start))} [[${oneLine(text.slice(f.start, f.end))}]] ${oneLine(text.slice(f.end, to))}${to < text.length ? '…' : ''}`;
}

const out = [];
const print = (s = '') => out.push(s);

// ------------------------------------------------------------------------------------------------
// 1. Contracts

const CONTRACT_FOLDERS = ['standard-forms', 'accord-templates'];
const contracts = { folders: {}, total: { files: 0, words: 0, findings: 0, per10k: 0, byRule: {} } };
const contractFindings = [];

for (const folder of CONTRACT_FOLDERS) {
  const dir = path.join(shared, 'corpus/contracts', folder);
  if (!existsSync(dir)) usage(`${dir} not found (set LEVERAGE_SHARED)`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  const rows = [];
  const totals = { files: 0, words: 0, findings: 0, per10k: 0, byRule: {} };
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const { findings } = analyze(text, 'markdown');
    const seg = segment(text, 'markdown');
    // Words of prose, i.e. of what the rules read (Markdown syntax, comments and code blanked).
    const words = countWords(seg.masked);
    const byRule = {};
    for (const f of findings) {
      byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
      const s = sentenceOf(seg, f.start);
      contractFindings.push({
        folder,
        file,
        line: lineOf(text, f.start),
        rule: f.rule,
        match: text.slice(f.start, f.end),
        message: f.message,
        sentence: s ? oneLine(text.slice(s.start, s.end)) : '',
        context: contextOf(text, f),
      });
    }
    rows.push({ file, words, rawWords: countWords(text), findings: findings.length, per10k: per10k(findings.length, words), byRule });
    totals.files++;
    totals.words += words;
    totals.findings += findings.length;
    for (const [r, n] of Object.entries(byRule)) totals.byRule[r] = (totals.byRule[r] ?? 0) + n;
  }
  totals.per10k = per10k(totals.findings, totals.words);
  contracts.folders[folder] = { files: rows, totals };
  const t = contracts.total;
  t.files += totals.files;
  t.words += totals.words;
  t.findings += totals.findings;
  for (const [r, n] of Object.entries(totals.byRule)) t.byRule[r] = (t.byRule[r] ?? 0) + n;
}
contracts.total.per10k = per10k(contracts.total.findings, contracts.total.words);

const byRuleText = (byRule) =>
  Object.entries(byRule)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([r, n]) => `${r} ${n}`)
    .join(', ') || '—';

print('# Leverage corpus evaluation');
print(`shared: ${shared}   seed: ${opts.seed}`);
print();
print('## 1. Contracts (analysed as markdown; words = words of prose the rules read)');
for (const folder of CONTRACT_FOLDERS) {
  const { files, totals } = contracts.folders[folder];
  print();
  print(`### ${folder}`);
  print(`${pad('file', 52)} ${lpad('words', 7)} ${lpad('find', 5)} ${lpad('/10k', 6)}  by rule`);
  for (const r of files) print(`${pad(r.file, 52)} ${lpad(r.words, 7)} ${lpad(r.findings, 5)} ${lpad(r.per10k.toFixed(1), 6)}  ${byRuleText(r.byRule)}`);
  print(`${pad(`TOTAL ${folder} (${totals.files} files)`, 52)} ${lpad(totals.words, 7)} ${lpad(totals.findings, 5)} ${lpad(totals.per10k.toFixed(1), 6)}  ${byRuleText(totals.byRule)}`);
}
print();
print(`ALL CONTRACTS: ${contracts.total.files} files, ${contracts.total.words} words, ${contracts.total.findings} findings, ${contracts.total.per10k.toFixed(1)} per 10k words (${byRuleText(contracts.total.byRule)})`);

// defined-term: every finding is listed (there are few), as "defined nowhere" or "defined twice",
// for a human to judge; a lawyer's own contract should get none but true ones.
{
  const list = contractFindings.filter((f) => f.rule === 'defined-term');
  const twice = list.filter((f) => / defined a second time/.test(f.message));
  contracts.definedTerm = { findings: list.length, definedNowhere: list.length - twice.length, definedTwice: twice.length };
  print();
  print(`### defined-term: ${list.length} findings on ${contracts.total.files} contracts (${list.length - twice.length} defined nowhere, ${twice.length} defined twice)`);
  list.forEach((f, i) => {
    print(`${i + 1}. ${f.folder}/${f.file}:${f.line}  ${twice.includes(f) ? 'twice' : 'nowhere'}: “${oneLine(f.match)}”`);
    print(`   context: ${f.context}`);
  });
}

// Flagged contract sentences: round-robin over rules (each rule's list in a seeded order), so a
// small N still shows every rule that fired.
let contractSamples = [];
if (opts.fp > 0) {
  const perRule = RULES.map((r) => sample(contractFindings.filter((f) => f.rule === r), Infinity, `contracts:${r}`));
  for (let i = 0; contractSamples.length < opts.fp && perRule.some((l) => i < l.length); i++) {
    for (const l of perRule) if (i < l.length && contractSamples.length < opts.fp) contractSamples.push(l[i]);
  }
  print();
  print(`### Flagged contract sentences (${contractSamples.length} of ${contractFindings.length}; judge: is it our side giving leverage away?)`);
  contractSamples.forEach((f, i) => {
    print(`${i + 1}. [${f.rule}] ${f.folder}/${f.file}:${f.line}  match: “${oneLine(f.match)}”`);
    print(`   context: ${f.context}`);
    if (f.sentence && f.sentence.length <= 400) print(`   sentence: ${f.sentence}`);
  });
}

// ------------------------------------------------------------------------------------------------
// 2. CaSiNo

const casinoPath = path.join(shared, 'corpus/dialogues/casino/utterances.dev.jsonl');
if (!existsSync(casinoPath)) usage(`${casinoPath} not found (set LEVERAGE_SHARED)`);
const utterances = readFileSync(casinoPath, 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.trim() !== '')
  .map((l, i) => {
    const u = JSON.parse(l);
    return { i, id: `${u.dialogue_id}/${u.turn}`, text: String(u.text ?? ''), labels: Array.isArray(u.labels) ? u.labels : [] };
  });

const started = Date.now();
const labelCounts = {};
for (const u of utterances) {
  const { findings } = analyze(u.text, 'plaintext');
  u.fired = new Set(findings.map((f) => f.rule));
  u.findings = findings;
  for (const l of u.labels) labelCounts[l] = (labelCounts[l] ?? 0) + 1;
}
const elapsedMs = Date.now() - started;

const has = (u, ...labels) => labels.some((l) => u.labels.includes(l));
const MAPPED = {
  'over-disclosure': { positive: (u) => has(u, 'self-need', 'other-need', 'no-need'), labels: 'self-need | other-need | no-need' },
  'unconditional-concession': { positive: (u) => has(u, 'no-need'), labels: 'no-need' },
  'hostile-tone': { positive: (u) => has(u, 'uv-part'), labels: 'uv-part' },
};

const casino = { utterances: utterances.length, elapsedMs, labelCounts, mapped: {}, unbenchmarkedDemand: null, unlabeled: {}, flaggedLabels: {} };
const casinoSamples = {};

for (const [rule, m] of Object.entries(MAPPED)) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  const fps = [], fns = [];
  for (const u of utterances) {
    const pos = m.positive(u);
    const fired = u.fired.has(rule);
    if (fired && pos) tp++;
    else if (fired) (fp++, fps.push(u));
    else if (pos) (fn++, fns.push(u));
    else tn++;
  }
  const row = { positiveLabels: m.labels, tp, fp, fn, tn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
  if (rule === 'unconditional-concession') {
    row.flaggedPromoteCoordination = utterances.filter((u) => u.fired.has(rule) && has(u, 'promote-coordination')).length;
    row.promoteCoordinationTotal = labelCounts['promote-coordination'] ?? 0;
  }
  casino.mapped[rule] = row;
  casinoSamples[rule] = { fp: sample(fps, opts.fp, `casino:${rule}:fp`), fn: sample(fns, opts.fp, `casino:${rule}:fn`) };
}

{
  const rule = 'unbenchmarked-demand';
  const flagged = utterances.filter((u) => u.fired.has(rule));
  const onNeed = flagged.filter((u) => has(u, 'self-need', 'other-need'));
  const others = flagged.filter((u) => !has(u, 'self-need', 'other-need'));
  casino.unbenchmarkedDemand = {
    findings: flagged.reduce((n, u) => n + u.findings.filter((f) => f.rule === rule).length, 0),
    utterancesFlagged: flagged.length,
    onSelfOrOtherNeed: onNeed.length,
    onOtherLabels: others.length,
    shareOnNeed: ratio(onNeed.length, flagged.length),
    needUtterancesTotal: utterances.filter((u) => has(u, 'self-need', 'other-need')).length,
  };
  casinoSamples[rule] = { onNeed: sample(onNeed, opts.fp, `casino:${rule}:need`), others: sample(others, opts.fp, `casino:${rule}:others`) };
}

for (const rule of ['narrow-issue-framing', 'open-ended-concession', 'negotiating-against-yourself']) {
  const flagged = utterances.filter((u) => u.fired.has(rule));
  casino.unlabeled[rule] = {
    findings: flagged.reduce((n, u) => n + u.findings.filter((f) => f.rule === rule).length, 0),
    utterancesFlagged: flagged.length,
  };
  casinoSamples[rule] = { flagged: sample(flagged, opts.fp, `casino:${rule}:flagged`) };
}

// Which labels the flagged utterances carry, per rule: a quick view of what each rule catches.
for (const rule of RULES) {
  const hist = {};
  for (const u of utterances) {
    if (!u.fired.has(rule)) continue;
    for (const l of u.labels.length ? u.labels : ['(none)']) hist[l] = (hist[l] ?? 0) + 1;
  }
  casino.flaggedLabels[rule] = hist;
}

print();
print(`## 2. CaSiNo (${utterances.length} utterances analysed as plaintext, ${elapsedMs} ms)`);
print('Label mapping (utterance level; a rule "fires" if it reports at least one finding):');
print('  over-disclosure          positive = self-need | other-need | no-need');
print('  unconditional-concession positive = no-need; flagged promote-coordination counted as FP (conditional trades)');
print('  hostile-tone             positive = uv-part');
print('  unbenchmarked-demand     no label: flagged utterances split into self-need/other-need (approx. positives) vs others');
print('  narrow-issue-framing, open-ended-concession, negotiating-against-yourself: no label, counts and samples only');
print('Labels are evidence, not gold: read the samples.');
print(`Label counts: ${Object.entries(labelCounts).sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ')}`);
print();
print(`${pad('rule', 26)} ${lpad('TP', 5)} ${lpad('FP', 5)} ${lpad('FN', 5)} ${lpad('prec', 6)} ${lpad('recall', 6)}`);
for (const [rule, r] of Object.entries(casino.mapped)) {
  print(`${pad(rule, 26)} ${lpad(r.tp, 5)} ${lpad(r.fp, 5)} ${lpad(r.fn, 5)} ${lpad(fmt(r.precision), 6)} ${lpad(fmt(r.recall), 6)}`);
}
const uc = casino.mapped['unconditional-concession'];
print(`unconditional-concession flagged on promote-coordination: ${uc.flaggedPromoteCoordination} of ${uc.promoteCoordinationTotal} such utterances`);
const ud = casino.unbenchmarkedDemand;
print(`unbenchmarked-demand: ${ud.findings} findings on ${ud.utterancesFlagged} utterances; ${ud.onSelfOrOtherNeed} on self-need/other-need (share ${fmt(ud.shareOnNeed)}; ${ud.needUtterancesTotal} such utterances in all), ${ud.onOtherLabels} on others`);
for (const [rule, r] of Object.entries(casino.unlabeled)) print(`${rule}: ${r.findings} findings on ${r.utterancesFlagged} utterances`);
print();
print('Labels of flagged utterances, per rule:');
for (const rule of RULES) {
  const hist = casino.flaggedLabels[rule];
  print(`  ${pad(rule, 28)} ${Object.entries(hist).sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ') || '—'}`);
}

function printUtterances(title, list, rule) {
  print();
  print(`### ${title} (${list.length})`);
  list.forEach((u, i) => {
    const matches = rule ? u.findings.filter((f) => f.rule === rule).map((f) => `“${oneLine(u.text.slice(f.start, f.end))}”`).join(' ') : '';
    print(`${i + 1}. [${u.id}] {${u.labels.join(', ')}}${matches ? ` match: ${matches}` : ''}`);
    print(`   ${oneLine(u.text)}`);
  });
}

if (opts.fp > 0) {
  print();
  print(`## CaSiNo audit samples (seeded, up to ${opts.fp} each; relabel by reading)`);
  for (const rule of Object.keys(MAPPED)) {
    printUtterances(`${rule}: flagged but not positive by the mapping ("FP")`, casinoSamples[rule].fp, rule);
    printUtterances(`${rule}: positive by the mapping but not flagged ("FN")`, casinoSamples[rule].fn);
  }
  printUtterances('unbenchmarked-demand: flagged on self-need/other-need', casinoSamples['unbenchmarked-demand'].onNeed, 'unbenchmarked-demand');
  printUtterances('unbenchmarked-demand: flagged on other labels', casinoSamples['unbenchmarked-demand'].others, 'unbenchmarked-demand');
  for (const rule of Object.keys(casino.unlabeled)) printUtterances(`${rule}: flagged`, casinoSamples[rule].flagged, rule);
}

// ------------------------------------------------------------------------------------------------
// Output

if (opts.json) {
  const slim = (u, rule) => ({
    id: u.id,
    labels: u.labels,
    text: u.text,
    matches: rule ? u.findings.filter((f) => f.rule === rule).map((f) => u.text.slice(f.start, f.end)) : undefined,
  });
  const samples = {};
  for (const [rule, groups] of Object.entries(casinoSamples)) {
    samples[rule] = Object.fromEntries(Object.entries(groups).map(([k, list]) => [k, list.map((u) => slim(u, k === 'fn' ? undefined : rule))]));
  }
  const result = {
    version: 1,
    shared,
    seed: opts.seed,
    casinoLabelMapping: Object.fromEntries(Object.entries(MAPPED).map(([r, m]) => [r, m.labels])),
    contracts,
    casino,
    ...(opts.fp > 0 ? { samples: { contracts: contractSamples, casino: samples } } : {}),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  process.stdout.write(`${out.join('\n')}\n`);
}
