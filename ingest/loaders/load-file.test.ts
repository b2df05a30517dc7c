import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFile } from './load-file.js';
import { makePdf, makeSamplePdf } from '../../tests/fixtures/make-pdf.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../tests/fixtures/documents/${name}`, import.meta.url));

let dir: string;
const temp = async (name: string, content: string | Uint8Array): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loaders-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadFile', () => {
  it('loads a French text file as is', async () => {
    const doc = await loadFile(fixture('exemple.txt'));
    expect(doc).toMatchObject({ path: fixture('exemple.txt'), format: 'txt' });
    expect(doc.title).toBeUndefined();
    expect(doc.text).toBe(
      [
        'Plan national de prévention de la radicalisation',
        '',
        '1. Le présent plan fixe les orientations de l’action publique',
        'en matière de prévention de la radicalisation violente.',
        '',
        '2. Les préfets réunissent chaque trimestre la cellule',
        'départementale de suivi.',
        '',
        '§ 3 Les collectivités territoriales sont associées :',
        '- à la détection des signaux faibles ;',
        '- à l’accompagnement des familles.',
      ].join('\n'),
    );
  });

  it('strips a BOM, normalises CRLF and accepts upper-case extensions', async () => {
    const original = await readFile(fixture('exemple.txt'), 'utf8');
    const path = await temp('WINDOWS.TXT', `\uFEFF${original.replace(/\n/g, '\r\n')}`);
    const doc = await loadFile(path);
    expect(doc.format).toBe('txt');
    expect(doc.text).toBe((await loadFile(fixture('exemple.txt'))).text);
    expect((await loadFile(await temp('mac.txt', '1. Un\r2. Deux\r\rFin'))).text).toBe('1. Un\n2. Deux\n\nFin');
  });

  it('converts Markdown with its front matter title', async () => {
    const doc = await loadFile(fixture('exemple.md'));
    expect(doc).toMatchObject({ format: 'md', title: "Guide d'application de la loi" });
    expect(doc.text).toBe(
      [
        'Guide d’application',
        '',
        'Ce guide présente les principales dispositions de la loi du 24 juillet 2015.',
        '',
        'Chapitre premier',
        '',
        '12. Les services de renseignement peuvent recourir aux techniques',
        'mentionnées au présent chapitre.',
        '',
        '13. Le recours à ces techniques est soumis à l’autorisation du Premier ministre.',
        '',
        '- après avis de la commission ;',
        '- pour une durée de quatre mois.',
        '',
        'Article L. 811-3 : finalités',
      ].join('\n'),
    );
  });

  it('converts HTML with its title and language', async () => {
    const doc = await loadFile(fixture('exemple.html'));
    expect(doc).toMatchObject({ format: 'html', title: 'Résolution sur la coopération internationale', language: 'fr' });
    expect(doc.text).toBe(
      [
        'Coopération internationale',
        '',
        '1. Les États membres échangent les informations relatives aux combattants terroristes étrangers.',
        '',
        '2. Ils renforcent la coopération judiciaire :',
        '',
        '- entraide pénale ;',
        '- extradition.',
        '',
        'Suivi',
        '',
        '§ 3 Le Comité présente un rapport annuel au Conseil & à l’Assemblée.',
      ].join('\n'),
    );
  });

  it('keeps the committed sample PDF in sync with its generator', async () => {
    expect(new Uint8Array(await readFile(fixture('exemple.pdf')))).toEqual(makeSamplePdf());
  });

  it('extracts a two-page PDF: lines in order, paragraphs and page break as blank lines', async () => {
    const doc = await loadFile(fixture('exemple.pdf'));
    expect(doc).toMatchObject({ format: 'pdf', title: 'Stratégie nationale — exemple' });
    expect(doc.text).toBe(
      [
        'Stratégie nationale de prévention',
        '',
        '1. La présente stratégie définit les priorités de l’État',
        'en matière de prévention de la radicalisation.',
        '',
        '2. Les préfets coordonnent l’action des services (police,',
        'gendarmerie, éducation) au niveau départemental.',
        '',
        '3. Un bilan annuel est remis au Premier ministre.',
        '',
        '§ 4 Le financement relève du fonds interministériel.',
      ].join('\n'),
    );
  });

  it('loads a generated PDF written to a temp dir', async () => {
    const path = await temp('Rapport.PDF', makePdf([['Page un'], ['Page deux']]));
    expect((await loadFile(path)).text).toBe('Page un\n\nPage deux');
  });

  describe('errors', () => {
    it('rejects an unknown extension', async () => {
      const path = await temp('notes.docx', 'x');
      await expect(loadFile(path)).rejects.toThrow(/notes\.docx: unsupported file type "\.docx"/);
      await expect(loadFile(await temp('LISEZMOI', 'x'))).rejects.toThrow(/LISEZMOI: unsupported file type \(no extension\)/);
    });

    it('rejects a missing file and a directory', async () => {
      await expect(loadFile(join(dir, 'absent.txt'))).rejects.toThrow(/absent\.txt: file not found/);
      await mkdir(join(dir, 'dossier.md'));
      await expect(loadFile(join(dir, 'dossier.md'))).rejects.toThrow(/dossier\.md: is a directory/);
    });

    it('rejects invalid UTF-8 with its line', async () => {
      const latin1 = Uint8Array.from([...new TextEncoder().encode('ligne 1\nligne 2\nl'), 0xe9, 0x0a, 0x41]);
      const path = await temp('latin1.txt', latin1);
      await expect(loadFile(path)).rejects.toThrow(/latin1\.txt: invalid UTF-8 at line 3/);
      const truncated = await temp('coupe.html', Uint8Array.from([0x3c, 0x70, 0x3e, 0xc3]));
      await expect(loadFile(truncated)).rejects.toThrow(/coupe\.html: invalid UTF-8 at line 1/);
    });

    it('rejects a binary file disguised as text', async () => {
      await expect(loadFile(await temp('binaire.txt', 'a\nb\u0000c'))).rejects.toThrow(/binaire\.txt: NUL byte at line 2/);
    });

    it('rejects documents without any text', async () => {
      await expect(loadFile(await temp('vide.txt', ''))).rejects.toThrow(/vide\.txt: no text found/);
      await expect(loadFile(await temp('blancs.md', '\uFEFF  \r\n\t\n'))).rejects.toThrow(/blancs\.md: no text found/);
      await expect(loadFile(await temp('script.html', '<script>x()</script><nav>Menu</nav>'))).rejects.toThrow(/script\.html: no text found/);
      await expect(loadFile(await temp('scan.pdf', makePdf([[]])))).rejects.toThrow(/scan\.pdf: no text found/);
    });

    it('rejects a corrupt PDF', async () => {
      const truncated = await temp('tronque.pdf', makeSamplePdf().slice(0, 300));
      await expect(loadFile(truncated)).rejects.toThrow(/tronque\.pdf: not a readable PDF/);
      const fake = await temp('faux.pdf', 'Ceci n’est pas un PDF');
      await expect(loadFile(fake)).rejects.toMatchObject({ code: 'ingest_failed', message: expect.stringMatching(/faux\.pdf/) });
    });
  });
});
