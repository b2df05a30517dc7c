import { describe, expect, it } from 'vitest';
import { corpusApp } from '../../tests/helpers/corpus-app.js';

const { retriever } = corpusApp();
const top = async (question: string, history: Array<{ role: 'user' | 'assistant'; content: string }> = []) => {
  const r = await retriever.retrieve({ question, history });
  return { r, first: `${r.passages[0]?.document.id}#${r.passages[0]?.paragraph.label}`, ids: r.passages.slice(0, 5).map((p) => `${p.document.id}#${p.paragraph.label}`) };
};

describe('lexical retrieval on the corpus', () => {
  it.each([
    ['Quelles mesures les États doivent-ils prendre contre le financement du terrorisme selon le Plan de Bucarest ?', 'osce-bucharest-plan-2001#24'],
    ['Qui a coprésidé le troisième dialogue UE-Nations unies ?', 'eu-un-dialogue-2020#5'],
    ['Combien de fonds, départements et organismes composent l’Équipe spéciale ?', 'un-sg-symposium-2011#5'],
    ['Que recommandent les États parties au sujet du Réseau interaméricain contre le terrorisme ?', 'oas-cicte-recommendations-2022#12'],
    ['Quels sont les domaines prioritaires de l’OSCE dans la lutte contre le terrorisme ?', 'osce-counter-terrorism#5'],
    ['D’ici quelle date les États de l’OSCE doivent-ils adhérer aux 12 conventions des Nations Unies ?', 'osce-bucharest-plan-2001#5'],
  ])('FR: %s → %s', async (q, expected) => {
    expect((await top(q)).first).toBe(expected);
  });

  it.each([
    ['Who co-chaired the third EU-UN high-level dialogue?', 'eu-un-dialogue-2020#5'],
    ['What should States do to prevent the movement of terrorists across borders?', 'osce-bucharest-plan-2001#26'],
    ['What does the OAS text say about protecting critical infrastructure from malicious cyber activity?', 'oas-cicte-recommendations-2022#17'],
    ['When was the Secretary-General’s symposium on counter-terrorism cooperation held?', 'un-sg-symposium-2011#1'],
    ['What assistance does ODIHR offer for drafting laws needed to ratify international instruments?', 'osce-bucharest-plan-2001#6'],
  ])('EN over French text: %s → %s', async (q, expected) => {
    expect((await top(q)).first).toBe(expected);
  });

  it('the glossary is what makes English questions work', async () => {
    const noGlossary = corpusApp({ glossary: false }).retriever;
    const q = 'What should States do to prevent the movement of terrorists across borders?';
    const without = await noGlossary.retrieve({ question: q });
    expect(`${without.passages[0]?.document.id}#${without.passages[0]?.paragraph.label}`).not.toBe('osce-bucharest-plan-2001#26');
  });

  it.each([
    ['paragraphe 13', 'osce-bucharest-plan-2001#13'],
    ['Que dit la recommandation 13 ?', 'oas-cicte-recommendations-2022#13'],
    ['§ 24 du Plan de Bucarest', 'osce-bucharest-plan-2001#24'],
    ['What does paragraph 12 of the OAS recommendations say?', 'oas-cicte-recommendations-2022#12'],
    ['Show me preamble clause 3 of the OAS recommendations', 'oas-cicte-recommendations-2022#P3'],
  ])('explicit reference "%s" → %s', async (q, expected) => {
    const { r, first } = await top(q);
    expect(first).toBe(expected);
    expect(r.passages[0].explicit).toBe(true);
  });

  it('an ambiguous "paragraph 13" lists both numbered documents', async () => {
    const { ids } = await top('What does paragraph 13 say?');
    expect(ids.slice(0, 2).sort()).toEqual(['oas-cicte-recommendations-2022#13', 'osce-bucharest-plan-2001#13']);
  });

  it('ranges of paragraphs resolve to each paragraph', async () => {
    const { ids } = await top('Que disent les paragraphes 5 à 7 du Plan de Bucarest ?');
    expect(ids.slice(0, 3)).toEqual(['osce-bucharest-plan-2001#5', 'osce-bucharest-plan-2001#6', 'osce-bucharest-plan-2001#7']);
  });

  it('follow-up questions use the conversation', async () => {
    const history = [
      { role: 'user' as const, content: 'What does the Bucharest Plan say about the financing of terrorism?' },
      { role: 'assistant' as const, content: 'According to the Bucharest Plan of Action (§24): « … » [Bucharest Plan of Action, §24]' },
    ];
    const { r, first } = await top('And which Security Council resolution does it refer to?', history);
    expect(r.plan.followUp).toBe(true);
    expect(first).toBe('osce-bucharest-plan-2001#24');
    const fr = await top('Et quel paragraphe suit ?', [
      { role: 'user', content: 'Que dit le paragraphe 5 du Plan de Bucarest ?' },
      { role: 'assistant', content: "« … » [Plan d'action de Bucarest, §5]" },
    ]);
    expect(fr.r.plan.followUp).toBe(true);
  });

  it('explicit references without a document name follow the conversation', async () => {
    const { first } = await top('Et le paragraphe 13 ?', [
      { role: 'user', content: 'Que dit la recommandation 12 de l’OEA ?' },
      { role: 'assistant', content: '« … » [Recommandations OEA/CICTE 2022, §12]' },
    ]);
    expect(first).toBe('oas-cicte-recommendations-2022#13');
  });

  it('works as a LangChain retriever', async () => {
    const docs = await retriever.invoke('financement du terrorisme');
    expect(docs.length).toBeGreaterThan(0);
    expect(docs[0].metadata).toMatchObject({ documentId: expect.any(String), paragraph: expect.any(String), score: expect.any(Number) });
    expect(docs[0].pageContent.length).toBeGreaterThan(20);
  });

  it('exposes stage timings and scores', async () => {
    const { r } = await top('financement du terrorisme');
    expect(Object.keys(r.timings).sort()).toEqual(['dense', 'fusion', 'lexical', 'plan']);
    expect(r.passages[0].score).toBeGreaterThan(r.passages.at(-1)!.score);
  });
});
