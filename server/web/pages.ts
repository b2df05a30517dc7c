/**
 * Server-rendered pages of the web UI: document view, answer permalink, embeddable answer card, error page.
 * Every value goes through hono/html's escaping template; nothing from a question, a document or a response is raw.
 */
import { html as honoHtml, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { formatDate, organisationName, shortOrganisation, STRINGS } from '../../web/public/assets/i18n.js';
import { citationLabel, linkRange, quoteLinkParams, segmentsByRanges, splitAnswer } from '../../web/public/assets/markers.js';
import type { ChatResponse, Citation, DocumentMeta, Lang, Paragraph } from '../types.js';
import { eIdOf, formatLocator, unitOf } from '../corpus/units.js';

export type Html = HtmlEscapedString;

/** hono/html's template, typed as synchronous (we never interpolate promises). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return honoHtml(strings, ...values) as Html;
}

/** A translator for the UI strings of web/public/assets/i18n.js. */
export function tr(lang: Lang): (key: string) => string {
  return (key) => STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
}

const BRAND_MARK = raw(
  '<svg class="brand-mark" viewBox="0 0 32 32" width="30" height="30" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="8"/><path class="bm-stroke" d="M10 9.5h9.5a2.5 2.5 0 0 1 2.5 2.5v10.5H12.5A2.5 2.5 0 0 1 10 20z" fill="none" stroke-width="1.8" stroke-linejoin="round"/><path class="bm-stroke" d="M13.5 13.5h5M13.5 17h5" stroke-width="1.8" stroke-linecap="round"/></svg>',
);
const ICON_EXTERNAL = raw(
  '<svg class="icon" viewBox="0 0 24 24" width="15" height="15" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/></svg>',
);
const ICON_BOOK = raw(
  '<svg class="icon" viewBox="0 0 24 24" width="13" height="13" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2z"/><path d="M4 19V5"/><path d="M8 7h7"/></svg>',
);
const ICON_INFO = raw(
  '<svg class="icon" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" aria-hidden="true" focusable="false"><path d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z"/><path d="M12 11v5"/><path d="M12 8h.01"/></svg>',
);
const ICON_CHAT = raw(
  '<svg class="icon" viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M4 5h16v11H9l-5 4z"/></svg>',
);

interface ShellOptions {
  lang: Lang;
  title: string;
  bodyClass: string;
  description?: string;
  head?: Html;
  script?: string;
  topbar?: boolean;
}

function shell(o: ShellOptions, body: Html): Html {
  const t = tr(o.lang);
  return html`<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title}</title>
${o.description ? html`<meta name="description" content="${o.description}">` : ''}
<meta name="color-scheme" content="light dark">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css">
${o.head ?? ''}
${o.script ? html`<script type="module" src="${o.script}"></script>` : ''}
</head>
<body class="${o.bodyClass}">
${
  o.topbar === false
    ? ''
    : html`<header class="topbar">
  <a class="brand" href="/">${BRAND_MARK}<span class="brand-text"><span class="brand-name" data-i18n="brand.name">${t('brand.name')}</span><span class="brand-tagline" data-i18n="brand.tagline">${t('brand.tagline')}</span></span></a>
  <div class="topbar-actions">
    <a class="btn btn-ghost" href="/">${ICON_CHAT}<span data-i18n="doc.back">${t('doc.back')}</span></a>
    <div class="lang-switch" role="group" aria-label="${t('lang.group')}" data-i18n-attr="aria-label:lang.group">
      <button type="button" data-set-lang="fr" aria-pressed="${String(o.lang === 'fr')}" lang="fr" title="Français">FR</button>
      <button type="button" data-set-lang="en" aria-pressed="${String(o.lang === 'en')}" lang="en" title="English">EN</button>
    </div>
  </div>
</header>`
}
${body}
</body>
</html>`;
}

/** `/documents/<id>?hl=<quote>#p<label>` */
export function paragraphHref(documentId: string, label: string, quote?: string, lang?: Lang): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(quoteLinkParams(quote))) if (v) params.set(k, v);
  if (lang) params.set('lang', lang);
  const qs = params.toString();
  return `/documents/${encodeURIComponent(documentId)}${qs ? `?${qs}` : ''}#p${encodeURIComponent(label)}`;
}

