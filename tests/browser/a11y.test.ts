/**
 * Accessibility and reader details in a real browser: axe-core on every page (chat before and after a
 * conversation, widget, document view, permalink, card), touch targets on coarse pointers, labels that
 * follow the UI language, no console noise on a host page, the oEmbed card within its advertised size.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, axeViolations, launchChromium, openPage, screenshot, SLOW, smallTargets, startApp, startHostServer, type RunningApp } from './browser-helpers.js';

let app: RunningApp;
let browser: Browser;
let host: { url: string; close(): Promise<void> };

const hostPage = () => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner</title><link rel="icon" href="data:,"></head>
<body><h1>Partner site</h1><main><p>A third-party page.</p></main>
<script src="${app.url}/embed.js" data-lang="en" async></script></body></html>`;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startHostServer(hostPage);
  app = await startApp({ ALLOWED_ORIGINS: host.url });
}, SLOW);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await host?.close();
}, SLOW);

const BUCHAREST_FR = 'Que prévoit le paragraphe 5 du Plan d’action de Bucarest ?';
const BUCHAREST_EN = 'What does paragraph 5 of the Bucharest Plan of Action say?';

describe('axe-core reports no violations', () => {
  it('on the chat page, before and after a conversation, in both languages', { timeout: SLOW }, async () => {
    const { page, errors, console: messages } = await openPage(browser, { locale: 'fr-FR', reducedMotion: 'reduce' });
    await page.goto(`${app.url}/`);
    await page.locator('.corpus-item').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await ask(page, BUCHAREST_FR);
    expect(await page.locator('h1:visible').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('.answer-body .chip').first().click();
    await page.locator('#panel').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#panel-meta').textContent()).toContain('OSCE');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('[data-set-lang="en"]').click();
    expect(await axeViolations(page)).toEqual([]);
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(page)).toEqual([]);
    }
    expect(errors).toEqual([]);
    expect(messages).toEqual([]);
  });

  it('on the document view, the permalink page and the answer card', { timeout: SLOW }, async () => {
    const { page, console: messages } = await openPage(browser, { locale: 'en-US' });
    await page.goto(`${app.url}/documents/osce-bucharest-plan-2001?hl=${encodeURIComponent('31 décembre 2002')}#p5`);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${app.url}/a?q=${encodeURIComponent(BUCHAREST_EN)}&lang=en`);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${app.url}/a/card?q=${encodeURIComponent(BUCHAREST_EN)}&lang=en`);
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${app.url}/a?q=${encodeURIComponent(BUCHAREST_FR)}&lang=fr`);
    expect(await axeViolations(page)).toEqual([]);
    expect(messages).toEqual([]);
  });

  it('in the widget on a host page, with no console error or warning on either side', { timeout: SLOW }, async () => {
    const { page, errors, console: messages } = await openPage(browser, { locale: 'en-US', viewport: { width: 1200, height: 800 }, reducedMotion: 'reduce' });
    await page.goto(host.url);
    await page.locator('ct-assistant-widget').locator('button.launcher').click();
    await expect.poll(() => page.frames().some((f) => f.url().startsWith(`${app.url}/widget`)), { timeout: 60_000 }).toBe(true);
    const frame = page.frames().find((f) => f.url().startsWith(`${app.url}/widget`))!;
    await frame.locator('#question').waitFor();
    await expect.poll(() => frame.evaluate(() => document.activeElement?.id)).toBe('question');
    expect(await axeViolations(frame)).toEqual([]);
    const title = frame.locator('#widget-title');
    expect(await title.textContent()).toBe('Counter-Terrorism Texts');
    expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await ask(frame, BUCHAREST_EN);
    expect(await axeViolations(frame)).toEqual([]);
    await frame.locator('.answer-body .chip').first().click();
    await frame.locator('#panel').waitFor({ state: 'visible' });
    await expect.poll(() => frame.locator('#panel-meta').textContent()).toContain('OSCE');
    expect(await axeViolations(frame)).toEqual([]);
    await frame.locator('#panel-close').click();
    await frame.locator('#widget-close').click();
    await expect.poll(() => page.locator('ct-assistant-widget').locator('button.launcher').getAttribute('aria-expanded')).toBe('false');
    await page.locator('ct-assistant-widget').locator('button.launcher').click();
    await expect.poll(() => frame.evaluate(() => document.activeElement?.id)).toBe('question');
    await screenshot(page, '30-widget-en');
    expect(errors).toEqual([]);
    expect(messages).toEqual([]);
  });
});

describe('reader details', () => {
  it('gives touch targets of at least 44×44 px on a coarse pointer (chat, widget, permalink)', { timeout: SLOW }, async () => {
    const phone = { locale: 'fr-FR', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
    const { page } = await openPage(browser, phone);
    await page.goto(`${app.url}/`);
    await ask(page, BUCHAREST_FR);
    const controls = 'button:not(.visually-hidden), a.btn, a.chip, .corpus-item, .lang-switch button';
    expect(await smallTargets(page, `${controls}, .topbar a`)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, '31-phone-answer-fr');
    await page.locator('.answer-body .chip').first().click();
    await page.locator('#panel').waitFor({ state: 'visible' });
    expect(await smallTargets(page, '#panel button, #panel a')).toEqual([]);
    await page.goto(`${app.url}/widget?lang=en`);
    await ask(page, BUCHAREST_EN);
    expect(await smallTargets(page, controls)).toEqual([]);
    const title = page.locator('#widget-title');
    expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    await screenshot(page, '32-phone-widget-en');
    await page.goto(`${app.url}/a?q=${encodeURIComponent(BUCHAREST_FR)}`);
    expect(await smallTargets(page, `${controls}, .topbar a, .card a.source, summary`)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${app.url}/documents/osce-bucharest-plan-2001#p5`);
    expect(await smallTargets(page, '.topbar a, .topbar button, a.para-num')).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, '36-phone-document-fr');
  });

  it('relabels an open source panel, dates and organisations with the UI language; chip and list agree', { timeout: SLOW }, async () => {
    const { page } = await openPage(browser, { locale: 'en-US' });
    await page.goto(`${app.url}/`);
    await page.locator('.corpus-item').first().waitFor();
    expect(await page.locator('.corpus-org').allTextContents()).toContain('United Nations');
    const turn = await ask(page, 'What did the EU and the UN agree on in their 2020 dialogue?');
    const chipLabels = await turn.locator('.answer-body .chip span').allTextContents();
    const listLabels = await turn.locator('.source-label').allTextContents();
    for (const chip of chipLabels) expect(listLabels).toContain(chip);
    await turn.locator('.answer-body .chip').first().click();
    await expect.poll(() => page.locator('#panel-meta').textContent()).toContain('European Union');
    expect(await page.locator('#panel-eyebrow').textContent()).toMatch(/^Cited source · §/);

    await page.locator('[data-set-lang="fr"]').click();
    expect(await page.locator('#panel-eyebrow').textContent()).toMatch(/^Source citée · §/);
    const meta = (await page.locator('#panel-meta').textContent()) ?? '';
    expect(meta).toContain('Union européenne');
    expect(meta).not.toMatch(/January|February|March|April|May|June|July|August|September|October|November|December/);
    expect(await page.locator('.corpus-org').allTextContents()).not.toContain('United Nations');
    const frChips = await turn.locator('.answer-body .chip span').allTextContents();
    const frList = await turn.locator('.source-label').allTextContents();
    for (const chip of frChips) expect(frList).toContain(chip);
    await screenshot(page, '33-panel-switched-fr');
  });

  it('marks the UI language on the permalink and document pages and switches it', { timeout: SLOW }, async () => {
    const { page } = await openPage(browser, { locale: 'fr-FR' });
    await page.goto(`${app.url}/a?q=${encodeURIComponent(BUCHAREST_EN)}&lang=en`);
    expect(await page.locator('[data-set-lang="en"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('[data-set-lang="fr"]').getAttribute('aria-pressed')).toBe('false');
    await page.locator('[data-set-lang="fr"]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expect.poll(() => page.locator('.permalink-actions .btn-primary').textContent()).toContain('Continuer');
    expect(await page.locator('[data-set-lang="fr"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.sources-title').textContent()).toBe('Sources citées');
    expect(await page.locator('.card .chip').first().textContent()).toBe("Plan d'action de Bucarest, §5");
    expect(await page.locator('.card-question').textContent()).toBe(BUCHAREST_EN);
    await screenshot(page, '34-permalink-fr-ui');
    await page.goto(`${app.url}/documents/un-sg-symposium-2011`);
    expect(await page.locator('[data-set-lang="fr"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.doc-meta').textContent()).toContain('Nations Unies');
  });

  it('keeps the oEmbed card within its advertised size, with agreeing cache headers', { timeout: SLOW }, async () => {
    const { page } = await openPage(browser, { locale: 'en-US' });
    for (const q of [BUCHAREST_EN, 'Which measures against terrorist financing are recommended?', BUCHAREST_FR]) {
      const res = await fetch(`${app.url}/oembed?url=${encodeURIComponent(`${app.url}/a?q=${encodeURIComponent(q)}`)}`);
      const body = (await res.json()) as { width: number; height: number; html: string; cache_age: number };
      expect(res.headers.get('cache-control')).toBe(`public, max-age=${body.cache_age}`);
      const src = /src="([^"]+)"/.exec(body.html)![1].replace(/&amp;/g, '&');
      await page.setViewportSize({ width: body.width, height: body.height });
      await page.goto(src);
      const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
      expect(size.w).toBeLessThanOrEqual(body.width);
      expect(size.h).toBeLessThanOrEqual(body.height);
    }
    await screenshot(page, '35-oembed-card');
  });
});
