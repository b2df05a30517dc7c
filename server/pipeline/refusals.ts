/**
 * The words of a refusal, by reason, in the question's language. A refusal never quotes the user's words as if
 * they were the texts' (names the texts lack are counted, never repeated). Web-standard.
 */
import type { CorpusStore } from '../corpus/corpus-store.js';
import { unitName, unitPlural } from '../corpus/units.js';
import type { Lang } from '../types.js';
import type { AbstentionDetail, AbstentionReason, CheckedAnswerType } from './types.js';

export const ABSTENTION: Record<Lang, string> = {
  fr: 'Les textes disponibles ne permettent pas de répondre à cette question : aucun paragraphe du corpus ne traite de ce point. Reformulez la question ou précisez le document et le paragraphe visés.',
  en: 'The available texts do not answer this question: no paragraph of the corpus addresses this point. Try rephrasing, or name the document and paragraph you mean.',
};

const OFF_TASK: Record<Lang, string> = {
  fr: 'Je ne peux pas répondre à cette demande : je réponds uniquement à des questions sur le contenu des textes officiels de lutte contre le terrorisme du corpus, en citant leurs paragraphes.',
  en: 'I cannot help with this request: I only answer questions about what the official counter-terrorism texts of the corpus say, citing their paragraphs.',
};

const ANSWER_TYPE: Record<Lang, string> = {
  fr: ' Les passages les plus proches ne donnent pas l’information demandée (date, nombre ou organisme).',
  en: ' The closest passages do not give the information asked for (a date, a number or a body).',
};

/** The same, naming the kind of information asked for. */
const ANSWER_TYPE_OF: Record<Lang, Record<CheckedAnswerType, string>> = {
  fr: {
    date: ' Les passages les plus proches ne donnent pas la date demandée.',
    number: ' Les passages les plus proches ne donnent pas le nombre demandé.',
    agent: ' Les passages les plus proches ne nomment pas l’organisme ou la personne demandés.',
    duration: ' Les passages les plus proches ne donnent pas la durée ou le délai demandés.',
    amount: ' Les passages les plus proches ne donnent pas le montant demandé.',
    penalty: ' Les passages les plus proches ne donnent pas la peine demandée (durée d’emprisonnement ou montant de l’amende).',
    definition: ' Les passages les plus proches ne donnent pas la définition demandée.',
  },
  en: {
    date: ' The closest passages do not give the date asked for.',
    number: ' The closest passages do not give the number asked for.',
    agent: ' The closest passages do not name the body or person asked for.',
    duration: ' The closest passages do not give the length of time asked for.',
    amount: ' The closest passages do not give the amount asked for.',
    penalty: ' The closest passages do not give the penalty asked for (a term of imprisonment or the amount of a fine).',
    definition: ' The closest passages do not give the definition asked for.',
  },
};

/** Abstention note for names, acronyms or years of the question that no text mentions (never quoting them). */
const UNKNOWN_NOTE: Record<Lang, (n: number) => string> = {
  en: (n) =>
    n === 1 ? ' The question names something (a name, acronym or year) that none of the texts mentions.' : ' The question names things (names, acronyms or years) that none of the texts mentions.',
  fr: (n) => (n === 1 ? ' La question cite un nom, un sigle ou une année qu’aucun des textes ne mentionne.' : ' La question cite des noms, sigles ou années qu’aucun des textes ne mentionne.'),
};

function title(store: CorpusStore, id: string | undefined, lang: Lang): string | undefined {
  const d = id ? store.document(id) : undefined;
  return d ? (lang === 'en' ? (d.shortTitleEn ?? d.shortTitle) : d.shortTitle) : undefined;
}

/** "The X has no article 421-9 (its articles run from 421-1 to 421-8)." */
function missingNote(m: NonNullable<AbstentionDetail['missing']>[number], store: CorpusStore, lang: Lang): string {
  const t = title(store, m.documentId, lang);
  const unit = m.unit ?? 'paragraph';
  const name = unitName({ kind: 'numbered', unit, label: m.label }, lang);
  const plural = unitPlural(unit, lang);
  if (lang === 'en') {
    const range = m.range ? ` (its ${plural} run from ${m.range[0]} to ${m.range[1]})` : '';
    return t ? `The ${t} has no ${name}${range}.` : `No document of the corpus has ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}.`;
  }
  const range = m.range ? ` (ses ${plural} vont de ${m.range[0]} à ${m.range[1]})` : '';
  const de = /^[aeiouéh]/i.test(name) ? 'd’' : 'de ';
  return t ? `Le texte « ${t} » ne comporte pas ${de}${name}${range}.` : `Aucun document du corpus ne comporte ${de}${name}.`;
}

/**
 * The refusal for a reason.
 * @example
 * refusal('off_task', {}, 'en', store) // 'I cannot help with this request: …'
 */
export function refusal(reason: AbstentionReason, detail: AbstentionDetail, lang: Lang, store: CorpusStore): string {
  switch (reason) {
    case 'off_task':
      return OFF_TASK[lang];
    case 'missing_reference':
      return (detail.missing ?? []).map((m) => missingNote(m, store, lang)).join(' ') || ABSTENTION[lang];
    case 'asks_present': {
      const dates = (detail.dates ?? []).join(', ');
      return (
        ABSTENTION[lang] +
        (lang === 'en'
          ? ` The question is about the present situation, and the texts are dated documents (${dates}): they cannot say what is the case today.`
          : ` La question porte sur la situation actuelle ; or les textes sont des documents datés (${dates}) qui ne peuvent pas renseigner sur l’état présent.`)
      );
    }
    case 'unknown_entity': {
      // The user's own words are never repeated: in « » they would read as a quotation from the texts.
      const n = (detail.unknown ?? []).length;
      return ABSTENTION[lang] + UNKNOWN_NOTE[lang](Math.max(1, n));
    }
    case 'answer_type_missing':
      return ABSTENTION[lang] + (detail.expects ? ANSWER_TYPE_OF[lang][detail.expects] : ANSWER_TYPE[lang]);
    default:
      return ABSTENTION[lang];
  }
}