function highlighted(text: string, range: { start: number; end: number }): Html {
  return html`${segmentsByRanges(text, [range]).map((s) => (s.mark ? html`<mark class="quote-mark">${s.text}</mark>` : s.text))}`;
}

/** The document view: metadata, outline, every unit with anchors `p<label>` and its Akoma Ntoso eId (`#art_5`). */
export function documentPage(o: { lang: Lang; document: DocumentMeta; paragraphs: Paragraph[]; highlight?: { hl: string; hle?: string } }): Html {
  const t = tr(o.lang);
  const d = o.document;
  const sections: Array<{ id: string; title: string }> = [];
  let current: string | undefined;
  let done = false;
  const items = o.paragraphs.map((p) => {
    let heading: Html | string = '';
    if (p.section && p.section !== current) {
      current = p.section;
      const id = `s${sections.length + 1}`;
      sections.push({ id, title: p.section });
      heading = html`<h2 class="doc-section" id="${id}">${p.section}</h2>`;
    }
    const range = !done && o.highlight ? linkRange(p.text, o.highlight.hl, o.highlight.hle) : null;
    if (range) done = true;
    const text: Html = range ? highlighted(p.text, range) : html`${p.text}`;
    const num = unitOf(p) === 'preamble' ? p.label : formatLocator(p, o.lang);
    const eId = eIdOf(p);
    return html`${heading}<section class="doc-para kind-${p.kind} unit-${unitOf(p)}" id="p${p.label}" data-eid="${eId}" aria-label="${t('panel.paragraph')} ${p.label}">
<a class="eid-anchor" id="${eId}" aria-hidden="true"></a><a class="para-num" href="#p${p.label}" title="${t('doc.link')}" data-i18n-attr="title:doc.link">${num}</a>${p.title ? html`<p class="para-title">${p.title}</p>` : ''}
<p class="para-text">${text}</p>
</section>`;
  });
  const outline = sections.length
    ? html`<nav aria-labelledby="outline-title"><h2 class="section-label" id="outline-title" data-i18n="doc.outline">${t('doc.outline')}</h2><ol class="doc-outline">${sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ol></nav>`
    : '';
  const body = html`<div class="doc-layout">
<aside class="doc-aside" aria-label="${d.shortTitle}">
  <dl class="doc-meta">
    <div><dt data-i18n="panel.organisation">${t('panel.organisation')}</dt><dd>${organisationName(d.organisation, o.lang)}</dd></div>
    <div><dt data-i18n="panel.date">${t('panel.date')}</dt><dd>${formatDate(d.date, o.lang)}</dd></div>
    <div><dt data-i18n="doc.paragraphs">${t('doc.paragraphs')}</dt><dd>${d.paragraphCount}</dd></div>
    <div><dt data-i18n="doc.source">${t('doc.source')}</dt><dd>${d.source}</dd></div>
  </dl>
  ${outline}
</aside>
<main class="doc-main" id="main">
  <header class="doc-header">
    <p class="eyebrow">${shortOrganisation(d.organisation, o.lang)} · ${formatDate(d.date, o.lang)}</p>
    <h1 lang="${d.language}">${d.title}</h1>
    ${d.titleEn ? html`<p class="subtitle" lang="en">${d.titleEn}</p>` : ''}
  </header>
  ${items}
</main>
</div>`;
  return shell({ lang: o.lang, title: `${d.shortTitle} · ${t('brand.name')}`, description: d.title, bodyClass: 'page-doc', script: '/assets/document.js' }, body);
}

