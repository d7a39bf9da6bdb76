// The real server (`dist/server.js`, the loader) starting through its V8 code cache: a first start
// saves one when it exits, the next start loads it and answers exactly as before, and a damaged
// cache costs only the speed. server/src/codeCache.ts; test/unit/code-cache.test.ts for the rest.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { PULL_CLIENT, TestClient } from './harness';

const DRAFT = 'We can agree to that, and we accept your price. 🙂\r\nOur budget is €40,000 under § 4 of the “Agreement”.\r\n';

describe('code cache', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leverage-server-code-cache-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Starts a server with `dir` as its cache, returns its ready line and findings, shuts it down. */
  async function session() {
    const client = await TestClient.start({ capabilities: PULL_CLIENT, env: { LEVERAGE_CACHE_DIR: dir } });
    try {
      const ready = await client.waitFor('the ready line', () => client.logs.find((l) => l.message.startsWith('Leverage language server ready'))?.message);
      client.open('file:///draft.md', 'markdown', DRAFT);
      const items = await client.pullItems('file:///draft.md');
      assert.equal(await client.shutdown(), 0);
      return { ready, items };
    } finally {
      client.dispose();
    }
  }

  test('the first start saves a cache when it exits; the next loads it and finds the same', async () => {
    const first = await session();
    assert.match(first.ready, /no code cache yet, one will be saved/);
    assert.ok(first.items.length >= 2, `findings in the draft: ${first.items.map((d) => d.code).join(', ')}`);
    const files = readdirSync(dir);
    assert.equal(files.length, 1, `one cache file: ${files.join(', ')}`);
    assert.match(files[0], /^server-main-[0-9a-f]{9,}-[0-9a-f]{8}\.bin$/);
    // More than the top level: the functions the first session ran are in it.
    assert.ok(statSync(path.join(dir, files[0])).size > 100_000, `cache of ${statSync(path.join(dir, files[0])).size} bytes`);

    const second = await session();
    assert.match(second.ready, /code cache loaded, \d+ KB/);
    assert.deepEqual(second.items, first.items);

    writeFileSync(path.join(dir, files[0]), Buffer.alloc(4096, 7));
    const third = await session();
    assert.match(third.ready, /code cache rejected, a new one will be saved/);
    assert.deepEqual(third.items, first.items);
    assert.ok(statSync(path.join(dir, files[0])).size > 100_000, 'the damaged cache was replaced');
    assert.match((await session()).ready, /code cache loaded/);
  });

  test('a server that keeps running saves its cache 5 s after it started', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'leverage-server-code-cache-timer-'));
    const client = await TestClient.start({ capabilities: PULL_CLIENT, env: { LEVERAGE_CACHE_DIR: own } });
    try {
      const started = Date.now();
      client.open('file:///draft.md', 'markdown', DRAFT);
      assert.ok((await client.pullItems('file:///draft.md')).length > 0);
      assert.deepEqual(readdirSync(own), [], 'nothing saved at once');
      while (readdirSync(own).length === 0 && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 100));
      const files = readdirSync(own);
      assert.equal(files.length, 1, `saved while running: ${files.join(', ')}`);
      assert.ok(Date.now() - started >= 4000, `saved after ${Date.now() - started} ms`);
      assert.equal(client.child.exitCode, null, 'the server is still running');
    } finally {
      await client.shutdown();
      client.dispose();
      rmSync(own, { recursive: true, force: true });
    }
  });
});
