/** UI strings in French and English, language choice (URL ?lang, localStorage, navigator), and DOM application. */

export const STORAGE_KEY = 'ct-assistant.lang';

export const STRINGS = {
  fr: {
    'brand.name': 'Textes antiterroristes',
    'brand.tagline': 'Assistant documentaire',
    skip: 'Aller à la question',
    'lang.group': 'Langue de l’interface',
    'new': 'Nouvelle conversation',
    'welcome.eyebrow': 'Corpus officiel · OSCE · ONU · OEA · UE',
    'welcome.title': 'Interrogez les textes officiels de lutte contre le terrorisme',
    'welcome.lead': 'Chaque réponse cite le paragraphe exact dont elle est tirée. Cliquez sur une référence pour lire le texte source.',
    'welcome.try': 'Pour commencer',
    'welcome.corpus': 'Documents couverts',
    'composer.label': 'Votre question',
    'composer.placeholder': 'Posez une question sur les textes…',
    'composer.followup': 'Posez une question de suivi…',
    'composer.hint': 'Entrée pour envoyer · Maj+Entrée pour aller à la ligne',
    send: 'Envoyer',
    stop: 'Arrêter',
    you: 'Vous',
    assistant: 'Assistant',
    searching: 'Recherche dans les textes…',
    writing: 'Rédaction de la réponse…',
    sources: 'Sources citées',
    copy: 'Copier',
    copied: 'Réponse copiée avec ses sources',
    'copy.failed': 'La copie a échoué',
    share: 'Lien permanent',
    'share.copied': 'Lien copié',
    retry: 'Réessayer',
    'abstained.title': 'Pas de réponse dans les textes',
    'abstained.body': 'L’assistant n’a trouvé aucun passage qui réponde précisément à cette question. Reformulez-la ou citez un document ou un paragraphe.',
    'degraded.title': 'Réponse de secours',
    'degraded.body': 'Le modèle de langue est indisponible : cette réponse cite directement les passages trouvés, sans reformulation.',
    'error.title': 'La réponse n’a pas pu être obtenue',
    'error.network': 'Connexion au serveur impossible. Vérifiez votre réseau puis réessayez.',
    'error.interrupted': 'La connexion a été interrompue avant la fin de la réponse.',
    'error.aborted': 'Réponse interrompue.',
    'error.empty': 'Saisissez une question.',
    'panel.label': 'Source citée',
    'panel.close': 'Fermer le panneau',
    'panel.organisation': 'Organisation',
    'panel.date': 'Date',
    'panel.paragraph': 'Paragraphe',
    'panel.section': 'Section',
    'panel.open': 'Voir dans le document',
    'panel.loading': 'Chargement du paragraphe…',
    'panel.quote': 'Passage cité surligné',
    'panel.notfound': 'Paragraphe introuvable.',
    'cite.open': 'Ouvrir la source',
    'live.answer': 'Nouvelle réponse',
    'live.abstained': 'L’assistant s’abstient',
    'live.error': 'Erreur',
    'live.new': 'Nouvelle conversation commencée',
    'lang.answer': 'Réponse en',
    'lang.fr': 'français',
    'lang.en': 'anglais',
    'widget.open': 'Poser une question sur les textes',
    'widget.close': 'Fermer l’assistant',
    'widget.powered': 'Réponses citées au paragraphe près',
    'doc.back': 'Retour à l’assistant',
    'doc.paragraphs': 'paragraphes',
    'doc.source': 'Source',
    'doc.outline': 'Plan du document',
    'doc.link': 'Lien vers ce paragraphe',
    'footer.note': 'Vérifiez toujours la source citée.',
    undated: 'non daté',
    'chat.title': 'Conversation avec l’assistant',
    'permalink.eyebrow': 'Réponse partagée',
    'permalink.prior': 'Suite de la conversation :',
    'permalink.continue': 'Continuer dans l’assistant',
    'permalink.embed': 'Intégrer cette réponse sur un site',
    'permalink.card': 'Ouvrir la carte seule',
  },
  en: {
    'brand.name': 'Counter-Terrorism Texts',
    'brand.tagline': 'Research assistant',
    skip: 'Skip to question',
    'lang.group': 'Interface language',
    'new': 'New conversation',
    'welcome.eyebrow': 'Official corpus · OSCE · UN · OAS · EU',
    'welcome.title': 'Ask the official counter-terrorism texts',
    'welcome.lead': 'Every answer cites the exact paragraph it comes from. Click a reference to read the source text.',
    'welcome.try': 'Try asking',
    'welcome.corpus': 'Documents covered',
    'composer.label': 'Your question',
    'composer.placeholder': 'Ask a question about the texts…',
    'composer.followup': 'Ask a follow-up question…',
    'composer.hint': 'Enter to send · Shift+Enter for a new line',
    send: 'Send',
    stop: 'Stop',
    you: 'You',
    assistant: 'Assistant',
    searching: 'Searching the texts…',
    writing: 'Writing the answer…',
    sources: 'Cited sources',
    copy: 'Copy',
    copied: 'Answer copied with its sources',
    'copy.failed': 'Copy failed',
    share: 'Permalink',
    'share.copied': 'Link copied',
    retry: 'Try again',
    'abstained.title': 'No answer in the texts',
    'abstained.body': 'The assistant found no passage that answers this question precisely. Rephrase it, or name a document or a paragraph.',
    'degraded.title': 'Fallback answer',
    'degraded.body': 'The language model is unavailable: this answer quotes the passages found directly, without rewording.',
    'error.title': 'The answer could not be obtained',
    'error.network': 'Could not reach the server. Check your connection and try again.',
    'error.interrupted': 'The connection dropped before the answer was complete.',
    'error.aborted': 'Answer stopped.',
    'error.empty': 'Type a question.',
    'panel.label': 'Cited source',
    'panel.close': 'Close the panel',
    'panel.organisation': 'Organisation',
    'panel.date': 'Date',
    'panel.paragraph': 'Paragraph',
    'panel.section': 'Section',
    'panel.open': 'View in the document',
    'panel.loading': 'Loading the paragraph…',
    'panel.quote': 'Quoted passage highlighted',
    'panel.notfound': 'Paragraph not found.',
    'cite.open': 'Open the source',
    'live.answer': 'New answer',
    'live.abstained': 'The assistant abstains',
    'live.error': 'Error',
    'live.new': 'New conversation started',
    'lang.answer': 'Answer in',
    'lang.fr': 'French',
    'lang.en': 'English',
    'widget.open': 'Ask about the texts',
    'widget.close': 'Close the assistant',
    'widget.powered': 'Answers cited to the paragraph',
    'doc.back': 'Back to the assistant',
    'doc.paragraphs': 'paragraphs',
    'doc.source': 'Source',
    'doc.outline': 'Outline',
    'doc.link': 'Link to this paragraph',
    'footer.note': 'Always check the cited source.',
    undated: 'undated',
    'chat.title': 'Conversation with the assistant',
    'permalink.eyebrow': 'Shared answer',
    'permalink.prior': 'Follow-up to:',
    'permalink.continue': 'Continue in the assistant',
    'permalink.embed': 'Embed this answer on a website',
    'permalink.card': 'Open the card alone',
  },
};

