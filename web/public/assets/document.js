/** Enhancements of the server-rendered pages (document view, permalink): language switch, targeted paragraph. */
import { applyI18n, detectLang, isLang, saveLang } from './i18n.js';

function setLang(lang, remember) {
  if (remember) saveLang(lang);
  applyI18n(document, lang);
  for (const b of document.querySelectorAll('[data-set-lang]')) b.setAttribute('aria-pressed', String(b.getAttribute('data-set-lang') === lang));
  const url = new URL(location.href);
  if (url.searchParams.has('lang') && url.searchParams.get('lang') !== lang) {
    url.searchParams.set('lang', lang);
    history.replaceState(null, '', url);
  }
}

for (const b of document.querySelectorAll('[data-set-lang]')) {
  b.addEventListener('click', () => {
    const l = b.getAttribute('data-set-lang');
    if (isLang(l)) setLang(l, true);
  });
}
const initial = detectLang();
if (initial !== document.documentElement.lang) setLang(initial, false);

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
