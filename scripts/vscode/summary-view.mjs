// Drives the negotiation summary view in the code-server workbench like a person: open the notes
// from the Explorer, press the editor title button, read the page inside the webview (two nested
// iframes), photograph it in a dark and a light theme, then Tab to an issue and press Enter to
// reveal it in the notes. Screenshots go to test/output/; one pair is copied to images/.

import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { normalise } from './workbench.mjs';

const NOTES = 'harbor-renewal.negotiation.yaml';
const TITLE = 'Harbor hosting renewal — “phase 2” § 4';
const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern' };
const MAX_IMAGE_KB = 300;

/**
 * @param {import('playwright-core').Page} page  the workbench of the UI workspace, already loaded
 * @param {{ outputDir: string, imagesDir: string, workspaceSettingsFile: string, check: (name: string, fn: () => Promise<void>) => Promise<boolean>, log: (s: string) => void }} ctx
 */
export async function driveSummaryView(page, { outputDir, imagesDir, workspaceSettingsFile, check, log }) {
  // The webview: an iframe in the workbench holding the page's own iframe.
  const page$ = page.locator('iframe.webview.ready').last().contentFrame().locator('iframe#active-frame').contentFrame();

  // The web workbench keeps user settings in the browser; workspace settings are files it watches.
  const setTheme = async (kind) => {
    const settings = existsSync(workspaceSettingsFile) ? JSON.parse(readFileSync(workspaceSettingsFile, 'utf8')) : {};
    settings['workbench.colorTheme'] = THEMES[kind];
    mkdirSync(path.dirname(workspaceSettingsFile), { recursive: true });
    writeFileSync(workspaceSettingsFile, JSON.stringify(settings, null, 2) + '\n');
    // The workbench and then the webview's body take the theme's kind as a class.
    await page.locator(kind === 'dark' ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').waitFor({ timeout: 20_000 });
    await page$.locator(kind === 'dark' ? 'body.vscode-dark' : 'body.vscode-light').waitFor({ timeout: 20_000 });
  };

  const shoot = async (kind) => {
    const file = path.join(outputDir, `vscode-summary-${kind}.png`);
    await page.screenshot({ path: file });
    const target = path.join(imagesDir, `summary-${kind}.png`);
    copyFileSync(file, target);
    const kb = statSync(target).size / 1024;
    log(`screenshot ${path.relative(process.cwd(), file)} → ${path.relative(process.cwd(), target)} (${Math.round(kb)} KB)`);
    if (kb >= MAX_IMAGE_KB) throw new Error(`${target} is ${Math.round(kb)} KB; keep it under ${MAX_IMAGE_KB} KB`);
  };

  const shown = await check('the notes’ editor title button opens the summary view; its page shows the summary inside the webview', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: NOTES }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: NOTES }).waitFor({ timeout: 20_000 });
    const button = page.locator('.editor-group-container.active .editor-actions [aria-label*="Show Negotiation Summary"]').first();
    await button.waitFor({ timeout: 20_000 });
    await button.click();
    await page.locator('.tabs-container .tab', { hasText: 'Summary: Harbor hosting renewal' }).first().waitFor({ timeout: 20_000 });
    await page$.locator('h1', { hasText: TITLE }).waitFor({ timeout: 30_000 });
    for (const heading of ['Progress', 'Issues', 'Concession ledger', 'Benchmarks', 'Planned order of requests', 'Unresolved findings', 'Our alternative (BATNA)']) {
      if (!(await page$.getByRole('heading', { name: heading, exact: true }).isVisible())) throw new Error(`the heading “${heading}” is not visible`);
    }
    // The chart, by its accessible name, and drawn with a size.
    const chart = page$.getByRole('img', { name: 'Scope: given 1, received 0' });
    await chart.waitFor({ timeout: 10_000 });
    const box = await chart.boundingBox();
    if (!box || box.width < 50 || box.height < 8) throw new Error(`the ledger chart is not drawn (${JSON.stringify(box)})`);
    const progress = normalise(await page$.locator('p.progress').innerText());
    log(`progress paragraph in the view: ${progress}`);
    if (!progress.startsWith('We have already aligned on the scope')) throw new Error(`unexpected progress paragraph: ${progress}`);
    // The stylesheet from media/ applied (the CSP allows it): headings have the theme's border.
    const styled = await page$.locator('h2').first().evaluate((h) => getComputedStyle(h).borderBottomStyle);
    if (styled !== 'solid') throw new Error(`media/summary.css is not applied (h2 border: ${styled})`);
  });
  if (!shown) return;

  await check('screenshots of the summary view in a dark and a light theme', async () => {
    // More room for the notes and the view: hide the side bar (Ctrl+B) from the notes editor.
    await page.locator('.tabs-container .tab', { hasText: NOTES }).first().click();
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => log('the side bar stayed open'));
    // Scroll the page to the ledger chart: the picture shows the chart, benchmarks and plan.
    await page$.locator('h2#ledger').evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.mouse.move(24, 600); // no tooltip from the title bar button in the picture
    await setTheme('dark');
    await shoot('dark');
    await setTheme('light');
    await shoot('light');
  });

  await check('Tab reaches an issue link with a visible focus outline, and Enter reveals the issue in the notes', async () => {
    await page$.locator('h1').click();
    let focused = '';
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      focused = await page$.locator(':focus').first().evaluate((el) => `${el.tagName.toLowerCase()}.${el.className}|${el.textContent}`).catch(() => '');
      if (focused.includes('issue-link')) break;
    }
    if (!focused.startsWith('button.link issue-link|')) throw new Error(`Tab did not reach an issue link; focus is on ${focused || 'nothing in the page'}`);
    const outline = await page$.locator(':focus').first().evaluate((el) => {
      const s = getComputedStyle(el);
      return `${s.outlineStyle} ${s.outlineWidth}`;
    });
    log(`focused ${focused.split('|')[1]} (outline ${outline})`);
    if (outline.startsWith('none') || outline.endsWith(' 0px')) throw new Error(`the focused issue link has no outline (${outline})`);
    await page.keyboard.press('Enter');
    // The notes take the focus with the cursor on the line (Scope: line 15).
    await page.locator('.editor-group-container.active .tab.active', { hasText: NOTES }).waitFor({ timeout: 15_000 });
    const position = page.locator('.statusbar-item[id="status.editor.selection"]');
    await position.filter({ hasText: /Ln 15, Col 1/ }).waitFor({ timeout: 15_000 });
  });

}
