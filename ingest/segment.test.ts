import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../server/text/sentences.js';
import { segmentDocument } from './segment.js';

const corpus = JSON.parse(readFileSync('corpus/corpus.json', 'utf8')) as { documents: Array<{ id: string; file: string }> };
const seg = (id: string) => {
  const d = corpus.documents.find((x) => x.id === id)!;
  return segmentDocument(id, readFileSync(`corpus/${d.file}`, 'utf8'));
};
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => String(a + i));

describe('segmentation of the vendored corpus', () => {
  it('Bucharest Plan: paragraphs 1–31 exactly, each once, in order', () => {
    const r = seg('osce-bucharest-plan-2001');
    expect(r.numbering).toBe('numbered');
    expect(r.paragraphs.map((p) => p.label)).toEqual(range(1, 31));
  });

  it('Bucharest Plan: text joined across hard line breaks and page breaks (§4, §8, §20, §29)', () => {
    const r = seg('osce-bucharest-plan-2001');
    const p = (l: string) => r.paragraphs.find((x) => x.label === l)!.text;
    expect(p('4')).toContain('de Helsinki à Istanbul, énoncent l’engagement de l’OSCE de lutter contre le terrorisme');
    expect(p('4')).not.toMatch(/\n/);
    expect(p('20')).toContain('le cas échéant, d’experts de l’OSCE');
    expect(p('29')).toContain('\n- d’examiner');
    expect(p('29')).toContain('\n- de recourir');
    expect(p('29')).toContain('terrorisme international et\n- de recourir');
    expect(p('5')).toContain('si possible d’ici le 31 décembre 2002, parties aux 12 conventions');
    expect(p('13').endsWith('comme élément moteur d’action et de coopération.')).toBe(true);
  });

  it('Bucharest Plan: unnumbered continuation paragraphs stay with §8 and §31', () => {
    const r = seg('osce-bucharest-plan-2001');
    const p8 = r.paragraphs.find((x) => x.label === '8')!.text;
    expect(p8).toContain('\n\nLe Forum examinera la pertinence');
    expect(p8).toContain('\n\nLes Etats participants présenteront des réponses au Questionnaire');
    expect(p8).toContain('armes légères et de petit calibre, qui auront lieu en 2002');
    const p31 = r.paragraphs.find((x) => x.label === '31')!.text;
    expect(p31).toContain('\n\nCompte tenu des informations fournies par les autres organes de l’OSCE');
    expect(p31.endsWith('l’assentiment des gouvernements hôtes.')).toBe(true);
  });

  it('Bucharest Plan: section headings kept as metadata', () => {
    const r = seg('osce-bucharest-plan-2001');
    expect(r.paragraphs.find((x) => x.label === '5')!.section).toBe('II. Obligations juridiques et engagements politiques internationaux');
    expect(r.paragraphs.find((x) => x.label === '27')!.section).toBe('IV. Action en vertu de la Plate-forme pour la sécurité coopérative - coopération avec d’autres organisations');
    expect(r.paragraphs.find((x) => x.label === '30')!.section).toBe('V. Suivi');
  });

  it('OAS recommendations: preamble P1–P7 then recommendations 1–35', () => {
    const r = seg('oas-cicte-recommendations-2022');
    expect(r.paragraphs.map((p) => p.label)).toEqual([...range(1, 7).map((n) => `P${n}`), ...range(1, 35)]);
    const p = (l: string) => r.paragraphs.find((x) => x.label === l)!;
    expect(p('P1').kind).toBe('preamble');
    expect(p('P1').text).toMatch(/^Les États parties à la Convention interaméricaine contre le terrorisme, RAPPELANT que le 3 juin 2022/);
    expect(p('P3').text).toMatch(/^CONSIDÉRANT/);
    expect(p('P7').text).toMatch(/^NOTANT la résolution 60\/147/);
    expect(p('6').text).toMatch(/^D’inviter les États parties/);
    expect(p('25').text).toMatch(/^D’accroître les informations/);
    expect(p('28').text.endsWith('prévenir de futurs actes de terrorisme.')).toBe(true);
    expect(p('29').text).toMatch(/^De promouvoir l’adoption de mesures appropriées/);
    expect(p('35').text.endsWith('Réunion de consultation des États parties.')).toBe(true);
    expect(p('35').text).not.toContain('CICTE01536F01');
    expect(p('14').section).toBe('Lutte contre le terrorisme et l’extrémisme violent en ligne');
    expect(p('33').section).toBe('Contributions volontaires et suivi');
  });

  it('OSCE web page: boilerplate dropped, list kept with its lead-in, 6 paragraphs', () => {
    const r = seg('osce-counter-terrorism');
    expect(r.numbering).toBe('sequential');
    expect(r.paragraphs.map((p) => p.label)).toEqual(range(1, 6));
    expect(r.paragraphs.some((p) => /Skip Links/.test(p.text))).toBe(false);
    const list = r.paragraphs[4].text;
    expect(list).toMatch(/^Domaines prioritaires pour les activités de lutte contre le terrorisme menées par l’OSCE:\n• Promotion/);
    expect(list.split('\n').length).toBe(9);
    expect(r.paragraphs[1].section).toBe('Principes directeurs de l’OSCE dans la lutte contre le terrorisme');
  });

  it('UN symposium page: headings as metadata, 10 paragraphs in reading order', () => {
    const r = seg('un-sg-symposium-2011');
    expect(r.paragraphs.map((p) => p.label)).toEqual(range(1, 10));
    expect(r.paragraphs[0].text).toMatch(/^Le Colloque sur la coopération internationale en matière de lutte antiterroriste, organisé par le Secrétaire général, s’est tenu à New York/);
    expect(r.paragraphs[1].section).toBe('Généralités');
    expect(r.paragraphs[5].section).toBe('Le Colloque');
    expect(r.paragraphs[6].section).toBe('Organisation');
    expect(r.paragraphs.some((p) => /Bienvenue aux Nations Unies/.test(p.text))).toBe(false);
  });

  it('EU–UN press release: "Languages:" and the release header dropped, 5 paragraphs', () => {
    const r = seg('eu-un-dialogue-2020');
    expect(r.paragraphs.map((p) => p.label)).toEqual(range(1, 5));
    expect(r.paragraphs.some((p) => /Languages:|UNIQUE ID/.test(p.text))).toBe(false);
    expect(r.paragraphs[4].text).toMatch(/^Le dialogue a été coprésidé par Mme Joanneke Balfoort/);
  });

  it('labels are unique within every document', () => {
    for (const d of corpus.documents) {
      const labels = seg(d.id).paragraphs.map((p) => p.label);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});

describe('segmentation of other documents', () => {
  it('numbered paragraphs glued on consecutive lines are split, stray numbers are not paragraphs', () => {
    const r = segmentDocument('d', '1. Premier paragraphe.\n2. Deuxième paragraphe cite les 12 conventions\net la date du\n31 décembre.\n\n3. Troisième.');
    expect(r.paragraphs.map((p) => p.label)).toEqual(['1', '2', '3']);
    expect(r.paragraphs[1].text).toBe('Deuxième paragraphe cite les 12 conventions et la date du 31 décembre.');
  });

  it('a short ordered list inside prose does not turn the document into a numbered one', () => {
    const prose = 'Un long paragraphe de texte courant. '.repeat(20);
    const r = segmentDocument('d', `${prose}\n\n1. un\n\n2. deux\n\n3. trois\n\n${prose}`);
    expect(r.numbering).toBe('sequential');
    expect(r.paragraphs[0].label).toBe('1');
  });

  it('a bare number that fills a gap (a repealed section) is a unit; bare page numbers are not', () => {
    const act =
      '1 Short title\n\nThis Act may be cited as the Test Act.\n\n2 Purpose\n\nThe purpose is clear.\n\n3\n\n[Repealed, 2001, c. 41, s. 125]\n\n4 Regulations\n\nThe Governor may make regulations.';
    const r = segmentDocument('d', act);
    expect(r.paragraphs.map((p) => p.label)).toEqual(['1', '2', '3', '4']);
    expect(r.paragraphs[2].text).toBe('[Repealed, 2001, c. 41, s. 125]');
    const paged = '1. Premier paragraphe du texte.\n\n2. Deuxième paragraphe du texte.\n\n3\n\n3. Troisième paragraphe du texte.\n\n4. Quatrième.';
    expect(segmentDocument('d', paged).paragraphs.map((p) => [p.label, p.text])).toEqual([
      ['1', 'Premier paragraphe du texte.'],
      ['2', 'Deuxième paragraphe du texte.'],
      ['3', 'Troisième paragraphe du texte.'],
      ['4', 'Quatrième.'],
    ]);
  });

  it('§-numbered paragraphs keep their numbers', () => {
    const r = segmentDocument('d', '§ 1 Texte un.\n\n§ 2 Texte deux.\n\n§ 3 Texte trois.');
    expect(r.paragraphs.map((p) => [p.label, p.text])).toEqual([
      ['1', 'Texte un.'],
      ['2', 'Texte deux.'],
      ['3', 'Texte trois.'],
    ]);
  });

  it('splits sentences without breaking on abbreviations', () => {
    expect(splitSentences('Par M. Voronkov et Mme Balfoort. Fin du texte.')).toEqual(['Par M. Voronkov et Mme Balfoort.', 'Fin du texte.']);
  });

  it('keeps a unit in its section when a heading inside it (a statute\'s "Historical Note") is followed by more of it', () => {
    const raw = 'Part One\n\n1 First section text.\n\nHistorical Note\n\n2001, c. 41, s. 4.\n\n2 Second section text.\n\nPart Two\n\n3 Third section text.';
    const { paragraphs } = segmentDocument('doc', raw, { numbering: 'paragraphs' });
    expect(paragraphs.map((p) => [p.label, p.section])).toEqual([
      ['1', 'Part One'],
      ['2', 'Part One'],
      ['3', 'Part Two'],
    ]);
  });

  it('keeps a lead-in sentence whose list items carry it on ("Every person who…" / "- (a) is guilty…"): it is not a heading', () => {
    const raw =
      '1 Short title\n\nThis Act may be cited as the Alpha Act.\n\n2 Offence and punishment\n\nEvery person who contravenes an order made under section 4\n\n- (a) is guilty of an offence punishable on summary conviction; or\n\n- (b) is guilty of an indictable offence.\n\n3 Minister\n\nThe Minister administers this Act.';
    const { paragraphs } = segmentDocument('doc', raw);
    const two = paragraphs.find((p) => p.label === '2');
    expect(two?.title).toBe('Offence and punishment');
    expect(two?.text).toBe('Every person who contravenes an order made under section 4\n- (a) is guilty of an offence punishable on summary conviction; or\n- (b) is guilty of an indictable offence.');
  });

  it('a heading followed by items that open sentences of their own stays a heading', () => {
    const raw = 'Article 1\nDefinitions\n- (a) The Minister is the Minister of Justice.\n\nArticle 2\nEvery person who contravenes article 1\n- (a) is guilty of an offence.';
    const { paragraphs } = segmentDocument('doc', raw);
    expect(paragraphs.map((p) => [p.label, p.title ?? '', p.text])).toEqual([
      ['1', 'Definitions', '- (a) The Minister is the Minister of Justice.'],
      ['2', '', 'Every person who contravenes article 1\n- (a) is guilty of an offence.'],
    ]);
  });
});