export const STARTERS = {
  fr: [
    'Que prévoit le paragraphe 5 du Plan d’action de Bucarest ?',
    'Quelles mesures contre le financement du terrorisme sont recommandées ?',
    'Quel est le rôle de l’OSCE dans la lutte contre le terrorisme ?',
    'Qu’ont décidé l’UE et l’ONU lors de leur dialogue de 2020 ?',
  ],
  en: [
    'What does paragraph 5 of the Bucharest Plan of Action say?',
    'Which measures against terrorist financing are recommended?',
    'What was the purpose of the Secretary-General’s 2011 symposium?',
    'What did the EU and the UN agree on in their 2020 dialogue?',
  ],
};

/** @param {unknown} v @returns {v is 'fr'|'en'} */
export const isLang = (v) => v === 'fr' || v === 'en';

/**
 * Picks the UI language: `?lang=` (not remembered), then localStorage, then navigator.language.
 * @returns {'fr'|'en'}
 */
export function detectLang() {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (isLang(fromUrl)) return fromUrl;
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    /* storage blocked (third-party iframe) */
  }
  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
  for (const l of langs) {
    const p = String(l).slice(0, 2).toLowerCase();
    if (isLang(p)) return p;
  }
  return 'en';
}

/** Remembers the choice. */
export function saveLang(lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* ignore */
  }
}

