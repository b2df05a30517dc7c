import { describe, expect, it } from 'vitest';
import { tinyDeps } from '../../tests/helpers/tiny-corpus.js';
import { initialisms, unknownNames } from './decide-names.js';

const deps = tinyDeps();
/** The question's unknown names, relative to the document of its best passage (or to `cited`). */
async function names(question: string, cited?: string[]) {
  const r = await deps.pipeline.retrieve({ question });
  const documents = cited ? cited.map((id) => deps.store.document(id)!) : r.passages.slice(0, 1).map((p) => p.document);
  return unknownNames(r.plan, r.plan, r.passages, deps, deps.params, documents);
}

describe('initialisms', () => {
  it('spells the capitalised words of a title, with and without connectors', () => {
    const s = initialisms('Measures to prevent terrorists (General Assembly resolution 80/41) | Council of Europe Convention');
    expect(s.has('ga')).toBe(true);
    expect(s.has('ce')).toBe(true);
    expect(s.has('coe')).toBe(true);
    expect(s.has('mt')).toBe(false);
  });
  it("spells a name French writes with one capital, from four letters (« Commission nationale de l'informatique et des libertés » → CNIL)", () => {
    const s = initialisms("la Commission nationale de l'informatique et des libertés contrôle");
    expect(s.has('cnil')).toBe(true);
    expect(s.has('cn')).toBe(false);
  });
});

describe('unknown names', () => {
  it('a country the texts never mention is unknown', async () => {
    expect((await names('Que prévoit le Plan Alpha contre le financement du terrorisme en Australie ?')).unknown).toEqual(['australie']);
  });

  it('the year of a document’s date names that document', async () => {
    expect((await names('What does the 2001 Alpha Plan say about the financing of terrorism?')).unknown).toEqual([]);
    expect((await names('What did the 2019 Alpha Plan say about the financing of terrorism?')).unknown).toEqual(['2019']);
  });

  it('an acronym spelling a title’s initials is known ("BA" ← "Beta Act")', async () => {
    expect((await names('What does the BA say about designating a terrorist entity?')).unknown).toEqual([]);
  });

  it('an acronym of the question’s language no term renders, over a text in the other language, is inconclusive', async () => {
    const n = await names('How do States freeze the assets of terrorists under the CCTV rules of the plan?');
    expect(n.unknown).toEqual([]);
    expect(n.inconclusive).toEqual(['cctv']);
  });

  it('a longer all-capitals word is not taken for an initialism', async () => {
    expect((await names('How do States freeze the assets of terrorists under the PWNED rules of the plan?')).unknown).toEqual(['pwned']);
  });

  it('the same acronym in the text’s language is unknown', async () => {
    expect((await names('Que prévoit le Plan Alpha sur les MICAS et le financement du terrorisme ?')).unknown).toContain('micas');
  });

  it('a name only another document mentions is unknown to the cited one', async () => {
    const q = 'Que prévoit le Plan Alpha contre le financement du terrorisme selon le Minister ?';
    expect((await names(q, ['alpha'])).unknown).toEqual(['minister']);
    expect((await names(q, ['alpha', 'beta'])).unknown).toEqual([]);
  });

  it('the parts of a hyphenated name are checked', async () => {
    expect((await names('Que prévoit le Plan Alpha contre le financement du terrorisme d’Al-Shabaab ?', ['alpha'])).unknown.length).toBeGreaterThan(0);
  });

  it('a legal instrument named by a word no title renders is unknown; one a title names is not', async () => {
    expect((await names('Que prévoit le code pénal contre le financement du terrorisme ?')).unknown).toEqual(['code pénal']);
    expect((await names('What does the Penal Code say about terrorist entities?')).unknown).toContain('Penal Code');
    expect((await names('What does the sanctions act say about designating a terrorist entity?')).unknown).toEqual([]);
    expect((await names('What does the Beta Act say about designating a terrorist entity?')).unknown).toEqual([]);
  });

  it('a French instrument named by its jurisdiction’s lower-case adjective is known when the text names that jurisdiction', async () => {
    expect((await names('Que prévoit la loi viennoise contre le financement du terrorisme ?', ['alpha'])).unknown).toEqual([]);
    expect((await names('Que prévoit la loi australienne contre le financement du terrorisme ?', ['alpha'])).unknown).toContain('loi australienne');
  });

  it('a French verb inverted after « convention », « traité » is the question’s verb, not an instrument’s name', async () => {
    expect((await names('Le financement du terrorisme est-il couvert, ou la convention joue-t-elle seulement pour les plans ?', ['alpha'])).unknown).toEqual([]);
    expect((await names('Un traité peut-il fonder le financement du terrorisme ?', ['alpha'])).unknown).toEqual([]);
  });

  it('an English instrument needs "the" or a capital: a verb after a noun is not one', async () => {
    expect((await names('Can the minister and any judge act outside the Beta Act to designate an entity?', ['beta'])).unknown).toEqual([]);
    expect((await names('What did the 2003 amending Protocol change in the Beta Act?', ['beta'])).unknown).toContain('amending Protocol');
  });

  it('a convention is an instrument too, named by the word before it or by a capitalised name after « du », « de la »', async () => {
    expect((await names('What does the Council of Europe Convention say about the financing of terrorism?', ['alpha'])).unknown).toContain('Europe Convention');
    expect((await names('Que prévoit la Convention du Conseil de l’Europe contre le financement du terrorisme ?', ['alpha'])).unknown).toContain('Convention du Conseil');
    expect((await names('Que prévoit le statut de réfugié dans le Plan Alpha ?', ['alpha'])).unknown).toEqual([]);
  });
});