function answerBody(response: ChatResponse, documents: DocumentMeta[], lang: Lang, target?: string): Html {
  const segments = splitAnswer(response.answer, response.citations, documents, lang);
  const paragraphs: Html[][] = [[]];
  for (const seg of segments) {
    if (seg.type === 'text') {
      seg.text.split(/\n{2,}/).forEach((block, i) => {
        if (i > 0) paragraphs.push([]);
        if (block) paragraphs[paragraphs.length - 1].push(html`${block}`);
      });
    } else {
      const quote = seg.citation?.quote;
      paragraphs[paragraphs.length - 1].push(
        html`<a class="chip" href="${paragraphHref(seg.documentId, seg.paragraph, quote, lang)}"${target ? html` target="${target}" rel="noopener"` : ''}>${ICON_BOOK}<span>${seg.label}</span></a>`,
      );
    }
  }
  return html`<div class="answer-body">${paragraphs.filter((p) => p.length).map((p) => html`<p>${p}</p>`)}</div>`;
}

function sourcesList(citations: Citation[], documents: DocumentMeta[], lang: Lang, target?: string): Html | string {
  if (!citations.length) return '';
  const t = tr(lang);
  return html`<section class="sources" aria-label="${t('sources')}"><h2 class="sources-title">${t('sources')}</h2><ol class="sources-list">${citations.map((c) => {
    const snippet = (c.quote || c.text || '').replace(/\s+/g, ' ').trim();
    return html`<li><a class="source" href="${paragraphHref(c.documentId, c.paragraph, c.quote, lang)}"${target ? html` target="${target}" rel="noopener"` : ''}><span class="source-ref">${c.ref}</span><span class="source-main"><span class="source-label">${citationLabel(c, documents, lang)}</span><span class="source-snippet">${snippet.length > 200 ? `${snippet.slice(0, 197)}…` : snippet}</span></span></a></li>`;
  })}</ol></section>`;
}

/**
 * The answer card (question, answer with chips, sources), shared by the permalink page and `/a/card`.
 * `standalone` (the card alone in its iframe): the question is the page's h1 and the answer scrolls inside the card.
 */
export function answerCard(o: { question: string; response: ChatResponse; documents: DocumentMeta[]; lang: Lang; target?: string; footer?: Html; standalone?: boolean }): Html {
  const t = tr(o.lang);
  const r = o.response;
  const state = r.abstained ? 'abstained' : 'answered';
  const content = html`${r.abstained ? html`<div class="notice notice-abstain">${ICON_INFO}<div><p class="notice-title">${t('abstained.title')}</p><p class="notice-body">${t('abstained.body')}</p></div></div>` : ''}
${r.degraded ? html`<div class="notice notice-abstain notice-degraded" data-degraded="${r.degraded}">${ICON_INFO}<div><p class="notice-title">${t('degraded.title')}</p><p class="notice-body">${t('degraded.body')}</p></div></div>` : ''}
${answerBody(r, o.documents, o.lang, o.target)}
${sourcesList(r.citations, o.documents, o.lang, o.target)}`;
  return html`<article class="card answer is-${state}" data-state="${state}">
${o.standalone ? html`<h1 class="card-question">${o.question}</h1>` : html`<p class="card-question">${o.question}</p>`}
<div class="card-meta"><span class="avatar">${ICON_BOOK}</span><span class="who">${t('assistant')}</span><span class="badge">${t('lang.answer')} ${t(`lang.${r.language}`)}</span></div>
${o.standalone ? html`<div class="card-scroll" tabindex="0" role="region" aria-label="${t('assistant')}">${content}</div>` : content}
${o.footer ?? ''}
</article>`;
}

