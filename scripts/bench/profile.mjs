// `node scripts/bench.mjs --profile`: where Leverage's time goes on the 100k-word document.
// Run by bench.mjs as `node --cpu-prof --cpu-prof-dir=DIR profile.mjs PROFILE_BUNDLE WORDS ROUNDS`;
// prints one JSON line with a phase breakdown (segmentation, each rule's check, the rest), then
// exits so V8 writes the .cpuprofile, which `summarizeProfile` reads.

import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDocument } from './gen.mjs';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

async function main() {
  const [bundle, wordsArg, roundsArg] = process.argv.slice(2);
  const words = Number(wordsArg);
  const rounds = Number(roundsArg);
  const core = createRequire(import.meta.url)(bundle);
  const text = generateDocument(words);

  // Time each rule by wrapping its check (the registry is one module instance inside the bundle).
  const perRule = new Map();
  for (const rule of core.RULES) {
    const check = rule.check;
    perRule.set(rule.id, []);
    rule.check = function timed(ctx) {
      const t0 = performance.now();
      const out = [...check.call(this, ctx)];
      // Summed over the chunks of one analyze() call (the core analyses a document chunk by chunk).
      const times = perRule.get(rule.id);
      times[times.length - 1] += performance.now() - t0;
      return out;
    };
  }
  const total = [];
  const seg = [];
  const supp = [];
  for (let i = 0; i < rounds + 3; i++) {
    for (const v of perRule.values()) v.push(0);
    let t0 = performance.now();
    core.segment(text, 'markdown');
    const segMs = performance.now() - t0;
    t0 = performance.now();
    const a = core.analyze(text, 'markdown');
    const totalMs = performance.now() - t0;
    t0 = performance.now();
    core.applySuppressions(text, 'markdown', a.findings.map((f) => ({ ...f, fixes: [] })));
    const suppMs = performance.now() - t0;
    if (i < 3) {
      for (const v of perRule.values()) v.length = 0;
      continue;
    }
    total.push(totalMs);
    seg.push(segMs);
    supp.push(suppMs);
  }
  const rules = [...perRule].map(([id, v]) => ({ id, medianMs: median(v) })).filter((r) => r.medianMs > 0);
  const accounted = median(seg) + rules.reduce((n, r) => n + r.medianMs, 0);
  process.stdout.write(
    `${JSON.stringify({
      words,
      rounds,
      totalMs: median(total),
      segmentMs: median(seg),
      suppressionsMs: median(supp),
      rules,
      restMs: median(total) - accounted,
    })}\n`,
  );
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A minimal source-map reader: generated (line, column), 0-based, to "source:line" (1-based). */
function sourceMapLookup(mapFile, root) {
  let map;
  try {
    map = JSON.parse(readFileSync(mapFile, 'utf8'));
  } catch {
    return () => undefined;
  }
  const lines = [];
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  let name = 0;
  for (const lineText of map.mappings.split(';')) {
    const segs = [];
    let genCol = 0;
    for (const seg of lineText.split(',')) {
      if (!seg) continue;
      const vals = [];
      let shift = 0;
      let value = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          vals.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genCol += vals[0];
      if (vals.length >= 4) {
        src += vals[1];
        srcLine += vals[2];
        srcCol += vals[3];
        if (vals.length >= 5) name += vals[4];
        segs.push([genCol, src, srcLine]);
      }
    }
    lines.push(segs);
  }
  const dir = path.dirname(mapFile);
  return (line, column) => {
    const segs = lines[line];
    if (!segs || segs.length === 0) return undefined;
    let best = segs[0];
    for (const s of segs) {
      if (s[0] <= column) best = s;
      else break;
    }
    const source = path.relative(root, path.resolve(dir, map.sources[best[1]]));
    return `${source}:${best[2] + 1}`;
  };
}

/** Self time per function (name + location, mapped to the TypeScript source when `mapFile` is
 *  given) from the .cpuprofile in `dir`, largest first. */
export function summarizeProfile(dir, top = 20, mapFile, root = process.cwd()) {
  const lookup = mapFile ? sourceMapLookup(mapFile, root) : () => undefined;
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return undefined;
  const prof = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const deltas = prof.timeDeltas;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = deltas[i + 1] ?? 0;
    selfUs.set(prof.samples[i], (selfUs.get(prof.samples[i]) ?? 0) + dt);
  }
  const agg = new Map();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    const cf = n.callFrame;
    const url = cf.url ? cf.url.replace(/^file:\/\//, '') : '';
    const mapped = mapFile && url === mapFile.replace(/\.map$/, '') ? lookup(cf.lineNumber, cf.columnNumber) : undefined;
    const where = mapped ?? (url ? `${path.basename(url)}:${cf.lineNumber + 1}` : '');
    const key = `${cf.functionName || '(anonymous)'}\t${where}`;
    agg.set(key, (agg.get(key) ?? 0) + us);
    totalUs += us;
  }
  return {
    totalMs: totalUs / 1000,
    top: [...agg]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => {
        const [fn, where] = key.split('\t');
        return { function: fn, where, selfMs: us / 1000, share: us / totalUs };
      }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
