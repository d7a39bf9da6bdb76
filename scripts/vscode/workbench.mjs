// Drives the code-server workbench in Chromium the way a person would: click a draft in the
// Explorer, wait for the squiggles, open the Problems panel, hover a finding, press Ctrl+. and
// pick the quick fix. Each step is a check; screenshots go to test/output/.

import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Monaco renders spaces as U+00A0 (and sometimes U+200C/ZWSP around decorations). */
export function normalise(text) {
  return text.replace(/\u00a0/g, ' ').replace(/[\u200b\u200c]/g, '');
}

const DRAFT = 'letter-to-harbor.md';
const CONCESSION = 'we can agree to your proposed wording';

/**
 * @param {import('playwright-core').Page} page  a page with the workbench of `folder` loaded
 * @param {{ outputDir: string, readmeImage: string, check: (name: string, fn: () => Promise<void>) => Promise<boolean>, log: (s: string) => void }} ctx
 */
export async function driveWorkbench(page, { outputDir, readmeImage, check, log }) {
  mkdirSync(outputDir, { recursive: true });
  const shot = async (name) => {
    const file = path.join(outputDir, name);
    await page.screenshot({ path: file });
    log(`screenshot ${path.relative(process.cwd(), file)} (${Math.round(statSync(file).size / 1024)} KB)`);
    return file;
  };
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();

  /** The bounding box of a piece of text in the visible editor lines, found through a DOM Range. */
  const textBox = (needle) =>
    page.evaluate((needle) => {
      const norm = (s) => s.replace(/\u00a0/g, ' ');
      const lines = document.querySelectorAll('.editor-group-container.active .monaco-editor .view-line');
      for (const line of lines) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const nodes = [];
        let text = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push([n, text.length]);
          text += norm(n.data);
        }
        const at = text.toLowerCase().indexOf(needle.toLowerCase());
        if (at < 0) continue;
        const locate = (offset) => {
          for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]];
          return [nodes[0][0], 0];
        };
        const range = document.createRange();
        range.setStart(...locate(at));
        range.setEnd(...locate(at + needle.length - 1));
        const r = range.getBoundingClientRect();
        return { x: r.left, y: r.top, width: r.width, height: r.height };
      }
      return null;
    }, needle);

  let opened = false;
  await check('the workbench loads and the Explorer lists the sample drafts', async () => {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: DRAFT }).first().waitFor({ timeout: 60_000 });
  });

  opened = await check(`clicking ${DRAFT} in the Explorer opens it, with squiggles under the findings`, async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: DRAFT }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: DRAFT }).waitFor({ timeout: 20_000 });
    await editor.locator('.view-line', { hasText: 'Dear Ms Okafor' }).first().waitFor({ timeout: 20_000 });
    // Leverage's warnings and its information-level hostile-tone finding.
    await editor.locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
    const warnings = await editor.locator('.squiggly-warning').count();
    const infos = await editor.locator('.squiggly-info').count();
    log(`squiggles in view: ${warnings} warning, ${infos} information`);
    if (warnings < 3) throw new Error(`expected at least 3 warning squiggles, saw ${warnings}`);
  });
  if (!opened) return;

  await check('the Problems panel (Ctrl+Shift+M) lists the findings with their rule codes', async () => {
    // Focus the editor with a click after the end of a line (no word under the cursor or the
    // mouse), then take the mouse away: with Ctrl held, a word under it shows as a link.
    const greeting = await textBox('Dear Ms Okafor,');
    if (greeting) await page.mouse.click(greeting.x + greeting.width + 200, greeting.y + greeting.height / 2);
    await page.mouse.move(5, 5);
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    try {
      await panel.waitFor({ timeout: 5_000 });
    } catch {
      log('Ctrl+Shift+M did not open the Problems panel; clicking the status bar instead');
      await page.locator('#status\\.problems, .statusbar-item[id="status.problems"]').first().click();
      await panel.waitFor({ timeout: 10_000 });
    }
    for (const code of ['unconditional-concession', 'over-disclosure']) {
      await panel.locator('.monaco-list-row', { hasText: code }).first().waitFor({ timeout: 20_000 });
    }
    const rows = await panel.locator('.monaco-list-row').count();
    log(`Problems panel rows: ${rows}`);
    const file = await shot('vscode-diagnostics.png');
    copyFileSync(file, readmeImage);
    const kb = statSync(readmeImage).size / 1024;
    log(`copied to ${path.relative(process.cwd(), readmeImage)} (${Math.round(kb)} KB)`);
    if (kb >= 300) throw new Error(`${readmeImage} is ${Math.round(kb)} KB; keep it under 300 KB`);
  });

  await check('hovering the concession shows what was found, why and an example', async () => {
    // Put the concession in view: close the panel again, and go to its line.
    await page.keyboard.press('Control+Shift+M');
    let box = await textBox(CONCESSION);
    if (!box) throw new Error(`“${CONCESSION}” is not visible in the editor`);
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    // The hover fills in as providers answer: the problem's own line first, then our explanation.
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'unconditional-concession' }).first();
    await hover.waitFor({ timeout: 15_000 });
    try {
      await page.locator('.monaco-hover:not(.hidden)', { hasText: 'Why:' }).first().waitFor({ timeout: 15_000 });
    } catch {
      throw new Error(`the hover shows no explanation: ${normalise(await hover.innerText()).slice(0, 300)}`);
    }
    const text = normalise(await hover.innerText());
    for (const part of ['gives ground without asking for anything in return', 'Why:', 'Example:']) {
      if (!text.includes(part)) throw new Error(`the hover lacks “${part}”: ${text.slice(0, 300)}`);
    }
    await shot('vscode-hover.png');
  });

  await check('Ctrl+. on the concession offers the trade quick fixes, and choosing one rewrites the sentence', async () => {
    const box = await textBox(CONCESSION);
    if (!box) throw new Error(`“${CONCESSION}” is not visible in the editor`);
    await page.mouse.click(box.x + 30, box.y + box.height / 2);
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);
    const menu = page.locator('.action-widget', { hasText: 'Make it a trade' }).first();
    // Once in six runs the workbench dropped the key press (the light bulb showed, no menu opened):
    // pressed again once, within the same 15 s.
    await page.keyboard.press('Control+Period');
    try {
      await menu.waitFor({ timeout: 7_500 });
    } catch {
      log('no quick-fix menu after 7.5 s: Ctrl+. pressed again');
      await page.keyboard.press('Control+Period');
      await menu.waitFor({ timeout: 7_500 });
    }
    const items = normalise(await menu.innerText());
    log(`quick-fix menu: ${items.split('\n').filter(Boolean).join(' | ').slice(0, 400)}`);
    await shot('vscode-quick-fix.png');
    const first = menu.locator('.action-widget-action-bar, .monaco-list-row', { hasText: 'Make it a trade' }).first();
    await first.click();
    await editor.locator('.view-line', { hasText: /proposed\swording,?\s(if|provided\sthat)\s/i }).first().waitFor({ timeout: 15_000 });
    const line = normalise(await editor.locator('.view-line', { hasText: 'proposed wording' }).first().innerText());
    log(`after the quick fix: ${line.trim()}`);
    if (line.toLowerCase().includes(CONCESSION)) throw new Error(`the concession is still there: ${line}`);
    await shot('vscode-after-quick-fix.png');
  });
}
