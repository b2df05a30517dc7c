/**
 * The widget's side of the messages with the page that embeds it (web/public/embed.js): every message goes
 * to the host's exact origin, never '*', and only messages from that window and origin are read.
 */

/**
 * The embedding page's origin: the `host` parameter set by embed.js, confirmed by what the browser reports
 * (`location.ancestorOrigins`, else the referrer's origin); `null` when not framed or when they disagree.
 * @param {URLSearchParams} params
 * @returns {string|null}
 * @example
 * hostOrigin(new URLSearchParams('host=https%3A%2F%2Fpartner.example')) // 'https://partner.example' inside its iframe
 */
export function hostOrigin(params) {
  if (window.parent === window) return null;
  const ancestors = location.ancestorOrigins;
  let seen = ancestors && ancestors.length ? ancestors[0] : null;
  if (!seen && document.referrer) {
    try {
      seen = new URL(document.referrer).origin;
    } catch {
      seen = null;
    }
  }
  let claimed = null;
  try {
    claimed = params.get('host') ? new URL(params.get('host')).origin : null;
  } catch {
    claimed = null;
  }
  if (claimed && seen && claimed !== seen) return null;
  const origin = claimed || seen;
  return origin && origin !== 'null' ? origin : null;
}

/**
 * Connects to the host page: announces `ct-assistant:ready`, calls `onFocus` on `ct-assistant:focus`.
 * @param {{params: URLSearchParams, onFocus: () => void}} options
 * @returns {{connected: boolean, close: () => void}} `close` asks the host to close the widget
 * @example
 * const host = connectToHost({ params, onFocus: () => input.focus() });
 * closeButton.onclick = host.close;
 */
export function connectToHost({ params, onFocus }) {
  const origin = hostOrigin(params);
  if (!origin) return { connected: false, close: () => {} };
  const post = (type) => window.parent.postMessage({ type }, origin);
  window.addEventListener('message', (e) => {
    if (e.source !== window.parent || e.origin !== origin) return;
    if (e.data && e.data.type === 'ct-assistant:focus') onFocus();
  });
  post('ct-assistant:ready');
  return { connected: true, close: () => post('ct-assistant:close') };
}
