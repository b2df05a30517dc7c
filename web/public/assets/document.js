/** Enhancements of the server-rendered pages (document view, permalink): language switch, targeted paragraph. */
import { isLang, saveLang, STORAGE_KEY } from './i18n.js';

/**
 * These pages are rendered in one language on the server, so switching reloads them in the other:
 * `?ui=` on a permalink (its `lang` is the answer's language), `?lang=` elsewhere.
 */
const param = document.body.classList.contains('page-permalink') ? 'ui' : 'lang';
const rendered = document.documentElement.lang;

function showIn(lang) {
  if (lang === rendered) return;
  const url = new URL(location.href);
  url.searchParams.set(param, lang);
  location.replace(url.toString());
}

for (const b of document.querySelectorAll('[data-set-lang]')) {
  b.addEventListener('click', () => {
    const l = b.getAttribute('data-set-lang');
    if (!isLang(l)) return;
    saveLang(l);
    showIn(l);
  });
}

/** A language chosen earlier wins over the server's guess, unless the address names one. */
let saved = null;
try {
  saved = localStorage.getItem(STORAGE_KEY);
} catch {
  /* storage blocked */
}
if (isLang(saved) && !new URL(location.href).searchParams.has(param)) showIn(saved);

function focusTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id) return;
  const el = document.getElementById(id);
  if (!el || !el.classList.contains('doc-para')) return;
  for (const p of document.querySelectorAll('.doc-para.is-target')) p.classList.remove('is-target');
  el.classList.add('is-target');
  el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
}
window.addEventListener('hashchange', focusTarget);
focusTarget();
