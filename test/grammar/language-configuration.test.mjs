// The language configuration and the grammar files themselves: what the TextMate tests cannot see.
// Run by scripts/test-grammar.mjs (`npm run test:grammar`) with node's test runner; no build needed.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const config = readJson('syntaxes/language-configuration.json');
const pkg = readJson('package.json');

/** The word VS Code would select at `offset`, found the way it does: the wordPattern match that covers it. */
function wordAt(text, offset) {
  const re = new RegExp(config.wordPattern, 'g');
  for (const m of text.matchAll(re)) {
    if (m.index <= offset && offset <= m.index + m[0].length && m[0].length > 0) return m[0];
  }
  return undefined;
}

test('the word pattern keeps hyphens, apostrophes, clause numbers and § references in one word', () => {
  const cases = [
    ['the non-disclosure period', 'non-disclosure', 'disclosure'],
    ['each Party’s obligations', 'Party’s', 'Party'],
    ["the party's consent", "party's", 'party'],
    ['under § 4.2(a) of this', '§ 4.2(a)', '4.2'],
    ['under §4.2 of this', '§4.2', '4.2'],
    ['see 2.3(a) below', '2.3(a)', '3(a'],
    ['a fee of 1,000.50 now', '1,000.50', '000'],
    ['interest of 10% a year', '10%', '10'],
    ['Herr Müller signs 🙂 today', 'Müller', 'ller'],
    ['(“Services”)', 'Services', 'Services'],
    ['party,', 'party', 'party'],
  ];
  for (const [text, word, inside] of cases) {
    const offset = text.indexOf(inside) + 1;
    assert.equal(wordAt(text, offset), word, `${JSON.stringify(text)} at ${offset}`);
  }
  assert.equal(wordAt('(Customer)', 0), undefined, 'a parenthesis is not part of a word');
  assert.equal(wordAt('“Customer”', 0), undefined, 'a curly quote is not part of a word');
});

test('brackets, quotes and CriticMarkup close themselves; a straight apostrophe does not', () => {
  const pairs = new Map(config.autoClosingPairs.map((p) => [p.open, p.close]));
  for (const [open, close] of [['(', ')'], ['[', ']'], ['"', '"'], ['“', '”'], ['‘', '’'], ['<!--', ' -->']]) {
    assert.equal(pairs.get(open), close, open);
  }
  for (const [open, close] of [['{++', '++}'], ['{--', '--}'], ['{==', '==}'], ['{>>', '<<}']]) {
    assert.equal(pairs.get(open), close, open);
  }
  assert.equal(pairs.get('{~~'), '~>~~}', 'a substitution opens with its separator in place');
  assert.ok(!pairs.has("'"), "an apostrophe (party's) must not insert a closing quote");
  assert.ok(!pairs.has('{'), 'a lone brace does not close itself, so that {++ can');
  for (const [open, close] of config.brackets) assert.ok(config.surroundingPairs.some(([o, c]) => o === open && c === close), open);
  assert.deepEqual(config.comments.blockComment, ['<!--', '-->'], 'suppression comments are HTML comments');
});

test('package.json contributes the three grammars, and each file says the same scope', () => {
  const grammars = pkg.contributes.grammars;
  const byScope = new Map(grammars.map((g) => [g.scopeName, g]));
  for (const [scope, language] of [['source.contract', 'contract'], ['text.plain', 'plaintext'], ['text.contract-prose.injection', undefined]]) {
    const g = byScope.get(scope);
    assert.ok(g, scope);
    assert.equal(g.language, language, scope);
    assert.equal(readJson(g.path).scopeName, scope, g.path);
  }
  const injection = byScope.get('text.contract-prose.injection');
  assert.deepEqual(injection.injectTo, ['text.html.markdown', 'text.plain']);
  const selector = readJson(injection.path).injectionSelector;
  assert.match(selector, /L:text\.html\.markdown /);
  assert.match(selector, /L:text\.plain/);
  for (const excluded of ['markup.inline.raw', 'markup.fenced_code', 'comment', 'markup.underline.link', 'markup.deleted.critic']) {
    assert.ok(selector.includes(excluded), `the injection leaves ${excluded} alone`);
  }
  assert.deepEqual(readJson('syntaxes/plaintext.tmLanguage.json').patterns, [], 'the plain-text host adds no rules of its own');
  const language = pkg.contributes.languages.find((l) => l.id === 'contract');
  assert.equal(language.configuration, './syntaxes/language-configuration.json');
});

/** Every rule object in a grammar, with its path, for the checks below. */
function* rules(node, where) {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* rules(item, `${where}[${i}]`);
  } else if (node && typeof node === 'object') {
    yield [node, where];
    for (const [key, value] of Object.entries(node)) yield* rules(value, `${where}.${key}`);
  }
}

test('every regular expression compiles with the Oniguruma that VS Code uses, and every include resolves', async () => {
  const onig = require('vscode-oniguruma');
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const contract = readJson('syntaxes/contract.tmLanguage.json');
  let count = 0;
  for (const file of ['syntaxes/contract.tmLanguage.json', 'syntaxes/contract-prose.injection.tmLanguage.json']) {
    const grammar = readJson(file);
    for (const [rule, where] of rules(grammar, file)) {
      for (const key of ['match', 'begin', 'end', 'while']) {
        if (typeof rule[key] !== 'string') continue;
        assert.doesNotThrow(() => new onig.OnigScanner([rule[key]]).dispose(), `${where}.${key}`);
        count++;
      }
      if (typeof rule.include === 'string' && rule.include !== '$self' && rule.include !== '$base') {
        const [scope, name] = rule.include.startsWith('#') ? ['source.contract', rule.include.slice(1)] : rule.include.split('#');
        const target = scope === grammar.scopeName ? grammar : scope === 'source.contract' ? contract : undefined;
        assert.ok(target, `${where}: include of unknown grammar ${scope}`);
        assert.ok(target.repository?.[name], `${where}: include ${rule.include} names no rule`);
      }
    }
  }
  assert.ok(count > 40, `only ${count} regular expressions found`);
});
