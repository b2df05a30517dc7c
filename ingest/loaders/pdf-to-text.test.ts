import { describe, it, expect } from 'vitest';
import { pdfToText } from './pdf-to-text.js';
import { makePdf } from '../../tests/fixtures/make-pdf.js';

describe('pdfToText', () => {
  it('rebuilds lines, paragraph gaps and page breaks', async () => {
    const pdf = makePdf([
      ['Titre', '', '1. Première ligne', 'deuxième ligne', '', '2. Autre'],
      ['3. Page deux', 'fin'],
    ]);
    const { text, title } = await pdfToText(pdf);
    expect(text).toBe('Titre\n\n1. Première ligne\ndeuxième ligne\n\n2. Autre\n\n3. Page deux\nfin');
    expect(title).toBeUndefined();
  });

  it('reads the title from the metadata', async () => {
    expect((await pdfToText(makePdf([['x']], { title: 'Rapport d’activité' }))).title).toBe('Rapport d’activité');
  });

  it('does not split evenly spaced lines into paragraphs', async () => {
    expect((await pdfToText(makePdf([['a', 'b', 'c']], { leading: 24 }))).text).toBe('a\nb\nc');
  });

  it('leaves the input bytes usable', async () => {
    const pdf = makePdf([['x']]);
    await pdfToText(pdf);
    expect(pdf.byteLength).toBeGreaterThan(0);
    expect((await pdfToText(pdf)).text).toBe('x');
  });

  it('rejects a corrupt PDF with ingest_failed', async () => {
    const truncated = makePdf([['x']]).slice(0, 120);
    await expect(pdfToText(truncated)).rejects.toMatchObject({ code: 'ingest_failed' });
    await expect(pdfToText(new TextEncoder().encode('pas un PDF'))).rejects.toThrow(/not a readable PDF/);
  });
});
