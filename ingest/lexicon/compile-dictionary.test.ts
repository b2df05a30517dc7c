import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileDictionary, formatDictionary, parseDictionary, sha256 } from './compile-dictionary.js';
import { LEXICON_DIR, vendoredDictionary } from './index-lexicon.js';

const TSV = `${LEXICON_DIR}wiktionary-fr-en.tsv`;
const info = JSON.parse(readFileSync(`${LEXICON_DIR}wiktionary-fr-en.json`, 'utf8')) as { sourceSha256: string; pairs: number; sha256: string };
const SOURCE = fileURLToPath(new URL('../../../shared/data/frwiktionary-fr-en.csv', import.meta.url));

describe('compiled Wiktionary dictionary', () => {
  it('is the committed file recorded by npm run build:lexicon (checksum and pair count) and loads', () => {
    const text = readFileSync(TSV, 'utf8');
    expect(sha256(text)).toBe(info.sha256);
    expect(info.sha256).toBe('6745b983deba83690029ee4a4491dd36289601de8f0be00deeb49c04a389d9e2');
    expect(vendoredDictionary()).toHaveLength(info.pairs);
    expect(info.pairs).toBe(71427);
  });

  it('stems both sides and keeps multi-word entries as phrases', () => {
    const csv = 'blanchiment d’argent;S;TR-FR-EN;money laundering;S;\nterrorisme;S;TR-FR-EN;terrorism;S;\nterrorisme;S;TR-FR-EN;terrorism;S;\nde;X;TR-FR-EN;of;X;\n';
    expect(compileDictionary(csv)).toEqual([
      { fr: 'blanch argent', en: 'monei launder' },
      { fr: 'terror', en: 'terror' },
    ]);
  });

  it('drops a locution that stop-word removal leaves with one word, keeps hyphenated words', () => {
    const csv = 'renoncer;V;TR-FR-EN;give up;V;\nabandonner;V;TR-FR-EN;give;V;\nmettre en place;V;TR-FR-EN;set up;V;\nanti-terroriste;A;TR-FR-EN;anti-terrorist;A;\n';
    expect(compileDictionary(csv).map((p) => `${p.fr}>${p.en}`)).toEqual(['abandon>give', 'anti terror antiterror>anti terrorist antiterrorist']);
  });

  it('names the file and line of a malformed line', () => {
    expect(() => parseDictionary('# h\nterror\n', 'x.tsv')).toThrow(/x\.tsv:2/);
    expect(parseDictionary(formatDictionary([{ fr: 'a b', en: 'c' }]), 'y.tsv')).toEqual([{ fr: 'a b', en: 'c' }]);
  });

  // ../shared is beside the repository on the development machine only; a clone checks the committed file above.
  it.runIf(existsSync(SOURCE))(
    'is what the script produces from ../shared/data/frwiktionary-fr-en.csv',
    () => {
      const csv = readFileSync(SOURCE, 'utf8');
      expect(sha256(csv)).toBe(info.sourceSha256);
      expect(sha256(formatDictionary(compileDictionary(csv)))).toBe(info.sha256);
    },
    120_000,
  );
});
