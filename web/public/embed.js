/*!
 * Counter-terrorism texts assistant: embeddable widget loader.
 * <script src="https://HOST/embed.js" data-lang="fr" data-position="bottom-right" async></script>
 * Options (data-*): lang (fr|en), position (bottom-right|bottom-left), accent (#hex), title, open (true|false), theme (light|dark|auto).
 * Adds a launcher button (in a shadow root, so the host page's CSS cannot reach it) and an iframe to HOST/widget.
 */
(() => {
  var w = window;
  var d = document;
  if (w.__ctAssistantEmbed) return;
  w.__ctAssistantEmbed = true;

  var script = d.currentScript || d.querySelector('script[src$="/embed.js"], script[src*="/embed.js?"]');
  if (!script || !script.src) return;
  var src = new URL(script.src, d.baseURI);
  var host = src.origin + src.pathname.replace(/\/embed\.js$/, '');
  var widgetOrigin = src.origin;
  var data = script.dataset || {};

  var lang = data.lang === 'en' || data.lang === 'fr' ? data.lang : (navigator.language || '').slice(0, 2).toLowerCase() === 'fr' ? 'fr' : 'en';
  var position = data.position === 'bottom-left' ? 'bottom-left' : 'bottom-right';
  var accent = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.accent || '') ? data.accent : '#2f4f8f';
  var theme = data.theme === 'light' || data.theme === 'dark' ? data.theme : 'auto';
  var title = (data.title || '').slice(0, 80);
  var startOpen = data.open === 'true' || data.open === '' || data.open === '1';
  var labels =
    lang === 'fr'
      ? {
          open: 'Poser une question sur les textes',
          close: 'Fermer l’assistant',
          frame: 'Assistant sur les textes antiterroristes',
          blocked: 'L’assistant ne peut pas s’afficher sur ce site : son adresse n’est pas autorisée par l’opérateur.',
          newTab: 'Ouvrir l’assistant dans un nouvel onglet',
        }
      : {
          open: 'Ask about the texts',
          close: 'Close the assistant',
          frame: 'Counter-terrorism texts assistant',
          blocked: 'The assistant cannot be shown on this site: the operator has not allowed its address.',
          newTab: 'Open the assistant in a new tab',
        };

  function onAccent(hex) {
    var s = hex.slice(1);
    if (s.length === 3) s = s.replace(/./g, '$&$&');
    var c = [0, 2, 4].map((i) => {
      var v = parseInt(s.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] > 0.4 ? '#111418' : '#ffffff';
  }

  var side = position === 'bottom-left' ? 'left' : 'right';
  var css =
    ':host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important;bottom:20px!important;' +
    side +
    ':20px!important;top:auto!important;' +
    (side === 'left' ? 'right' : 'left') +
    ':auto!important;width:auto!important;height:auto!important;margin:0!important;padding:0!important;border:0!important;transform:none!important;visibility:visible!important;opacity:1!important;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif!important;color-scheme:light dark}' +
    '*{box-sizing:border-box}' +
    '.launcher{all:unset;box-sizing:border-box;display:flex;align-items:center;justify-content:center;width:56px;height:56px;border-radius:50%;cursor:pointer;' +
    'background:var(--ct-accent);color:var(--ct-on-accent);box-shadow:0 6px 24px -6px rgba(0,0,0,.35),0 2px 6px rgba(0,0,0,.15);transition:transform .15s ease,box-shadow .15s ease}' +
    '.launcher:hover{transform:translateY(-2px);box-shadow:0 10px 28px -6px rgba(0,0,0,.4),0 2px 6px rgba(0,0,0,.15)}' +
    '.launcher:focus-visible{outline:3px solid var(--ct-accent);outline-offset:3px}' +
    '.launcher svg{width:26px;height:26px;display:block}' +
    '.launcher .i-close{display:none}.launcher[aria-expanded="true"] .i-open{display:none}.launcher[aria-expanded="true"] .i-close{display:block}' +
    '.panel{position:absolute;bottom:72px;' +
    side +
    ':0;width:min(400px,calc(100vw - 32px));height:min(640px,calc(100vh - 112px));border-radius:16px;overflow:hidden;' +
    'background:#fff;box-shadow:0 18px 60px -12px rgba(0,0,0,.35),0 0 0 1px rgba(0,0,0,.06);opacity:0;transform:translateY(8px) scale(.98);transform-origin:bottom ' +
    side +
    ';' +
    'pointer-events:none;visibility:hidden;transition:opacity .18s ease,transform .18s ease,visibility 0s linear .18s}' +
    '.panel.open{opacity:1;transform:none;pointer-events:auto;visibility:visible;transition:opacity .18s ease,transform .18s ease}' +
    '@media (prefers-color-scheme:dark){.panel{background:#1a1d22}}' +
    'iframe{display:block;width:100%;height:100%;border:0}' +
    '.blocked{position:absolute;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:14px;padding:32px;text-align:center;font:14px/1.5 system-ui,sans-serif;color:#3b4048;background:#fff}' +
    '.blocked a{color:var(--ct-accent);font-weight:600}' +
    '@media (prefers-color-scheme:dark){.blocked{background:#1a1d22;color:#d6d9de}}' +
    '@media (max-width:520px){:host{bottom:14px!important;' +
    side +
    ':14px!important}.panel{position:fixed;inset:0;width:100vw;height:100vh;height:100dvh;border-radius:0}.panel.open~.launcher{display:none}}' +
    '@media (prefers-reduced-motion:reduce){.panel,.launcher{transition:none}}';

  function svg(paths) {
    var ns = 'http://www.w3.org/2000/svg';
    var el = d.createElementNS(ns, 'svg');
    el.setAttribute('viewBox', '0 0 24 24');
    el.setAttribute('fill', 'none');
    el.setAttribute('stroke', 'currentColor');
    el.setAttribute('stroke-width', '1.8');
    el.setAttribute('stroke-linecap', 'round');
    el.setAttribute('stroke-linejoin', 'round');
    el.setAttribute('aria-hidden', 'true');
    el.setAttribute('focusable', 'false');
    paths.forEach((p) => {
      var path = d.createElementNS(ns, 'path');
      path.setAttribute('d', p);
      el.appendChild(path);
    });
    return el;
  }

  function mount() {
    var root = d.createElement('ct-assistant-widget');
    var shadow = root.attachShadow({ mode: 'open' });
    if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
    } else {
      var style = d.createElement('style');
      style.textContent = css;
      shadow.appendChild(style);
    }
    root.style.setProperty('--ct-accent', accent);
    root.style.setProperty('--ct-on-accent', onAccent(accent));

    var panel = d.createElement('div');
    panel.className = 'panel';
    panel.id = 'ct-assistant-panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', title || labels.frame);

    var launcher = d.createElement('button');
    launcher.type = 'button';
    launcher.className = 'launcher';
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'ct-assistant-panel');
    launcher.setAttribute('aria-label', labels.open);
    launcher.title = labels.open;
    var iOpen = svg(['M4 5h16v11H9l-5 4z', 'M8 9h8', 'M8 12h5']);
    iOpen.setAttribute('class', 'i-open');
    var iClose = svg(['M6 6l12 12', 'M18 6L6 18']);
    iClose.setAttribute('class', 'i-close');
    launcher.appendChild(iOpen);
    launcher.appendChild(iClose);

    shadow.appendChild(panel);
    shadow.appendChild(launcher);

    var frame = null;
    var isOpen = false;
    var ready = false;
    var focusWanted = false;

    /** Messages go to the widget's origin only, and only once the widget said it is ready (never to about:blank). */
    function sendFocus() {
      if (!ready || !frame || !frame.contentWindow) {
        focusWanted = true;
        return;
      }
      focusWanted = false;
      frame.contentWindow.postMessage({ type: 'ct-assistant:focus' }, widgetOrigin);
    }

    function showBlocked() {
      if (ready || panel.querySelector('.blocked')) return;
      var box = d.createElement('div');
      box.className = 'blocked';
      box.setAttribute('role', 'alert');
      var p = d.createElement('p');
      p.textContent = labels.blocked;
      var a = d.createElement('a');
      a.href = host + '/?lang=' + lang;
      a.target = '_blank';
      a.rel = 'noopener';
      a.textContent = labels.newTab;
      box.appendChild(p);
      box.appendChild(a);
      panel.appendChild(box);
    }

    function ensureFrame() {
      if (frame) return;
      var url = new URL(host + '/widget');
      url.searchParams.set('lang', lang);
      url.searchParams.set('embed', '1');
      if (w.location.origin && w.location.origin !== 'null') url.searchParams.set('host', w.location.origin);
      if (theme !== 'auto') url.searchParams.set('theme', theme);
      if (data.accent && accent === data.accent) url.searchParams.set('accent', accent);
      if (title) url.searchParams.set('title', title);
      frame = d.createElement('iframe');
      frame.src = url.toString();
      frame.title = title || labels.frame;
      frame.setAttribute('allow', 'clipboard-write');
      frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
      frame.addEventListener('load', () => {
        setTimeout(showBlocked, 2500);
      });
      panel.appendChild(frame);
    }

    function setOpen(open, focus) {
      isOpen = open;
      if (open) ensureFrame();
      panel.classList.toggle('open', open);
      launcher.setAttribute('aria-expanded', String(open));
      launcher.setAttribute('aria-label', open ? labels.close : labels.open);
      launcher.title = open ? labels.close : labels.open;
      if (open && focus && frame) {
        frame.focus();
        sendFocus();
      }
      if (!open) focusWanted = false;
      if (!open && focus) launcher.focus();
    }

    launcher.addEventListener('click', () => {
      setOpen(!isOpen, true);
    });
    shadow.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && isOpen) setOpen(false, true);
    });
    w.addEventListener('message', (e) => {
      if (e.origin !== widgetOrigin || !frame || e.source !== frame.contentWindow) return;
      if (e.data && e.data.type === 'ct-assistant:ready') {
        ready = true;
        if (focusWanted && isOpen) sendFocus();
      }
      if (e.data && e.data.type === 'ct-assistant:close') setOpen(false, true);
    });

    d.body.appendChild(root);
    w.ctAssistant = {
      open: () => {
        setOpen(true, true);
      },
      close: () => {
        setOpen(false, false);
      },
      toggle: () => {
        setOpen(!isOpen, true);
      },
    };
    if (startOpen) setOpen(true, false);
  }

  if (d.body) mount();
  else d.addEventListener('DOMContentLoaded', mount);
})();
