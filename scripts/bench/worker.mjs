// One tool in its own child process (forked by scripts/bench.mjs with --expose-gc), so its memory
// is its own. The parent drives it round by round over IPC, alternating tools; the time of each
// call is measured here, around the call alone (IPC and gc excluded).
//
//   argv: TOOL CORE_BUNDLE NOTES_FILE
//   in:  {op:'load'} | {op:'run', words, warm?} | {op:'resetPeak'} | {op:'mem'}
//   out: {op:'loaded', loadMs} | {op:'ran', ms, count} | {op:'mem', rssKb, hwmKb} | {op:'error', message}

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { generateDocument } from './gen.mjs';
import { baselineRegex, countMatches } from './phrases.mjs';

const [tool, coreBundle, notesFile] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const texts = new Map();
const textOf = (words) => {
  if (!texts.has(words)) texts.set(words, generateDocument(words));
  return texts.get(words);
};

/** @type {(text: string) => number | Promise<number>} returns a count so the work is observable. */
let run;

async function load() {
  switch (tool) {
    case 'baseline': {
      const re = baselineRegex();
      run = (text) => countMatches(re, text);
      break;
    }
    case 'leverage': {
      const { analyze } = require(coreBundle);
      run = (text) => analyze(text, 'markdown').findings.length;
      break;
    }
    case 'leverage+notes': {
      // The draft with its negotiation notes paired (the sample notes): their private facts are
      // searched for, their parties read third-person clauses, their issues feed the fixes.
      const { analyze } = require(coreBundle);
      const notesText = readFileSync(notesFile, 'utf8');
      run = (text) => analyze(text, 'markdown', {}, undefined, { notes: notesText }).findings.length;
      break;
    }
    case 'write-good': {
      const writeGood = require('write-good');
      run = (text) => writeGood(text).length;
      break;
    }
    case 'alex': {
      const { markdown } = await import('alex');
      run = (text) => markdown(text).messages.length;
      break;
    }
    case 'harper': {
      const { LocalLinter } = await import('harper.js');
      const { binary } = await import('harper.js/binary');
      const linter = new LocalLinter({ binary });
      await linter.setup();
      run = async (text) => (await linter.lint(text, { language: 'markdown' })).length;
      break;
    }
    default:
      throw new Error(`unknown tool ${tool}`);
  }
}

function mem() {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}

process.on('message', async (msg) => {
  try {
    if (msg.op === 'load') {
      const t0 = performance.now();
      await load();
      process.send({ op: 'loaded', loadMs: performance.now() - t0 });
    } else if (msg.op === 'run') {
      const text = textOf(msg.words);
      // A minor GC empties the young generation, so no call pays for the garbage of the one before.
      // Not a full gc(): a forced full GC also deoptimizes every optimized function that embeds an
      // object it collects ("weak objects" in --trace-deopt), which no GC in normal running does,
      // so the next call or two run unoptimized. Measured on Leverage over 100k words: 61 ms after
      // a forced full GC against 37-45 ms otherwise (the regex baseline moved far less), and the
      // same deopts on a ten-line class method; allocation-triggered mark-compacts did not deopt.
      globalThis.gc?.({ type: 'minor' });
      const t0 = performance.now();
      const count = await run(text);
      const ms = performance.now() - t0;
      process.send({ op: 'ran', ms, count });
    } else if (msg.op === 'resetPeak') {
      // Linux: writing 5 to clear_refs resets VmHWM to the current RSS.
      let ok = true;
      try {
        writeFileSync('/proc/self/clear_refs', '5');
      } catch {
        ok = false;
      }
      process.send({ op: 'resetPeak', ok, ...mem() });
    } else if (msg.op === 'mem') {
      process.send({ op: 'mem', ...mem() });
    }
  } catch (err) {
    process.send({ op: 'error', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
