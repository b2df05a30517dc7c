/** Fills the demo page's snippets with this server's address and loads the sample iframes. */
const origin = location.origin;
const question = 'Que prévoit le paragraphe 5 du Plan d’action de Bucarest ?';
const card = new URL('/a/card', origin);
card.searchParams.set('q', question);
card.searchParams.set('lang', 'fr');
const widget = new URL('/widget', origin);
widget.searchParams.set('lang', 'fr');

const snippets = {
  'snippet-script': `<script src="${origin}/embed.js" data-lang="fr" data-position="bottom-right" data-accent="#2f4f8f" async></script>`,
  'snippet-iframe': `<iframe src="${widget}" title="Assistant" width="400" height="600" style="border:0;border-radius:12px"></iframe>`,
  'snippet-card': `<iframe src="${card}" title="${question}" width="560" height="420" style="border:0;max-width:100%" loading="lazy"></iframe>\n\n${origin}/oembed?url=${encodeURIComponent(card.toString().replace('/a/card', '/a'))}`,
};
for (const [id, text] of Object.entries(snippets)) {
  const el = document.getElementById(id);
  if (el) el.textContent = text;
}
document.getElementById('frame-widget')?.setAttribute('src', widget.toString());
document.getElementById('frame-card')?.setAttribute('src', card.toString());
document.getElementById('open-widget')?.addEventListener('click', () => window.ctAssistant?.open());
