import { describe, it, expect } from 'vitest';
import { markdownToText } from './markdown-to-text.js';

describe('markdownToText', () => {
  it('turns headings into their own block and takes the title from the first H1', () => {
    const { text, title } = markdownToText('Intro\n## Section ##\nTexte.\n# Principal\n\nSetext\n---\nFin');
    expect(text).toBe('Intro\n\nSection\n\nTexte.\n\nPrincipal\n\nSetext\n\nFin');
    expect(title).toBe('Principal');
  });

  it('prefers the front matter title and removes the front matter', () => {
    const { text, title } = markdownToText('---\ntitle: "Loi n° 2015-912"\ndate: 2015-07-24\n---\n# Objet\n\nCorps.');
    expect(text).toBe('Objet\n\nCorps.');
    expect(title).toBe('Loi n° 2015-912');
  });

  it('removes emphasis, code marks and link syntax, drops images', () => {
    const md =
      'Le **Conseil** *décide* __de__ _saisir_ ~~pas~~ le `Comité` via [ce lien](https://x.org/a_b "t") ' +
      'ou [réf][1]![logo](logo.png) ; snake_case et 2 * 3 * 4 restent, \\*échappé\\*, <https://ex.org/a_b>.\n\n[1]: https://x.org';
    expect(markdownToText(md).text).toBe('Le Conseil décide de saisir pas le Comité via ce lien ou réf ; snake_case et 2 * 3 * 4 restent, *échappé*, https://ex.org/a_b.');
  });

  it('keeps bullets as "- " lines and ordered numbers as paragraph starts', () => {
    const md = 'Il décide :\n* un\n+ deux\n  - deux-a\n\n3. Troisième\n   suite\n4) Quatrième';
    expect(markdownToText(md).text).toBe('Il décide :\n- un\n- deux\n- deux-a\n\n3. Troisième\nsuite\n\n4. Quatrième');
  });

  it('keeps code fences as plain text without interpreting them', () => {
    expect(markdownToText('Avant\n```ts\nconst a = **1**;\n\n# pas un titre\n```\nAprès').text).toBe('Avant\n\nconst a = **1**;\n\n# pas un titre\n\nAprès');
  });

  it('strips blockquote marks, rules, tables separators, HTML tags and comments', () => {
    const md = '> 12. Cité\n\n***\n\n| A | B |\n|---|:-:|\n| x | y |\n\n<!-- note\ninterne -->\nFin<br>de <sup>texte</sup>.';
    expect(markdownToText(md).text).toBe('12. Cité\n\nA | B\nx | y\n\nFin\nde texte.');
  });

  it('has no title without front matter title or H1', () => {
    expect(markdownToText('## Seulement H2\n\ntexte').title).toBeUndefined();
  });
});
