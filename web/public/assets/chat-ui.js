/**
 * The chat UI shared by the full page (`/`) and the widget (`/widget`): conversation, streaming answers,
 * citation chips, the source panel, language switch. Builds DOM with textContent only.
 */
import { askStream, ChatError, getDocuments, getParagraph } from './api.js';
import { applyThemeFromUrl, copyText, h, icon } from './dom.js';
import { connectToHost } from './host-channel.js';
import { applyI18n, detectLang, formatDate, isLang, organisationName, saveLang, shortOrganisation, STARTERS, translator } from './i18n.js';
import { citationLabel, quoteLinkParams, quoteRanges, segmentsByRanges, splitAnswer } from './markers.js';

const MAX_HISTORY_TURNS = 6;

/**
 * Mounts the chat on the current page. Expects the skeleton of index.html / widget.html.
 * @param {{mode: 'page'|'widget'}} options
 */
export function mountChat({ mode }) {
  applyThemeFromUrl();
  const $ = (id) => document.getElementById(id);
  const els = {
    scroller: $('scroller'),
    thread: $('thread'),
    welcome: $('welcome'),
    starters: $('starters'),
    corpus: $('corpus-list'),
    form: $('ask-form'),
    input: $('question'),
    send: $('send'),
    newChat: $('new-chat'),
    live: $('live'),
    panel: $('panel'),
    panelClose: $('panel-close'),
    panelTitle: $('panel-title'),
    panelEyebrow: $('panel-eyebrow'),
    panelMeta: $('panel-meta'),
    panelText: $('panel-text'),
    panelLink: $('panel-link'),
    panelStatus: $('panel-status'),
    widgetClose: $('widget-close'),
    widgetTitle: $('widget-title'),
    chatTitle: $('chat-title'),
  };

  let lang = detectLang();
  let t = translator(lang);
  /** @type {Array<object>} */
  let documents = [];
  /** @type {Array<{question:string, answer:string, citations:Array<object>, abstained:boolean, language?:string, status:string, el:HTMLElement, body:HTMLElement, error?:ChatError}>} */
  let turns = [];
  let controller = null;
  let panelOpener = null;
  const params = new URLSearchParams(location.search);

  if (mode === 'widget' && els.widgetTitle) {
    const title = params.get('title');
    if (title) {
      els.widgetTitle.removeAttribute('data-i18n');
      els.widgetTitle.textContent = title.slice(0, 80);
    }
  }

  // ---------- language ----------
  function setLang(next, remember) {
    lang = next;
    t = translator(lang);
    if (remember) saveLang(lang);
    applyI18n(document, lang);
    for (const b of document.querySelectorAll('[data-set-lang]')) b.setAttribute('aria-pressed', String(b.getAttribute('data-set-lang') === lang));
    renderStarters();
    renderCorpus();
    for (const turn of turns) renderTurn(turn);
    if (panelState && !els.panel.hidden) fillPanel(panelState);
    updateComposer();
  }

  for (const b of document.querySelectorAll('[data-set-lang]')) {
    b.addEventListener('click', () => {
      const l = b.getAttribute('data-set-lang');
      if (isLang(l)) setLang(l, true);
    });
  }

  // ---------- welcome ----------
  function renderStarters() {
    if (!els.starters) return;
    const list = STARTERS[lang].slice(0, mode === 'widget' ? 3 : 4);
    els.starters.replaceChildren(...list.map((q) => h('li', {}, h('button', { type: 'button', class: 'starter', onclick: () => ask(q) }, h('span', { text: q }), icon('send', 16)))));
  }

  function renderCorpus() {
    if (!els.corpus || documents.length === 0) return;
    els.corpus.replaceChildren(
      ...documents.map((d) =>
        h(
          'li',
          {},
          h(
            'a',
            { class: 'corpus-item', href: `/documents/${encodeURIComponent(d.id)}`, target: mode === 'widget' ? '_blank' : null, rel: mode === 'widget' ? 'noopener' : null },
            h('span', { class: 'corpus-org', text: shortOrganisation(d.organisation, lang) }),
            h('span', { class: 'corpus-title', text: lang === 'en' && d.shortTitleEn ? d.shortTitleEn : d.shortTitle }),
            h('span', { class: 'corpus-meta', text: `${formatDate(d.date, lang)} · ${d.paragraphCount} ${t('doc.paragraphs')}` }),
          ),
        ),
      ),
    );
  }

  // ---------- composer ----------
  function updateComposer() {
    const busy = Boolean(controller);
    els.send.replaceChildren(icon(busy ? 'stop' : 'send', 18), h('span', { class: 'visually-hidden', text: busy ? t('stop') : t('send') }));
    els.send.setAttribute('aria-label', busy ? t('stop') : t('send'));
    els.send.classList.toggle('is-stop', busy);
    els.input.setAttribute('placeholder', turns.length ? t('composer.followup') : t('composer.placeholder'));
  }

  function autoGrow() {
    els.input.style.height = 'auto';
    els.input.style.height = `${Math.min(els.input.scrollHeight, mode === 'widget' ? 120 : 200)}px`;
  }

  els.input.addEventListener('input', autoGrow);
  els.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      els.form.requestSubmit();
    }
  });
  els.form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (controller) {
      controller.abort();
      return;
    }
    const q = els.input.value.trim();
    if (!q) {
      announce(t('error.empty'));
      els.input.focus();
      return;
    }
    ask(q);
  });

  els.newChat?.addEventListener('click', () => {
    controller?.abort();
    controller = null;
    turns = [];
    els.thread.replaceChildren();
    closePanel(false);
    showWelcome(true);
    els.input.value = '';
    autoGrow();
    updateComposer();
    announce(t('live.new'));
    if (mode === 'page' && location.search) history.replaceState(null, '', location.pathname);
    els.input.focus();
  });

  /** The welcome carries the page's h1; once a conversation starts, a visually hidden h1 takes over. */
  function showWelcome(show) {
    if (els.welcome) els.welcome.hidden = !show;
    if (els.chatTitle) els.chatTitle.hidden = show;
    document.body.classList.toggle('has-turns', !show);
  }

  // ---------- asking ----------
  function historyFor(index) {
    const out = [];
    for (const turn of turns.slice(0, index)) {
      if (turn.status !== 'done') continue;
      out.push({ role: 'user', content: turn.question }, { role: 'assistant', content: turn.answer });
    }
    return out.slice(-MAX_HISTORY_TURNS * 2);
  }

  /** Asks a question; resolves when the answer is complete (or failed). */
  async function ask(question, options = {}) {
    if (controller) controller.abort();
    const turn = { question, answer: '', citations: [], abstained: false, status: 'pending', el: null, body: null, lang: options.lang };
    turns.push(turn);
    const index = turns.length - 1;
    showWelcome(false);
    turn.el = h('li', { class: 'turn' });
    els.thread.append(turn.el);
    els.input.value = '';
    autoGrow();
    renderTurn(turn);
    requestAnimationFrame(() => turn.el.scrollIntoView({ block: 'start', behavior: 'auto' }));
    await run(turn, index);
  }

  async function run(turn, index) {
    const ctrl = new AbortController();
    controller = ctrl;
    updateComposer();
    turn.status = 'pending';
    turn.answer = '';
    turn.citations = [];
    turn.degraded = undefined;
    turn.error = undefined;
    renderTurn(turn);
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        renderTurn(turn);
      });
    };
    const request = { question: turn.question, history: historyFor(index) };
    if (turn.lang) request.lang = turn.lang;
    try {
      const response = await askStream(request, {
        signal: ctrl.signal,
        onEvent: (ev) => {
          if (ev.type === 'meta') turn.language = ev.language;
          else if (ev.type === 'delta') {
            turn.status = 'streaming';
            turn.answer += ev.text;
          } else if (ev.type === 'citations') {
            turn.citations = ev.citations || [];
            turn.abstained = Boolean(ev.abstained);
            turn.degraded = ev.degraded;
          }
          schedule();
        },
      });
      turn.answer = response.answer;
      turn.citations = response.citations || [];
      turn.abstained = Boolean(response.abstained);
      turn.degraded = response.degraded;
      turn.language = response.language;
      turn.status = 'done';
    } catch (err) {
      turn.status = 'error';
      turn.error = err instanceof ChatError ? err : new ChatError('internal', String(err));
    } finally {
      if (frame) cancelAnimationFrame(frame);
      if (controller === ctrl) controller = null;
    }
    renderTurn(turn);
    updateComposer();
    if (turn.status === 'done') {
      const plain = splitAnswer(turn.answer, turn.citations, documents, lang)
        .map((s) => (s.type === 'text' ? s.text : ` (${s.label}) `))
        .join('');
      announce(`${turn.abstained ? t('live.abstained') : t('live.answer')} : ${plain.slice(0, 600)}`);
    } else if (turn.error && turn.error.code !== 'aborted') {
      announce(`${t('live.error')} : ${errorText(turn.error)}`);
    }
  }

  function errorText(err) {
    if (err.code === 'network') return t('error.network');
    if (err.code === 'interrupted') return t('error.interrupted');
    if (err.code === 'aborted') return t('error.aborted');
    return err.message;
  }

  function announce(text) {
    els.live.textContent = '';
    setTimeout(() => {
      els.live.textContent = text;
    }, 50);
  }

  // ---------- rendering ----------
  function renderTurn(turn) {
    const index = turns.indexOf(turn);
    const state = turn.status === 'error' ? 'error' : turn.status === 'done' ? (turn.abstained ? 'abstained' : 'answered') : turn.status;
    const answer = h('article', {
      class: `answer is-${state}`,
      'data-state': state,
      'aria-busy': turn.status === 'pending' || turn.status === 'streaming' ? 'true' : 'false',
      'aria-label': t('assistant'),
    });
    const head = h('header', { class: 'answer-head' }, h('span', { class: 'avatar' }, icon('book', 16)), h('span', { class: 'who', text: t('assistant') }));
    if (turn.language && (turn.status === 'done' || turn.status === 'streaming')) {
      head.append(h('span', { class: 'badge', text: `${t('lang.answer')} ${t(`lang.${turn.language}`)}` }));
    }
    answer.append(head);

    if (turn.status === 'pending') {
      answer.append(h('p', { class: 'thinking' }, h('span', { class: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), h('span', { text: t('searching') })));
    }
    if (turn.status === 'error') {
      const err = turn.error;
      answer.append(
        h(
          'div',
          { class: 'notice notice-error', role: 'alert' },
          icon('alert', 20),
          h(
            'div',
            {},
            h('p', { class: 'notice-title', text: err.code === 'aborted' ? t('error.aborted') : t('error.title') }),
            err.code === 'aborted' ? null : h('p', { class: 'notice-body error-message', text: errorText(err) }),
            err.code && !['network', 'interrupted', 'aborted'].includes(err.code) ? h('p', { class: 'notice-code', text: err.code }) : null,
          ),
        ),
      );
      if (turn.answer) answer.append(answerBody(turn));
      answer.append(
        h('div', { class: 'answer-actions' }, h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => run(turn, index) }, icon('retry', 16), h('span', { text: t('retry') }))),
      );
    }
    if (turn.status === 'done' && turn.abstained) {
      answer.append(
        h(
          'div',
          { class: 'notice notice-abstain' },
          icon('info', 20),
          h('div', {}, h('p', { class: 'notice-title', text: t('abstained.title') }), h('p', { class: 'notice-body', text: t('abstained.body') })),
        ),
      );
    }
    if (turn.degraded && (turn.status === 'streaming' || turn.status === 'done')) {
      answer.append(
        h(
          'div',
          { class: 'notice notice-abstain notice-degraded', 'data-degraded': turn.degraded },
          icon('info', 20),
          h('div', {}, h('p', { class: 'notice-title', text: t('degraded.title') }), h('p', { class: 'notice-body', text: t('degraded.body') })),
        ),
      );
    }
    if ((turn.status === 'streaming' || turn.status === 'done') && turn.answer) {
      answer.append(answerBody(turn));
      if (turn.status === 'streaming') answer.classList.add('is-typing');
    }
    if (turn.status === 'done' && turn.citations.length) {
      answer.append(
        h(
          'section',
          { class: 'sources', 'aria-label': t('sources') },
          h('h2', { class: 'sources-title', text: t('sources') }),
          h(
            'ol',
            { class: 'sources-list' },
            turn.citations.map((c) =>
              h(
                'li',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'source',
                    'aria-haspopup': 'dialog',
                    'aria-controls': 'panel',
                    onclick: (e) => openPanel({ citation: c, documentId: c.documentId, paragraph: c.paragraph }, e.currentTarget),
                  },
                  h('span', { class: 'source-ref', text: String(c.ref) }),
                  h('span', { class: 'source-main' }, h('span', { class: 'source-label', text: displayLabel(c) }), h('span', { class: 'source-snippet', text: snippet(c.quote || c.text) })),
                ),
              ),
            ),
          ),
        ),
      );
    }
    if (turn.status === 'done') {
      answer.append(
        h(
          'div',
          { class: 'answer-actions' },
          h('button', { type: 'button', class: 'btn btn-ghost copy-answer', onclick: (e) => copyAnswer(turn, e.currentTarget) }, icon('copy', 16), h('span', { text: t('copy') })),
          h('a', { class: 'btn btn-ghost', href: permalink(turn, index), target: '_blank', rel: 'noopener' }, icon('link', 16), h('span', { text: t('share') })),
        ),
      );
    }
    turn.el.replaceChildren(h('div', { class: 'question' }, h('span', { class: 'visually-hidden', text: `${t('you')} : ` }), h('p', { class: 'question-text', text: turn.question })), answer);
  }

  function displayLabel(c) {
    return citationLabel(c, documents, lang);
  }

  /** A document's full title in the UI language (the panel and copied references name it the same way). */
  function fullTitle(doc, fallback) {
    return doc ? (lang === 'en' && doc.titleEn ? doc.titleEn : doc.title) : fallback;
  }

  function snippet(text) {
    const s = String(text || '')
      .replace(/\s+/g, ' ')
      .trim();
    return s.length > 180 ? `${s.slice(0, 177).trimEnd()}…` : s;
  }

  function answerBody(turn) {
    const body = h('div', { class: 'answer-body' });
    const segments = splitAnswer(turn.answer, turn.citations, documents, lang);
    let p = h('p');
    body.append(p);
    for (const seg of segments) {
      if (seg.type === 'text') {
        const blocks = seg.text.split(/\n{2,}/);
        blocks.forEach((block, i) => {
          if (i > 0) {
            p = h('p');
            body.append(p);
          }
          if (block) p.append(document.createTextNode(block));
        });
      } else {
        p.append(
          h(
            'button',
            {
              type: 'button',
              class: 'chip',
              'aria-haspopup': 'dialog',
              'aria-controls': 'panel',
              'aria-label': `${t('cite.open')} : ${seg.label}`,
              dataset: { doc: seg.documentId, para: seg.paragraph },
              onclick: (e) => openPanel(seg, e.currentTarget),
            },
            icon('book', 13),
            h('span', { text: seg.label }),
          ),
        );
      }
    }
    return body;
  }

  function permalink(turn, index) {
    const u = new URL('/a', location.origin);
    u.searchParams.set('q', turn.question);
    if (turn.language) u.searchParams.set('lang', turn.language);
    for (const prev of turns.slice(0, index)) if (prev.status === 'done') u.searchParams.append('h', prev.question);
    return u.toString();
  }

  async function copyAnswer(turn, button) {
    const lines = [turn.question, '', turn.answer];
    if (turn.citations.length) {
      lines.push('', `${t('sources')} :`);
      for (const c of turn.citations) {
        const url = new URL(`/documents/${encodeURIComponent(c.documentId)}`, location.origin);
        url.hash = `p${c.paragraph}`;
        lines.push(
          `[${c.ref}] ${fullTitle(
            documents.find((d) => d.id === c.documentId),
            c.documentTitle,
          )}, §${c.paragraph} — ${url}`,
        );
      }
    }
    const ok = await copyText(lines.join('\n'));
    const label = button.querySelector('span');
    if (label) label.textContent = ok ? t('copied') : t('copy.failed');
    button.classList.toggle('is-done', ok);
    announce(ok ? t('copied') : t('copy.failed'));
    setTimeout(() => {
      if (label) label.textContent = t('copy');
      button.classList.remove('is-done');
    }, 2200);
  }

  // ---------- citation panel ----------
  let panelToken = 0;
  function markOpener(el) {
    if (panelOpener && panelOpener !== el) {
      panelOpener.classList.remove('is-active');
      panelOpener.setAttribute('aria-expanded', 'false');
    }
    if (el) {
      el.classList.add('is-active');
      el.setAttribute('aria-expanded', 'true');
    }
  }

  async function openPanel(seg, opener) {
    const token = ++panelToken;
    markOpener(opener);
    panelOpener = opener;
    const c = seg.citation;
    const doc = documents.find((d) => d.id === seg.documentId);
    fillPanel({ doc, title: c ? c.documentTitle : seg.documentId, label: seg.paragraph, text: c ? c.text : '', quote: c ? c.quote : undefined, loading: true, documentId: seg.documentId });
    els.panel.hidden = false;
    document.body.classList.add('panel-open');
    requestAnimationFrame(() => els.panelTitle.focus());
    try {
      const { document: d, paragraph } = await getParagraph(seg.documentId, seg.paragraph);
      if (token !== panelToken) return;
      fillPanel({ doc: d, title: d.title, label: paragraph.label, text: paragraph.text, section: paragraph.section, quote: c ? c.quote : undefined, loading: false, documentId: d.id });
    } catch (err) {
      if (token !== panelToken) return;
      if (c && c.text) fillPanel({ doc, title: c.documentTitle, label: seg.paragraph, text: c.text, quote: c.quote, loading: false, documentId: seg.documentId });
      else {
        els.panelStatus.textContent = err instanceof ChatError ? err.message : t('panel.notfound');
        els.panelStatus.hidden = false;
      }
    }
  }

  /** What the open panel shows, kept to relabel it when the UI language changes. */
  let panelState = null;

  function fillPanel(state) {
    panelState = state;
    const { doc, title, label, text, section, quote, loading, documentId } = state;
    const docTitle = fullTitle(doc, title);
    els.panelEyebrow.textContent = `${t('panel.label')} · §${label}`;
    els.panelTitle.textContent = docTitle;
    const rows = [];
    if (doc) rows.push([t('panel.organisation'), organisationName(doc.organisation, lang)], [t('panel.date'), formatDate(doc.date, lang)]);
    rows.push([t('panel.paragraph'), `§${label}`]);
    if (section) rows.push([t('panel.section'), section]);
    els.panelMeta.replaceChildren(...rows.map(([k, v]) => h('div', { class: 'meta-row' }, h('dt', { text: k }), h('dd', { text: v }))));
    els.panelText.replaceChildren();
    for (const seg of segmentsByRanges(text || '', quoteRanges(text || '', quote))) {
      els.panelText.append(seg.mark ? h('mark', { class: 'quote-mark', title: t('panel.quote') }, seg.text) : seg.text);
    }
    els.panelStatus.textContent = loading && !text ? t('panel.loading') : '';
    els.panelStatus.hidden = !(loading && !text);
    const href = new URL(`/documents/${encodeURIComponent(documentId)}`, location.origin);
    for (const [k, v] of Object.entries(quoteLinkParams(quote))) href.searchParams.set(k, v);
    href.searchParams.set('lang', lang);
    href.hash = `p${label}`;
    els.panelLink.setAttribute('href', href.pathname + href.search + href.hash);
  }

  function closePanel(restoreFocus = true) {
    if (els.panel.hidden) return;
    panelToken++;
    panelState = null;
    els.panel.hidden = true;
    document.body.classList.remove('panel-open');
    const opener = panelOpener;
    markOpener(null);
    if (opener) {
      opener.classList.remove('is-active');
      opener.setAttribute('aria-expanded', 'false');
    }
    if (restoreFocus) {
      if (opener && opener.isConnected) opener.focus();
      else els.input.focus();
    }
    panelOpener = null;
  }

  els.panelClose.addEventListener('click', () => closePanel());
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    if (!els.panel.hidden) {
      e.preventDefault();
      closePanel();
    } else if (host.connected) {
      host.close();
    }
  });

  const host = mode === 'widget' ? connectToHost({ params, onFocus: () => els.input.focus() }) : { connected: false, close: () => {} };
  if (els.widgetClose) {
    els.widgetClose.addEventListener('click', host.close);
    if (!host.connected || params.get('embed') !== '1') els.widgetClose.hidden = true;
  }

  // ---------- start ----------
  setLang(lang, false);
  getDocuments().then((docs) => {
    documents = docs;
    renderCorpus();
    for (const turn of turns) renderTurn(turn);
  });
  autoGrow();

  const initial = params.get('q');
  if (initial && mode === 'page') {
    const previous = params.getAll('h').slice(0, MAX_HISTORY_TURNS);
    const qLang = params.get('lang');
    (async () => {
      for (const q of previous) await ask(q);
      await ask(initial, { lang: isLang(qLang) ? qLang : undefined });
    })();
  } else if (mode === 'page') {
    els.input.focus();
  }

  return { ask, setLang, closePanel };
}
