// The `leverage` command: `leverage check [--format text|json|sarif] [--config FILE]
// [--max-warnings N] PATH...`. Bundled to dist/cli.js; bin/leverage.js requires it. The contract
// (flags, JSON shape, exit statuses) is in the product note's "CLI" section.

import { run } from './cli/run';

// `leverage check . | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

try {
  process.exitCode = run(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  });
} catch (err) {
  // An internal failure: report it without any document text (the core never puts any in errors).
  process.stderr.write(`leverage: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 2;
}
