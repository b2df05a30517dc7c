/**
 * Browser-test helpers: the REAL server (createNodeRuntime + @hono/node-server) on 127.0.0.1, a throwaway
 * host server on another port, and Chromium (Debian's, else the npm one: chromium-path.ts) through playwright-core.
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContextOptions, type Frame, type Page } from 'playwright-core';
import { createNodeRuntime } from '../../node/runtime.js';
import { loadConfig } from '../../server/config.js';
import { resolveChromium } from './chromium-path.js';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts/screenshots');
/** Generous: a loaded 2-core machine may be slow to start chromium and answer. */
export const SLOW = 120_000;

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the real app (lexical retrieval, index built in a temp dir) on a free port.
 * @example
 * const app = await startApp({ ALLOWED_ORIGINS: 'http://127.0.0.1:4000' });
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const indexDir = await mkdtemp(path.join(os.tmpdir(), 'ct-browser-index-'));
  const config = loadConfig({ EMBEDDINGS_PROVIDER: 'none', ANSWERER: 'extractive', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', INDEX_DIR: path.join(indexDir, 'index'), ...env });
  const runtime = await createNodeRuntime(config);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const home = await fetch(`${url}/`);
  if (!home.ok || !(home.headers.get('content-type') ?? '').includes('text/html')) {
    await new Promise((r) => server.close(r));
    throw new Error(`GET / answered ${home.status} ${home.headers.get('content-type')}: server/app.ts must mount createWebApp (server/web/web-app.ts) and originPolicy.`);
  }
  return {
    url,
    close: async () => {
      await new Promise((r) => server.close(r));
      await runtime.close();
      await rm(indexDir, { recursive: true, force: true });
    },
  };
}

/**
 * A tiny static server standing for a third-party site (another origin).
 * @example
 * const host = await startHostServer(() => '<!doctype html><p>hi</p>');
 */
export async function startHostServer(page: () => string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page());
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Launches Debian's chromium when installed, else the one of the `@sparticuz/chromium` devDependency, with the project's own flags. */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, env } = await resolveChromium();
  return chromium.launch({
    executablePath,
    ...(env ? { env } : {}),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export interface PageWatch {
  page: Page;
  dialogs: string[];
  errors: string[];
  /** Console errors and warnings of the page and its frames ("error: …", "warning: …"). */
  console: string[];
}

/** Opens a page that records dialogs (alert…) and uncaught errors. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<PageWatch> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  const consoleMessages: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleMessages.push(`${m.type()}: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, dialogs, errors, console: consoleMessages };
}

/** Saves a screenshot under tests/artifacts/screenshots/. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}

/** Selector of a finished answer (answered, abstained or error). */
export const FINISHED = '.answer[data-state="answered"], .answer[data-state="abstained"], .answer[data-state="error"]';

/** One axe-core violation, reduced to what a failing test should print. */
export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.x A/AA and best practices) inside a page or frame and returns its violations.
 * The script goes in through the DevTools protocol, so the page's CSP does not block it.
 * @example
 * expect(await axeViolations(page)).toEqual([]);
 */
export async function axeViolations(target: Page | Frame): Promise<AxeViolation[]> {
  if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(axe.source);
  const result = await target.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const r = await w.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return result;
}

/**
 * Visible elements matching `selector` whose box is smaller than `min`×`min` CSS px.
 * @example
 * expect(await smallTargets(page, '.chip, button')).toEqual([]);
 */
export async function smallTargets(target: Page | Frame, selector: string, min = 44): Promise<Array<{ what: string; width: number; height: number }>> {
  return target.evaluate(
    ({ selector, min }) =>
      [...document.querySelectorAll(selector)]
        .filter((el) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed')
        .map((el) => {
          const r = el.getBoundingClientRect();
          const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
          return { what, width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 };
        })
        .filter((b) => b.width > 0 && (b.width < min - 0.5 || b.height < min - 0.5)),
    { selector, min },
  );
}

/**
 * Types a question into the chat (page or widget frame), sends it and waits for the finished answer.
 * @example
 * const turn = await ask(page, 'Que dit le paragraphe 5 ?');
 */
export async function ask(target: Page | Frame, question: string) {
  const before = await target.locator('.turn').count();
  await target.locator('#question').fill(question);
  await target.locator('#question').press('Enter');
  const turn = target.locator('.turn').nth(before);
  await turn.locator(FINISHED).waitFor({ timeout: 90_000 });
  return turn;
}