/** @returns {(key: string) => string} */
export function translator(lang) {
  return (key) => STRINGS[lang]?.[key] ?? STRINGS.en[key] ?? key;
}

/**
 * Applies translations to `[data-i18n]` (textContent) and `[data-i18n-attr="attr:key;attr:key"]` under `root`.
 */
export function applyI18n(root, lang) {
  const t = translator(lang);
  document.documentElement.lang = lang;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.getAttribute('data-i18n-attr').split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}

/**
 * Formats a corpus date ("2001-12", "2011-09-19", free text) for display.
 * @param {string} date
 * @param {'fr'|'en'} lang
 * @returns {string}
 * @example
 * formatDate('2001-12', 'fr') // 'décembre 2001'
 */
export function formatDate(date, lang) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(date).trim());
  if (!m) return /undated|non dat/i.test(String(date)) ? STRINGS[lang]['undated'] : String(date);
  const d = new Date(Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1));
  const opts = m[3] ? { day: 'numeric', month: 'long', year: 'numeric' } : m[2] ? { month: 'long', year: 'numeric' } : { year: 'numeric' };
  try {
    return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { ...opts, timeZone: 'UTC' }).format(d);
  } catch {
    return String(date);
  }
}

/** Names of organisations and bodies in English and French, longest first (one list for both directions). */
const ORGANISATION_NAMES = [
  ['States Parties to the Inter-American Convention against Terrorism', 'États parties à la Convention interaméricaine contre le terrorisme'],
  ['Counter-Terrorism Implementation Task Force', 'Équipe spéciale de lutte contre le terrorisme'],
  ['Inter-American Committee against Terrorism', 'Comité interaméricain contre le terrorisme'],
  ['Organization for Security and Co-operation in Europe', 'Organisation pour la sécurité et la coopération en Europe'],
  ['Organization of American States', 'Organisation des États américains'],
  ['European External Action Service', 'Service européen pour l’action extérieure'],
  ['Ministerial Council', 'Conseil ministériel'],
  ['Security Council', 'Conseil de sécurité'],
  ['General Assembly', 'Assemblée générale'],
  ['Secretary-General', 'Secrétaire général'],
  ['United Nations', 'Nations Unies'],
  ['European Union', 'Union européenne'],
  ['Council of Europe', 'Conseil de l’Europe'],
  ['EEAS', 'SEAE'],
  ['OAS', 'OEA'],
  ['UN', 'ONU'],
  ['EU', 'UE'],
];

/**
 * An organisation's name in the UI language, from a fixed list of bodies; a name with any part outside
 * the list is returned as written (never half translated).
 * @param {string} name
 * @param {'fr'|'en'} lang
 * @returns {string}
 * @example
 * organisationName('European Union (EEAS) and United Nations', 'fr') // 'Union européenne (SEAE) et Nations Unies'
 */
export function organisationName(name, lang) {
  const text = String(name ?? '');
  const [from, to] = lang === 'fr' ? [0, 1] : [1, 0];
  let out = text;
  let rest = text;
  for (const pair of ORGANISATION_NAMES) {
    const re = new RegExp(`(?<![\\p{L}])${pair[from].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');
    out = out.replace(re, pair[to]);
    rest = rest.replace(re, ' ');
  }
  const connector = lang === 'fr' ? [/\band\b/g, 'et'] : [/\bet\b/g, 'and'];
  rest = rest.replace(/\b(?:and|et)\b/g, ' ').replace(/\b[A-Z]{2,}\b/g, ' ');
  if (/[\p{L}\p{N}]/u.test(rest)) return text;
  return out.replace(connector[0], connector[1]);
}

/**
 * The short form of an organisation (before the first comma or parenthesis), in the UI language.
 * @example
 * shortOrganisation('United Nations, Counter-Terrorism Implementation Task Force (CTITF)', 'fr') // 'Nations Unies'
 */
export function shortOrganisation(name, lang) {
  return organisationName(name, lang).split(/[,(]/)[0].trim();
}
