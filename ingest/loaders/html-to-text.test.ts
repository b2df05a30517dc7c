import { describe, it, expect } from 'vitest';
import { htmlToText } from './html-to-text.js';

describe('htmlToText', () => {
  it('drops page chrome and keeps the content blocks', () => {
    const { text } = htmlToText(`<html><head><style>p{color:red}</style></head><body>
      <header>Bandeau</header><nav>Menu</nav><script>var p = "<p>code</p>";</script>
      <noscript>Activez JavaScript</noscript><form><label>Recherche</label></form><svg><text>icône</text></svg>
      <div role="navigation">Fil d'Ariane</div><aside>Encadré</aside>
      <p>1. Contenu.</p><footer>Pied de page</footer></body></html>`);
    expect(text).toBe('1. Contenu.');
  });

  it('keeps an article header (not page chrome) with its heading', () => {
    const { text, title } = htmlToText('<article><header><h1>Décret n° 12</h1></header><p>Article 1er.</p></article>');
    expect(text).toBe('Décret n° 12\n\nArticle 1er.');
    expect(title).toBe('Décret n° 12');
  });

  it('separates blocks with blank lines and collapses whitespace inside them', () => {
    const html = `<section><h2>Titre
      deux</h2><p>12. Premier   <b>alinéa</b>
      sur deux lignes.</p><blockquote>Citation</blockquote><table><tr><td>A</td><td>B</td></tr></table></section>`;
    expect(htmlToText(html).text).toBe('Titre deux\n\n12. Premier alinéa sur deux lignes.\n\nCitation\n\nA\n\nB');
  });

  it('turns one <br> into a hard line break and two into a paragraph break', () => {
    expect(htmlToText('<p>§ 1 Un<br>suite<br/><br />§ 2 Deux</p>').text).toBe('§ 1 Un\nsuite\n\n§ 2 Deux');
  });

  it('writes <ul> items as "- " lines and keeps <ol> numbers as separate blocks', () => {
    const html =
      '<p>Il décide :</p><ul><li><p>un</p></li><li>deux<ul><li>deux-a</li></ul></li></ul>' + '<ol start="3"><li>trois</li><li value="7">sept</li><li>huit</li></ol><ol type="a"><li>lettre</li></ol>';
    expect(htmlToText(html).text).toBe('Il décide :\n\n- un\n- deux\n- deux-a\n\n3. trois\n\n7. sept\n\n8. huit\n\n- lettre');
  });

  it('keeps preformatted lines', () => {
    expect(htmlToText('<pre>\nArticle 1\n  alinéa\n\nArticle 2\n</pre>').text).toBe('Article 1\n  alinéa\n\nArticle 2');
  });

  it('decodes entities and drops images', () => {
    expect(htmlToText('<p>L&#8217;&Eacute;tat&nbsp;&amp; les <img src="x.png" alt="logo">régions &lt;3</p>').text).toBe('L’État & les régions <3');
  });

  it('takes the title from <title>, else the first <h1>, ignoring svg titles', () => {
    expect(htmlToText('<title> Loi\n n° 1 </title><h1>Autre</h1><p>x</p>').title).toBe('Loi n° 1');
    expect(htmlToText('<svg><title>icône</title></svg><h1>Premier</h1><h1>Second</h1>').title).toBe('Premier');
    expect(htmlToText('<p>sans titre</p>').title).toBeUndefined();
  });

  it('reads the language from <html lang>, fr and en only', () => {
    expect(htmlToText('<html lang="fr-FR"><p>x</p></html>').language).toBe('fr');
    expect(htmlToText('<html lang="EN"><p>x</p></html>').language).toBe('en');
    expect(htmlToText('<html lang="de"><p>x</p></html>').language).toBeUndefined();
    expect(htmlToText('<p>x</p>').language).toBeUndefined();
  });
});
