// The extension test entry point, written to @vscode/test-electron's contract: VS Code loads this
// module in the extension host (`--extensionTestsPath`) and awaits `run()`; a rejection fails the
// run. The same module runs under `npm run test:electron` (a downloaded VS Code) and under
// `npm run test:vscode` (the VS Code server inside code-server, with the .vsix installed).
// scripts/vscode/suite.mjs bundles it, mocha included, into one file outside the extension.

/// <reference types="mocha" />
import Mocha from 'mocha';

/** Every line the harness reads starts with this tag (the extension host console reaches it through the page). */
export const TAG = '[leverage-suite]';

function say(line: string): void {
  console.log(`${TAG} ${line}`);
}

/** One line per test and a final JSON line: the harness parses these to count passes and failures. */
class LineReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    let passes = 0;
    let failures = 0;
    runner.on('suite', (s: Mocha.Suite) => {
      if (s.title) say(`suite ${s.fullTitle()}`);
    });
    runner.on('pass', (t: Mocha.Test) => {
      passes++;
      say(`pass ${t.title} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t: Mocha.Test | Mocha.Hook, err: Error) => {
      failures++;
      say(`fail ${t.title}: ${(err.stack ?? err.message).replace(/\n/g, '\n    ')}`);
    });
    runner.once('end', () => say(`end ${JSON.stringify({ passes, failures })}`));
  }
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    // Generous per test: the first test also waits for the server to start in a cold extension host.
    timeout: Number(process.env.LEVERAGE_TEST_TIMEOUT_MS) || 60_000,
    reporter: LineReporter,
  });
  // What Mocha's loadFiles does for a file, for a test module that is bundled into this one.
  // (Static requires, so that esbuild bundles each one.)
  const files: [string, () => unknown][] = [
    ['leverage.test', () => require('./leverage.test')],
    ['summary.test', () => require('./summary.test')],
    ['changed-only.test', () => require('./changed-only.test')],
  ];
  for (const [name, load] of files) {
    mocha.suite.emit('pre-require', globalThis, name, mocha);
    mocha.suite.emit('require', load(), name, mocha);
    mocha.suite.emit('post-require', globalThis, name, mocha);
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
