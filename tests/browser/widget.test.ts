/**
 * The embeddable widget on third-party sites (other origins): an allowed host completes a question through it;
 * a refused host can neither frame the widget nor call the API.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINISHED, launchChromium, openPage, screenshot, SLOW, startApp, startHostServer, type RunningApp } from './browser-helpers.js';

let browser: Browser;
let app: RunningApp;
let allowed: { url: string; close(): Promise<void> };
let refused: { url: string; close(): Promise<void> };

/** A host page with hostile CSS that must not reach the widget. */
const hostPage = (title: string, attrs: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">
<style>
  body { font: 16px Georgia, serif; margin: 0; padding: 40px; background: #fbf7ef; color: #222; }
  div, button, iframe { background: #ff00ff !important; border: 5px dashed lime !important; opacity: .2 !important; }
  button { display: none !important; }
  * { font-family: "Comic Sans MS", cursive !important; }
</style></head>
<body>
  <h1>${title}</h1>
  <p>A third-party site. The assistant widget below is loaded with one script tag.</p>
  <script src="${app.url}/embed.js" ${attrs} async></script>
</body></html>`;

beforeAll(async () => {
  browser = await launchChromium();
  allowed = await startHostServer(() => hostPage('Allowed partner site', 'data-lang="en" data-position="bottom-left" data-accent="#0f766e" data-title="Partner assistant"'));
  refused = await startHostServer(() => hostPage('Refused site', 'data-lang="fr" data-open="true"'));
  app = await startApp({ ALLOWED_ORIGINS: allowed.url });
}, SLOW);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await allowed?.close();
  await refused?.close();
}, SLOW);

async function widgetFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().find((f) => f.url().startsWith(`${app.url}/widget`)) !== undefined, { timeout: 60_000 }).toBe(true);
  return page.frames().find((f) => f.url().startsWith(`${app.url}/widget`))!;
}

describe('embeddable widget', () => {
  it('opens from the launcher on an allowed site and completes a question', { timeout: SLOW }, async () => {
    const { page, errors, console: messages } = await openPage(browser, { locale: 'en-US' });
    await page.goto(allowed.url);
    const launcher = page.locator('ct-assistant-widget').locator('button.launcher');
    await launcher.waitFor();
    expect(await launcher.isVisible()).toBe(true);
    const style = await launcher.evaluate((b) => {
      const cs = getComputedStyle(b);
      return { bg: cs.backgroundColor, opacity: cs.opacity, display: cs.display };
    });
    expect(style).toEqual({ bg: 'rgb(15, 118, 110)', opacity: '1', display: 'flex' });
    const box = await launcher.boundingBox();
    expect(box!.x).toBeLessThan(100);
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await screenshot(page, '20-host-launcher');

    await launcher.focus();
    await page.keyboard.press('Enter');
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    const frame = await widgetFrame(page);
    expect(new URL(frame.url()).searchParams.get('lang')).toBe('en');
    await frame.locator('#question').waitFor();
    await expect.poll(() => frame.locator('#widget-title').textContent()).toBe('Partner assistant');

    await frame.locator('#question').fill('What does paragraph 5 of the Bucharest Plan of Action say?');
    await frame.locator('#question').press('Enter');
    await frame.locator(FINISHED).waitFor({ timeout: 90_000 });
    expect(await frame.locator('.answer').getAttribute('data-state')).toBe('answered');
    const chip = frame.locator('.answer-body .chip').first();
    expect(await chip.textContent()).toBe('Bucharest Plan of Action, §5');
    await screenshot(page, '21-host-widget-answer');

    await chip.click();
    await frame.locator('#panel').waitFor({ state: 'visible' });
    await expect.poll(() => frame.locator('#panel-text').textContent()).toContain('31 décembre 2002');
    await screenshot(page, '22-host-widget-panel');
    await frame.locator('#panel-close').click();
    await frame.locator('#panel').waitFor({ state: 'hidden' });

    await frame.locator('#widget-close').click();
    await expect.poll(() => launcher.getAttribute('aria-expanded')).toBe('false');
    await page.waitForTimeout(3000);
    expect(await page.locator('ct-assistant-widget').locator('.blocked').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(messages).toEqual([]);
  });

  it('lets an allowed site call the API directly (CORS)', { timeout: SLOW }, async () => {
    const { page } = await openPage(browser);
    await page.goto(allowed.url);
    const result = await page.evaluate(async (api) => {
      const res = await fetch(`${api}/api/chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ question: 'What does paragraph 5 of the Bucharest Plan of Action say?' }),
      });
      return { status: res.status, body: await res.json() };
    }, app.url);
    expect(result.status).toBe(200);
    expect(result.body.citations[0].paragraph).toBe('5');
  });

  it('refuses a site that is not allowed: no framing, no API', { timeout: SLOW }, async () => {
    const { page } = await openPage(browser, { locale: 'fr-FR' });
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) blocked.push(m.text());
    });
    await page.goto(refused.url);
    const launcher = page.locator('ct-assistant-widget').locator('button.launcher');
    await launcher.waitFor();
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => blocked.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(await frame?.locator('#question').count()).toBe(0);
    const notice = page.locator('ct-assistant-widget').locator('.blocked');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('pas autorisée');
    expect(await notice.locator('a').getAttribute('href')).toBe(`${app.url}/?lang=fr`);
    await screenshot(page, '23-refused-host');

    const result = await page.evaluate(async (api) => {
      try {
        await fetch(`${api}/api/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"question":"paragraphe 5"}' });
        return 'reached';
      } catch (e) {
        return `blocked: ${(e as Error).name}`;
      }
    }, app.url);
    expect(result).toBe('blocked: TypeError');

    const direct = await fetch(`${app.url}/api/chat`, { method: 'POST', headers: { Origin: refused.url, 'Content-Type': 'application/json' }, body: '{"question":"paragraphe 5"}' });
    expect(direct.status).toBe(403);
    expect(((await direct.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
    const widget = await fetch(`${app.url}/widget`);
    expect(widget.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${allowed.url}`);
  });

  it('shows the demo page with the widget and the snippets', { timeout: SLOW }, async () => {
    const { page, errors } = await openPage(browser, { locale: 'fr-FR' });
    await page.goto(`${app.url}/demo`);
    await expect.poll(() => page.locator('#snippet-script').textContent()).toContain(`${app.url}/embed.js`);
    await page.locator('ct-assistant-widget').locator('button.launcher').waitFor();
    await page.locator('#open-widget').click();
    const frame = await widgetFrame(page);
    await frame.locator('#question').waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, '24-demo-page');
    expect(errors).toEqual([]);
  });
});
