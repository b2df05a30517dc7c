/** The chat page in a real browser against the real server: FR and EN questions, citations, panel, errors, safety. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, FINISHED, launchChromium, openPage, screenshot, SLOW, startApp, type RunningApp } from './browser-helpers.js';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  app = await startApp({ MAX_QUESTION_CHARS: '300' });
}, SLOW);

afterAll(async () => {
  await browser?.close();
  await app?.close();
}, SLOW);

describe('chat page', () => {
  it('answers a French question with streamed text, citation chips and a source panel', { timeout: SLOW }, async () => {
    const { page, errors } = await openPage(browser, { locale: 'fr-FR' });
    const streamed: string[] = [];
    const requests: unknown[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/chat')) requests.push(r.postDataJSON());
    });
    page.on('response', (r) => {
      if (r.url().endsWith('/api/chat')) streamed.push(r.headers()['content-type'] ?? '');
    });
    /** The same request as JSON: answers are deterministic, so this is what the page received. */
    const replay = async (i: number) => {
      const res = await fetch(`${app.url}/api/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(requests[i]) });
      return (await res.json()) as { citations: Array<{ paragraph: string; quote?: string }> };
    };
    await page.goto(`${app.url}/`);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.locator('.corpus-item').first().waitFor();
    expect(await page.locator('#question').getAttribute('placeholder')).toMatch(/question/i);
    await screenshot(page, '01-welcome-fr');

    await page.locator('#question').fill('Que prévoit le paragraphe 5 du Plan d’action de Bucarest ?');
    await page.locator('#question').press('Enter');
    const turn = page.locator('.turn').first();
    await turn.locator(FINISHED).waitFor({ timeout: 90_000 });
    expect(streamed[0]).toContain('text/event-stream');
    expect(await turn.locator('.answer').getAttribute('data-state')).toBe('answered');
    expect(await turn.locator('.badge').textContent()).toContain('français');
    const body = (await turn.locator('.answer-body').textContent()) ?? '';
    expect(body).toContain('31 décembre 2002');
    expect(body).not.toContain('[Plan d');
    const chip = turn.locator('.answer-body .chip').first();
    expect(await chip.textContent()).toBe("Plan d'action de Bucarest, §5");
    expect(await turn.locator('.sources-list li').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#live').textContent(), { timeout: 10_000 }).toMatch(/Nouvelle réponse/);
    await screenshot(page, '02-answer-fr');

    await chip.click();
    const panel = page.locator('#panel');
    await panel.waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#panel-meta').textContent()).toContain('OSCE');
    expect(await page.locator('#panel-title').textContent()).toBe("Plan d'action de Bucarest pour lutter contre le terrorisme");
    const api = (await (await fetch(`${app.url}/api/documents/osce-bucharest-plan-2001/paragraphs/5`)).json()) as { paragraph: { text: string } };
    expect(await page.locator('#panel-text').textContent()).toBe(api.paragraph.text);
    expect(await page.locator('#panel-text mark').count()).toBe((await replay(0)).citations[0].quote ? 1 : 0);
    expect(await page.locator('#panel-meta').textContent()).toContain('décembre 2001');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-title');
    expect(await page.locator('#panel-link').getAttribute('href')).toMatch(/^\/documents\/osce-bucharest-plan-2001\?.*#p5$/);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('chip'))).toBe(true);

    const second = page.locator('.turn').nth(1);
    await page.locator('#question').fill('Quelles mesures contre le financement du terrorisme les recommandations de l’OEA prévoient-elles ?');
    await page.keyboard.press('Enter');
    await second.locator(FINISHED).waitFor({ timeout: 90_000 });
    const cited = (await replay(1)).citations[0];
    expect(cited.quote).toBeTruthy();
    await second.locator('.answer-body .chip').first().click();
    await expect.poll(() => page.locator('#panel-eyebrow').textContent()).toContain(`§${cited.paragraph}`);
    const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
    await expect.poll(async () => squash(await page.locator('#panel-text mark').textContent())).toBe(squash(cited.quote));
    await screenshot(page, '03-citation-panel-fr');

    const href = (await page.locator('#panel-link').getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`#p${cited.paragraph}$`));
    await page.goto(`${app.url}${href}`);
    const target = page.locator(`#p${cited.paragraph}`);
    await expect.poll(() => target.getAttribute('class')).toContain('is-target');
    expect(squash(await target.locator('mark').textContent())).toBe(squash(cited.quote));
    expect(await page.locator('mark').count()).toBe(1);
    await screenshot(page, '04-document-view');
    expect(errors).toEqual([]);
  });

  it('answers an English question in English and sends the history with follow-ups', { timeout: SLOW }, async () => {
    const { page, errors } = await openPage(browser, { locale: 'en-US' });
    const bodies: Array<{ question: string; history?: unknown[] }> = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/chat') && r.method() === 'POST') bodies.push(r.postDataJSON());
    });
    await page.goto(`${app.url}/`);
    await expect.poll(() => page.locator('#welcome h1').textContent()).toBe('Ask the official counter-terrorism texts');
    const first = await ask(page, 'What does paragraph 5 of the Bucharest Plan of Action say?');
    expect(await first.locator('.answer').getAttribute('data-state')).toBe('answered');
    expect(await first.locator('.badge').textContent()).toContain('English');
    expect(await first.locator('.answer-body .chip').first().textContent()).toBe('Bucharest Plan of Action, §5');

    const second = await ask(page, 'And what does paragraph 6 say?');
    expect(bodies).toHaveLength(2);
    expect(bodies[0].history).toEqual([]);
    expect(bodies[1].history).toHaveLength(2);
    expect(await second.locator('.answer').getAttribute('data-state')).toMatch(/answered|abstained/);
    await screenshot(page, '05-follow-up-en');

    await second.locator('.answer-body .chip, .source').first().click();
    await page.locator('#panel').waitFor({ state: 'visible' });
    await expect.poll(async () => ((await page.locator('#panel-text').textContent()) ?? '').length).toBeGreaterThan(20);

    await page.locator('[data-set-lang="fr"]').click();
    expect(await page.locator('#new-chat').textContent()).toContain('Nouvelle conversation');
    expect(await page.evaluate(() => localStorage.getItem('ct-assistant.lang'))).toBe('fr');
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.locator('[data-set-lang="en"]').click();

    await page.goto(`${app.url}/`);
    await ask(page, 'What does paragraph 5 of the Bucharest Plan of Action say?');
    await page.locator('#new-chat').click();
    expect(await page.locator('.turn').count()).toBe(0);
    expect(await page.locator('#welcome').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question');
    expect(errors).toEqual([]);
  });

  it('copies the answer with its citations', { timeout: SLOW }, async () => {
    const { page } = await openPage(browser, { locale: 'fr-FR', permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(`${app.url}/`);
    const turn = await ask(page, 'Que prévoit le paragraphe 5 du Plan d’action de Bucarest ?');
    await turn.locator('.copy-answer').click();
    await expect.poll(() => turn.locator('.copy-answer').textContent()).toContain('copiée');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('31 décembre 2002');
    expect(copied).toMatch(/\[1\] Plan d'action de Bucarest pour lutter contre le terrorisme, §5 — http:\/\/127\.0\.0\.1:\d+\/documents\/osce-bucharest-plan-2001#p5/);
  });

  it('shows an abstention clearly', { timeout: SLOW }, async () => {
    const { page } = await openPage(browser, { locale: 'en-US' });
    await page.goto(`${app.url}/`);
    const turn = await ask(page, 'What is the best recipe for a chocolate cake?');
    expect(await turn.locator('.answer').getAttribute('data-state')).toBe('abstained');
    expect(await turn.locator('.notice-abstain').textContent()).toContain('No answer in the texts');
    await expect.poll(() => page.locator('#live').textContent(), { timeout: 10_000 }).toContain('abstains');
    await screenshot(page, '06-abstained-en');
  });

  it('shows server errors and network failures instead of spinning', { timeout: SLOW }, async () => {
    const { page } = await openPage(browser, { locale: 'en-US' });
    await page.goto(`${app.url}/`);
    const tooLong = await ask(page, `What does paragraph 5 say? ${'really '.repeat(60)}`);
    expect(await tooLong.locator('.answer').getAttribute('data-state')).toBe('error');
    expect(await tooLong.locator('.error-message').textContent()).toMatch(/the limit is 300/);
    expect(await tooLong.locator('.notice-code').textContent()).toBe('question_too_long');
    await screenshot(page, '07-server-error');

    await page.route('**/api/chat', (route) => route.abort('internetdisconnected'));
    const offline = await ask(page, 'What does paragraph 5 say?');
    expect(await offline.locator('.error-message').textContent()).toContain('Could not reach the server');
    await page.unroute('**/api/chat');

    await page.route('**/api/chat', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'Content-Type': 'text/event-stream' },
        body: 'event: meta\ndata: {"language":"en","retrieval":{"mode":"lexical","passages":[]}}\n\nevent: delta\ndata: {"text":"Half an ans"}\n\n',
      }),
    );
    const dropped = await ask(page, 'What does paragraph 6 say?');
    expect(await dropped.locator('.error-message').textContent()).toContain('connection dropped');
    expect(await dropped.locator('.answer-body').textContent()).toContain('Half an ans');
    await page.unroute('**/api/chat');

    await dropped.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => dropped.locator('.answer').getAttribute('data-state'), { timeout: 90_000 }).toMatch(/answered|abstained/);
  });

  it('renders a question containing HTML as text, in the chat and on its permalink', { timeout: SLOW }, async () => {
    const { page, dialogs } = await openPage(browser, { locale: 'fr-FR' });
    await page.goto(`${app.url}/`);
    const question = '<img src=x onerror=alert(1)> que dit le paragraphe 5 ?';
    const turn = await ask(page, question);
    expect(await turn.locator('.question-text').textContent()).toBe(question);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('img, script:not([src])').length)).toBe(0);

    await page.goto(`${app.url}/a?q=${encodeURIComponent(question)}`);
    await page.locator('.card').waitFor();
    expect(await page.locator('h1').textContent()).toBe(question);
    expect(await page.locator('img').count()).toBe(0);
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
  });

  it('serves permalinks, answer cards and oEmbed for them', { timeout: SLOW }, async () => {
    const { page } = await openPage(browser, { locale: 'en-US' });
    const q = 'What does paragraph 5 of the Bucharest Plan of Action say?';
    await page.goto(`${app.url}/a?q=${encodeURIComponent(q)}&lang=en`);
    expect(await page.locator('.card .chip').first().textContent()).toBe('Bucharest Plan of Action, §5');
    const oembedHref = await page.locator('link[type="application/json+oembed"]').getAttribute('href');
    await screenshot(page, '08-permalink-en');
    const followUp = `${app.url}/a?q=${encodeURIComponent('And what does paragraph 6 say?')}&h=${encodeURIComponent(q)}`;
    await page.goto(followUp);
    expect(await page.locator('.prior li').textContent()).toBe(q);
    await page.getByRole('link', { name: 'Continue in the assistant' }).click();
    await expect.poll(() => page.locator('.turn ' + FINISHED).count(), { timeout: 90_000 }).toBe(2);
    expect(await page.locator('.question-text').allTextContents()).toEqual([q, 'And what does paragraph 6 say?']);
    const oembed = (await (await fetch(oembedHref ?? '')).json()) as { type: string; html: string };
    expect(oembed.type).toBe('rich');
    const cardSrc = /src="([^"]+)"/.exec(oembed.html)?.[1].replace(/&amp;/g, '&') ?? '';
    expect(cardSrc.startsWith(`${app.url}/a/card?`)).toBe(true);
    await page.setViewportSize({ width: 600, height: 520 });
    await page.goto(cardSrc);
    expect(await page.locator('.card-question').textContent()).toBe(q);
    expect(await page.locator('.card a.chip').first().getAttribute('target')).toBe('_blank');
    await screenshot(page, '09-answer-card');
  });

  it('shows an answer with its source panel open (README screenshot)', { timeout: SLOW }, async () => {
    const { page, errors } = await openPage(browser, { locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    await page.goto(`${app.url}/`);
    const turn = await ask(page, 'Quelles mesures contre le financement du terrorisme les recommandations de l’OEA prévoient-elles ?');
    await turn.locator('.answer-body .chip').first().click();
    await expect.poll(() => page.locator('#panel-text mark').count()).toBeGreaterThan(0);
    await page.locator('#question').focus();
    await screenshot(page, '00-readme-chat');
    expect(errors).toEqual([]);
  });

  it('looks right in dark mode and on a phone', { timeout: SLOW }, async () => {
    const dark = await openPage(browser, { locale: 'en-US', colorScheme: 'dark' });
    await dark.page.goto(`${app.url}/`);
    await ask(dark.page, 'What did the EU and the UN agree on in their 2020 dialogue?');
    await dark.page.locator('.answer-body .chip').first().click();
    await dark.page.locator('#panel').waitFor({ state: 'visible' });
    await expect.poll(() => dark.page.locator('#panel-meta').textContent()).toContain('Organisation');
    const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(18, 20, 24)');
    await screenshot(dark.page, '10-dark-panel-en');

    const phone = await openPage(browser, { locale: 'fr-FR', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.page.goto(`${app.url}/`);
    await phone.page.locator('.corpus-item').first().waitFor();
    await screenshot(phone.page, '11-phone-welcome');
    await ask(phone.page, 'Quel est le rôle de l’OSCE dans la lutte contre le terrorisme ?');
    await phone.page.locator('.answer-body .chip').first().click();
    await phone.page.locator('#panel').waitFor({ state: 'visible' });
    const box = await phone.page.locator('#panel').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(391);
    await screenshot(phone.page, '12-phone-panel');
  });
});
