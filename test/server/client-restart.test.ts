// The VS Code client's answer to a dying server, without VS Code: the compiled extension is loaded
// with a stand-in for the `vscode` module (any property, callable and constructible), and its error
// handler is driven directly. The real restart is exercised in code-server (test/vscode).

import assert from 'node:assert/strict';
import Module from 'node:module';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type * as Extension from '../../client/src/extension';

/** Anything at all: every property is another stand-in; calls return undefined, `new` an object. */
function standIn(): unknown {
  const target = function () {} as unknown as Record<string | symbol, unknown>;
  return new Proxy(target, {
    get(t, key) {
      if (key === 'prototype') return (t as unknown as { prototype: unknown }).prototype;
      if (key === 'then') return undefined; // not a promise
      if (!(key in t)) t[key] = standIn();
      return t[key];
    },
    apply: () => undefined,
    construct: () => ({}),
  });
}

function loadExtension(): typeof Extension {
  const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const original = loader._load;
  const vscode = standIn();
  loader._load = function (request: string, parent: unknown, isMain: boolean) {
    return request === 'vscode' ? vscode : original.call(this, request, parent, isMain);
  };
  try {
    return require(path.resolve(__dirname, '../../client/src/extension')) as typeof Extension;
  } finally {
    loader._load = original;
  }
}

describe('the client restarts a server that stops unexpectedly', () => {
  const ext = loadExtension();

  function harness() {
    const shown: { kind: 'info' | 'error'; message: string }[] = [];
    const logged: string[] = [];
    let outputShown = 0;
    let now = 1_000_000;
    let answer: string | undefined;
    const handler = new ext.RestartingErrorHandler({
      log: (m) => logged.push(m),
      info: (message) => (shown.push({ kind: 'info', message }), Promise.resolve(answer)),
      error: (message) => (shown.push({ kind: 'error', message }), Promise.resolve(answer)),
      showOutput: () => outputShown++,
      now: () => now,
    });
    return {
      handler,
      shown,
      logged,
      outputShown: () => outputShown,
      advance: (ms: number) => (now += ms),
      answer: (a: string | undefined) => (answer = a),
    };
  }
  const RESTART = 2;
  const DO_NOT_RESTART = 1;

  test('up to four restarts in three minutes, one information message for the session, a line per restart in the output', () => {
    const h = harness();
    for (let i = 0; i < 4; i++) {
      assert.deepEqual(h.handler.closed(), { action: RESTART, handled: true });
      h.advance(10_000);
    }
    assert.deepEqual(h.shown, [{ kind: 'info', message: "Leverage's language server stopped unexpectedly and was restarted." }]);
    assert.equal(h.logged.length, 4);
  });

  test('the fifth stop within three minutes leaves it stopped, with an error that offers the output', async () => {
    const h = harness();
    h.answer('Show Output');
    for (let i = 0; i < 4; i++) h.handler.closed();
    assert.deepEqual(h.handler.closed(), { action: DO_NOT_RESTART, handled: true });
    assert.equal(h.shown.length, 2);
    assert.equal(h.shown[1]!.kind, 'error');
    assert.equal(h.shown[1]!.message, ext.GAVE_UP_MESSAGE);
    assert.match(ext.GAVE_UP_MESSAGE, /Leverage: Restart Server/);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(h.outputShown(), 2, 'both messages offered the output, and the button opens it');
  });

  test('stops spread over more than three minutes are restarted every time, and still told once', () => {
    const h = harness();
    for (let i = 0; i < 12; i++) {
      assert.equal(h.handler.closed().action, RESTART, `stop ${i + 1}`);
      h.advance(61_000);
    }
    assert.equal(h.shown.length, 1);
  });

  test('Restart Server starts the count again', () => {
    const h = harness();
    for (let i = 0; i < 4; i++) h.handler.closed();
    h.handler.resetRestarts();
    assert.equal(h.handler.closed().action, RESTART);
    assert.equal(h.shown.length, 1, 'still one message in the session');
  });

  test('connection errors: carry on three times, then stop the server with an error message', () => {
    const h = harness();
    const err = new Error('EPIPE');
    for (const count of [1, 2, 3]) assert.deepEqual(h.handler.error(err, undefined, count), { action: 1, handled: true });
    assert.deepEqual(h.handler.error(err, undefined, 4), { action: 2, handled: true });
    assert.equal(h.shown.length, 1);
    assert.equal(h.shown[0]!.kind, 'error');
  });

  test('the limits are those documented', () => {
    assert.equal(ext.MAX_RESTARTS, 4);
    assert.equal(ext.RESTART_WINDOW_MS, 3 * 60 * 1000);
  });
});
