import { describe, expect, it } from 'vitest';
import { readStatute } from './statute-xml.js';

const en = `<Statute><Body><Heading><TitleText>Interpretation</TitleText></Heading>
<Section><MarginalNote>Definitions</MarginalNote><Label>2</Label><Text>The following definitions apply in this Act.</Text>
<Definition><Text><DefinedTermEn>peace officer</DefinedTermEn> means a sheriff. (<DefinedTermFr>agent de la paix</DefinedTermFr> ou <DefinedTermFr>policier</DefinedTermFr>)</Text></Definition></Section>
<Section><Label>3</Label><Subsection><Label>(1)</Label><Text>A person is guilty of an offence.</Text><HistoricalNote>2001, c. 41</HistoricalNote></Subsection></Section>
</Body><Schedule><Section><Label>3</Label><Text>Schedule text</Text></Section></Schedule></Statute>`;
const fr = `<Statute><Body><Section><MarginalNote>Définitions</MarginalNote><Label>2</Label><Text>Les définitions qui suivent s’appliquent.</Text>
<Definition><Text><DefinedTermFr>agent de la paix</DefinedTermFr> Shérif. (<DefinedTermEn>peace officer</DefinedTermEn>)</Text></Definition></Section>
<Section><Label>3</Label><Subsection><Label>(1)</Label><Text>Commet une infraction quiconque.</Text></Subsection></Section></Body></Statute>`;

describe('readStatute', () => {
  it('keys units by their labels, definitions by the English term, in both language versions', () => {
    const e = readStatute(en, 'en');
    const f = readStatute(fr, 'fr');
    expect([...e.units.keys()]).toEqual(['2/def:peace officer', '2', '2#note', '3/(1)']);
    expect([...f.units.keys()].sort()).toEqual([...e.units.keys()].sort());
    expect(e.units.get('3/(1)')).toBe('A person is guilty of an offence.');
    expect(f.units.get('2#note')).toBe('Définitions');
  });

  it('gives the defined terms as a pair, without the other language’s term in the text', () => {
    const e = readStatute(en, 'en');
    expect(e.definitions).toEqual([
      { en: 'peace officer', fr: 'agent de la paix', section: '2' },
      { en: 'peace officer', fr: 'policier', section: '2' },
    ]);
    expect(e.units.get('2/def:peace officer')).not.toContain('agent');
  });

  it('leaves out schedules, headings and historical notes', () => {
    const text = [...readStatute(en, 'en').units.values()].join(' ');
    expect(text).not.toMatch(/Schedule text|Interpretation|2001/);
  });
});