/** The permalink page `/a?q=…`: the answer card plus links to continue and to embed. */
export function permalinkPage(o: {
  lang: Lang;
  question: string;
  previous: string[];
  response: ChatResponse;
  documents: DocumentMeta[];
  continueHref: string;
  cardUrl: string;
  oembedUrl: string;
  pageUrl: string;
}): Html {
  const t = tr(o.lang);
  const embed = `<iframe src="${escapeAttr(o.cardUrl)}" width="560" height="420" style="border:0;max-width:100%" loading="lazy" title="${escapeAttr(o.question.slice(0, 120))}"></iframe>`;
  const labels = { eyebrow: t('permalink.eyebrow'), prior: t('permalink.prior'), cont: t('permalink.continue'), embed: t('permalink.embed'), open: t('permalink.card') };
  const head = html`<link rel="alternate" type="application/json+oembed" href="${o.oembedUrl}" title="${o.question.slice(0, 120)}">
<link rel="canonical" href="${o.pageUrl}">
<meta property="og:type" content="article">
<meta property="og:title" content="${o.question.slice(0, 200)}">
<meta property="og:description" content="${o.response.answer.slice(0, 280)}">
<meta property="og:url" content="${o.pageUrl}">`;
  const body = html`<main class="permalink-main" id="main">
<p class="eyebrow">${labels.eyebrow}</p>
<h1>${o.question}</h1>
${o.previous.length ? html`<div class="prior"><span>${labels.prior}</span><ol>${o.previous.map((q) => html`<li>${q}</li>`)}</ol></div>` : ''}
<div class="permalink-actions">
  <a class="btn btn-primary" href="${o.continueHref}">${ICON_CHAT}<span>${labels.cont}</span></a>
  <a class="btn btn-outline" href="${o.cardUrl}">${ICON_EXTERNAL}<span>${labels.open}</span></a>
</div>
${answerCard({ question: o.question, response: o.response, documents: o.documents, lang: o.lang })}
<details class="embed-code"><summary>${labels.embed}</summary><pre class="code"><code>${embed}</code></pre></details>
</main>`;
  return shell(
    { lang: o.lang, title: `${o.question.slice(0, 90)} · ${t('brand.name')}`, description: o.response.answer.slice(0, 200), bodyClass: 'page-permalink', head, script: '/assets/document.js' },
    body,
  );
}

/** `/a/card`: the answer card alone, for iframes (links open in a new tab). */
export function cardPage(o: { lang: Lang; question: string; response: ChatResponse; documents: DocumentMeta[]; permalink: string }): Html {
  const t = tr(o.lang);
  const footer = html`<footer class="card-footer"><a class="brand-mini" href="/" target="_blank" rel="noopener">${raw(String(BRAND_MARK).replace('width="30" height="30"', 'width="18" height="18"'))}<span>${t('brand.name')}</span></a><a href="${o.permalink}" target="_blank" rel="noopener">${t('share')} ↗</a></footer>`;
  return shell(
    { lang: o.lang, title: `${o.question.slice(0, 90)} · ${t('brand.name')}`, bodyClass: 'page-card', topbar: false, head: html`<meta name="robots" content="noindex">` },
    html`<main id="main">${answerCard({ question: o.question, response: o.response, documents: o.documents, lang: o.lang, target: '_blank', footer, standalone: true })}</main>`,
  );
}

/** A friendly HTML error page (the JSON error shape stays for the API). */
export function errorPage(o: { lang: Lang; status: number; title: string; message: string; topbar?: boolean }): Html {
  const t = tr(o.lang);
  return shell(
    { lang: o.lang, title: `${o.status} · ${t('brand.name')}`, bodyClass: 'page-error', topbar: o.topbar },
    html`<main class="error-page" id="main"><p class="eyebrow">${o.status}</p><h1>${o.title}</h1><p class="error-message">${o.message}</p><a class="btn btn-primary" href="/">${t('doc.back')}</a></main>`,
  );
}

/** Escapes a string for an HTML attribute value (used for snippets shown as code or returned by oEmbed). */
export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
