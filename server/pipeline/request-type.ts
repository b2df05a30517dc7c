/**
 * A small classifier of request types: what a message asks the assistant to *do*, independent of any corpus.
 * Each kind is an action (write, tell, compute, make, pretend) joined to its object (code, joke, numbers,
 * weapon, character), in French and English; questions about what texts say match none. Web-standard.
 */
import { normaliseApostrophes } from '../text/analyzer.js';
import { BoundedMemo } from '../text/bounded-memo.js';
import type { AnswerType, CheckedAnswerType, OffTaskKind } from './types.js';

const W = (s: string) => new RegExp(String.raw`(?<![\p{L}\d])(?:${s})(?![\p{L}\d])`, 'iu');

/** Each kind: patterns any of which classifies the request. */
const KINDS: Array<[OffTaskKind, RegExp[]]> = [
  [
    'credentials',
    [
      W(
        String.raw`passwords?|passwd|mots? de passe|credentials?|identifiants? (?:de connexion|d'accès|administrateur)|api[ -]?keys?|clés? (?:d')?api|access tokens?|secret keys?|admin(?:istrator)? (?:account|access|login)|compte administrateur`,
      ),
    ],
  ],
  [
    'code',
    [
      W(
        String.raw`(?:write|give me|generate|show me|écris|écrire|rédige|génère|donne-moi)\b[^?.!]{0,40}\b(?:code|script|program|programme|function|fonction|class|classe|query|requête sql|regex|python|javascript|typescript|java|bash|html|css|sql)`,
      ),
      /```/u,
      W(String.raw`(?:how (?:do|can) (?:i|you)|comment)\b[^?.!]{0,40}\b(?:in|en) (?:python|javascript|typescript|java|bash|sql|c\+\+|rust|go|php)`),
    ],
  ],
  ['creative', [W(String.raw`jokes?|blagues?|poems?|poèmes?|poésie|haikus?|limericks?|riddles?|devinettes?|song|chanson|histoire drôle|funny story|raconte[- ]moi une histoire|tell me a story`)]],
  [
    'arithmetic',
    [
      W(String.raw`square root of|racine carrée de|\d+(?:[.,]\d+)?\s*(?:%|percent|pour ?cent) (?:of|de) \d+`),
      W(
        String.raw`(?:combien (?:font|fait)|how much (?:is|are|makes?)|what(?:'s| is| are)|calcule[rz]?|calculate|compute)\b[^?.!]{0,60}?\b(?:multipli\p{L}* (?:par|by)|divi[sd]\p{L}* (?:par|by))|combien (?:font|fait)\b[^?.!]{0,60}?\b(?:plus|moins|fois)`,
      ),
      /^[^\p{L}]*(?:(?:what|how much|combien)\s+(?:is|are|font|fait|make|makes)\s+|(?:calculate|calcule[rz]?|compute)\s+)?\d+(?:[.,]\d+)?\s*(?:[+*×÷^]|\bplus\b|\bminus\b|\btimes\b|\bfois\b|\bmoins\b|divided by|divisé par|multiplied by|multiplié par)\s*\d+[^\p{L}]*$/iu,
    ],
  ],
  [
    'harm',
    [
      W(
        String.raw`(?:how (?:to|do i|do you|can i|could i|would i|does one|can one)|comment (?:puis-je |peut-on |on peut |je peux )?|ways? to|steps? to|instructions? (?:for|to|pour)|recette (?:de|d'|pour)|recipe for|étapes pour|manière de|façon de)\s*(?:make|build|assemble|manufacture|synthesi[sz]e|produce|obtain|buy|fabriquer|construire|assembler|produire|obtenir|acheter|faire|préparer|prepare)\b[^?.!]{0,30}\b(?:bombs?|bombes?|explosi\p{L}*|weapons?|armes?|guns?|poisons?|ricin|sarin|nerve agents?|détonateurs?|detonators?|grenades?|napalm|toxines?|toxins?|piégé\p{L}*|booby[- ]?traps?|IEDs?)`,
      ),
      W(String.raw`(?:how (?:to|do i|can i)|comment (?:puis-je |peut-on |je peux )?)\s*(?:hack|pirater|break into|crack|s'introduire dans)\b`),
    ],
  ],
  [
    'roleplay',
    [
      W(
        String.raw`role[- ]?play|jeu de rôles?|pretend (?:to be|you are|that you)|imagine (?:that )?you are|fais semblant|imagine que tu es|tu joues le rôle|play the role|joue le rôle|act as (?:a|an|my)|from now on,? you are|à partir de maintenant,? tu es|désormais,? tu es`,
      ),
    ],
  ],
  [
    // A request to answer without the texts ("from memory", « oublie le corpus ») asks for what this assistant does not give: an unsourced answer.
    'unsourced',
    [
      W(
        String.raw`from memory|de mémoire|answer freely|réponds? librement|répondez librement|(?:from|using|with) your (?:own |general )?knowledge|(?:de|avec) (?:tes|vos) (?:propres )?connaissances|(?:forget|ignore|disregard|set aside|put aside|without (?:using|consulting|looking at|reading)) (?:your|the|all|these|those) (?:documents|texts|sources|corpus)|(?:oublie[rz]?|ignore[rz]?|laisse[rz]? de côté|sans (?:consulter|utiliser|regarder|lire)) (?:le|les|tes|vos|ces|ton|votre) (?:documents|textes|sources|corpus)`,
      ),
    ],
  ],
  [
    'everyday',
    [
      W(
        String.raw`recipes? (?:for|of)|(?:la|une|ta|votre|ma) recette (?:de|du|des|d')|how (?:do i|to|can i|should i) (?:cook|bake)|comment (?:cuisiner|faire cuire)|weather (?:forecast|today|tomorrow)|what(?:'s| is) the weather|quel temps fera-t-il|quel temps fait-il|(?:prévisions? )?météo (?:de|du|pour|à|d')|horoscopes?|lottery numbers|numéros du loto|who won (?:the|last) (?:match|game|cup|world cup|final|super bowl)|qui a gagné (?:le match|la coupe|la finale)|recommend (?:me )?(?:a|some) (?:movies?|films?|books?|restaurants?|songs?)|(?:conseille|recommande)-moi (?:un|une|des) (?:films?|livres?|restaurants?|chansons?)`,
      ),
    ],
  ],
];

/**
 * Per kind, words one of which every match of its patterns contains, with the same flags: a message without any is not
 * of the kind, found at a fraction of the cost of the patterns (which try every position of the message).
 */
const NEEDS: Record<OffTaskKind, RegExp> = {
  credentials: /passw|de passe|credential|identifiant|api|access token|secret key|admin/iu,
  code: /write|give me|generate|show me|écri|rédige|génère|donne-moi|```|how do|how can|comment/iu,
  creative: /joke|blague|poem|poèm|poésie|haiku|limerick|riddle|devinette|song|chanson|histoire drôle|funny story|raconte|tell me a story/iu,
  arithmetic: /square root of|racine carrée de|\d|multipli|divi|combien f/iu,
  harm: /bomb|explosi|weapon|arme|gun|poison|ricin|sarin|nerve agent|détonateur|detonator|grenade|napalm|toxin|piégé|booby|ied|hack|pirater|break into|crack|s'introduire dans/iu,
  roleplay: /role|rôle|pretend|imagine|fais semblant|act as|from now on|à partir de maintenant|désormais/iu,
  unsourced: /memory|mémoire|freely|librement|knowledge|connaissances|document|text|source|corpus/iu,
  everyday: /recipe|recette|cook|bake|cuisiner|cuire|weather|temps f|météo|horoscope|lottery|loto|who won|qui a gagné|recommend|conseille-moi|recommande-moi/iu,
};

/**
 * The kind of off-task request a message is, if it is one.
 * @example
 * offTaskKind('What is the administrator password?') // 'credentials'
 * offTaskKind('Que dit le paragraphe 5 ?') // undefined
 */
export function offTaskKind(text: string): OffTaskKind | undefined {
  const t = normaliseApostrophes(text);
  if (onlyMarkup(t)) return 'code';
  return KINDS.find(([kind, res]) => NEEDS[kind].test(t) && res.some((re) => re.test(t)))?.[0];
}

/** HTML elements whose content is code, not text. */
const CODE_ELEMENT = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/giu;
const TAG = /<\/?[a-z][^>]*>/giu;
/** Module-level: esbuild's node20 target rewrites a `\p{…}` literal as `new RegExp(…)`, re-created on every call. */
const LETTER = /\p{L}/u;

/**
 * True when a message is markup and nothing else: once its tags and the content of its script and style elements
 * are removed, no letter is left (`<script>alert(1)</script>` with the injected instruction removed asks nothing).
 * @example
 * onlyMarkup('<script>alert(1)</script>') // true
 * onlyMarkup('<script>alert(1)</script> Quand le Plan a-t-il été adopté ?') // false
 */
export function onlyMarkup(text: string): boolean {
  if (!text.match(TAG)) return false;
  return !LETTER.test(text.replace(CODE_ELEMENT, ' ').replace(TAG, ' '));
}

const DATE_Q = W(
  String.raw`when|what date|which date|by when|what year|which year|deadline|quand|quelle date|à quelle date|d'ici quand|d'ici quelle date|quelle année|en quelle année|date limite|échéances?`,
);
const NUMBER_Q = W(String.raw`how many|how much|what number|what percentage|combien|quel nombre|quel pourcentage|quelle proportion|what proportion`);
/** Date questions that cannot mean "under what conditions": legal texts answer "when may a State…" with conditions, not dates. */
const STRICT_DATE_Q = W(
  String.raw`what date|which date|by when|what year|which year|deadline|quelle date|à quelle date|d'ici quand|d'ici quelle date|quelle année|en quelle année|date limite|échéances?|depuis quand|since when|until when|jusqu'à quand`,
);

/**
 * A bare "when"/"quand" asking when an event took place ("When was the Plan adopted?", « Quand la France l'a-t-elle
 * ratifiée ? »): a past tense, so a date, not the conditions under which something may happen.
 */
const EVENT_DATE_Q =
  /(?<![\p{L}\d])(?:when (?:did|was|were|has|had|have|will)(?![\p{L}\d])|quand\b[^?.!]*?(?:(?<![\p{L}])(?:a|ont)-t-(?:il|elle|ils|elles)\s+(?:été\s+)?\p{L}+(?:é|ée|és|ées|i|ie|is|it|u|ue|us|ert|erte|te)(?![\p{L}])|(?<![\p{L}])(?:fut|furent|sera-t-(?:il|elle)|seront-(?:ils|elles))(?![\p{L}])))/iu;
/**
 * A date question about a past event ("When did France ratify it?", "On which calendar date did it enter into force?",
 * « À quelle date la France l'a-t-elle ratifiée ? »): a calendar date answers it, not the relative time a treaty sets
 * ("the thirtieth day following the deposit"), which answers "when does it enter into force".
 */
const PAST_DATE_Q =
  /(?<![\p{L}\d])(?:(?:when|(?:on|at|by) (?:which|what) (?:calendar )?date|what date|which date|(?:in )?(?:what|which) year)\s+(?:did|was|were|has|had|have)(?![\p{L}\d])|calendar date|date calendaire|(?:quand|quelle date|quelle année)\b[^?.!]*?(?:(?<![\p{L}])(?:a|ont)-t-(?:il|elle|ils|elles)\s+(?:été\s+)?\p{L}+(?:é|ée|és|ées|i|ie|is|it|u|ue|us)(?![\p{L}])|(?<![\p{L}])(?:fut|furent)(?![\p{L}])))/iu;

/** Questions asking under what conditions: a bare "when" there means "in which cases". */
const CONDITIONS_Q = W(String.raw`in what circumstances|under what conditions|in which cases|dans quelles? (?:circonstances|conditions|cas)|à quelles conditions|sous quelles conditions`);

/** The types a question asks for, each once, in the order `answerTypeOf` weighs them. */
const ASKED: Array<[AnswerType, (q: string) => boolean]> = [
  ['duration', (q) => DURATION_Q.test(q)],
  ['amount', (q) => AMOUNT_Q.test(q)],
  ['date', (q) => STRICT_DATE_Q.test(q) || (EVENT_DATE_Q.test(q) && !CONDITIONS_Q.test(q))],
  ['number', (q) => NUMBER_Q.test(q)],
];

/**
 * The answer types `decide` requires of the paragraphs it would cite: the question's own type (`expects`), except a
 * date asked by a bare "when"/"quand" in the present (a condition as often as a date in legal phrasing: "when may a
 * State establish jurisdiction", « quand on incrimine »), plus every further duration, sum, date or count the question
 * asks ("How many States ratified it, and when did France?"). A past-tense "when" asks for a date.
 * @example
 * checkedAnswerTypes('When may a State establish jurisdiction?', 'date') // []
 * checkedAnswerTypes('When was the Plan adopted?', 'date') // ['date']
 * checkedAnswerTypes('Combien d’États l’ont ratifiée, et quand la France l’a-t-elle fait ?', 'date') // ['date', 'number']
 */
export function checkedAnswerTypes(question: string, expects: AnswerType | undefined): CheckedAnswerType[] {
  const q = normaliseApostrophes(question);
  // A penalty asked for by name ("what penalty", « quelle peine ») needs no other type; a length of time or a sum asked for is stricter.
  const penalty: CheckedAnswerType[] = [...(PENALTY_Q.test(q) ? (['penalty'] as const) : []), ...(DEFINITION_Q.test(q) ? (['definition'] as const) : [])];
  if (!expects) return penalty;
  const asked = ASKED.filter(([, test]) => test(q)).map(([type]) => type);
  // A sum of money is a number too, and a length of time counts its units: no separate count.
  const types: CheckedAnswerType[] = asked.includes('amount') || asked.includes('duration') ? asked.filter((t) => t !== 'number') : [...asked, ...penalty];
  if (expects === 'agent') return ['agent', ...types];
  return types;
}

/** A penalty asked for: "what penalty", "what prison sentence", "how is … punished", « quelle peine », « de quelle peine … est-il passible », « que risque … ». */
const PENALTY_Q = W(
  String.raw`what (?:is the |are the )?(?:maximum |minimum |possible )?(?:penalt(?:y|ies)|punishments?|(?:prison |jail )?sentences?|prison terms?|terms? of imprisonment)|how (?:is|are) [^?.!]{1,60}? punished|what (?:does|do|can|could) [^?.!]{1,60}? (?:risk|incur)|punishable by what|quel(?:le)?s? (?:est la |sont les )?(?:peines?|sanctions? pénales?)|de quelle peine|combien d'années de prison|(?:que|qu'est-ce qu'|qu'est-ce que) (?:risque|encour\p{L}*)|comment (?:est|sont) (?:puni|sanctionné)\p{L}*`,
);
/** A penalty as the texts state it: a word of punishment ("imprisonment", « emprisonnement », "fine", « amende », "liable", « passible ») with its length, its sum, or "life" / « perpétuité ». */
const PENALTY_WORD = W(
  String.raw`imprison\p{L}*|emprisonnement|réclusion|détention criminelle|prison|amendes?|fines?|fined|punishable|liable|puni\p{L}*|passibles?|peines?|penalt\p{L}*|sentenced?|condamn\p{L}*`,
);
/** A definition asked for: "how does X define", "what is meant by", "what counts as", « quelle définition », « comment … définit-il », « qu'entend-on par ». */
const DEFINITION_Q = W(
  String.raw`(?:what|which) (?:is the |legal )?definitions?|how (?:does|do|is|are) [^?.!]{1,80}? defined?|what is meant by|what counts as|quelles? (?:est la )?définitions?|comment [^?.!]{1,80}? défini\p{L}*|qu'entend(?:-on| [^?.!]{1,80}?) par|que (?:signifie|désigne) (?:le terme|l'expression)`,
);
/** A definition as the texts give one: "means", "is defined", "refers to", « on entend par », « s'entend », « désigne », « au sens de », « constitue un acte / une infraction ». */
const DEFINING = W(
  String.raw`means?|shall mean|is defined|are defined|defined (?:as|in)|refers? to|(?:is|are) deemed|consists? (?:of|in)|[»”"]\s*(?:includes?|inclut|comprend)|on entend par|s'entend(?:ent)?|désignent?|au sens (?:du|de la|de l'|des)|est (?:défini|considéré|réputé)e?s? comme|sont (?:définis|considérés|réputés) comme|est réputée?|sont réputée?s|consiste (?:à|en)|(?:est|sont) le fait de|constituent? (?:un|une|des|l'|le|la) (?:actes?|infractions?|crimes?|délits?)`,
);
/** A statute's definition entry: a unit or sentence opening on a quoted term (« « groupe terroriste » Selon le cas : », "“entity” means"). */
const DEFINITION_ENTRY = /(?:^|[.:;]\s+|\n)\s*(?:\(\w+\)\s*)?[«“"][^»”"]{2,80}[»”"]\s+\p{L}/u;
const LIFE = W(String.raw`life|perpétuité|à vie`);

/** A sum of money: "quel montant", "what amount", "how much money", "what is the maximum fine". */
const AMOUNT_Q = W(
  String.raw`quel(?:le)?s? (?:est le |sont les |est l'|sont les )?(?:montants?|sommes?|amendes?)|what (?:is the )?(?:amounts?|sum)|how much money|(?:what|which|how large a|how big a) (?:is the |are the )?(?:maximum |minimum |highest |lowest )?fines?`,
);
/**
 * A length of time: "how long", "combien de temps", "quelle durée", « quel est le délai », "what is the time limit",
 * "how many days". The interrogative may name the noun directly (« quel délai ») or through the copula and its
 * article (« quelle est la durée », « quels sont les délais », "what is the maximum period").
 */
const DURATION_Q = W(
  String.raw`how long|combien de temps|quel(?:le)?s? (?:(?:est|sont) (?:la |le |les |l')?)?(?:durée|délai|période)s?|(?:what|which) (?:is|are|was|were) the (?:maximum |minimum |longest |shortest )?(?:duration|period|length|time limit|time period|time frame|timeframe)s?|what (?:maximum |minimum )?(?:duration|period|length of time|time limit)|within what (?:time|period)|how many (?:hours|days|weeks|months|years)|combien (?:de |d')(?:heures|jours|semaines|mois|ans|années)`,
);
const AGENT_Q =
  /^(?:\s*(?:et|and|mais|but)\s*,?)?\s*(?:who(?:m|se)?|qui|par qui|à qui|avec qui|by whom|with whom)(?![\p{L}\d])|(?<![\p{L}\d])(?:which|what)(?: \p{L}+)? (?:body|bodies|organi[sz]ations?|institutions?|entity|entities|agency|agencies|countr(?:y|ies)|states?)(?![\p{L}\d])|(?<![\p{L}\d])(?:quel(?:le)?s?|avec quel(?:le)?s?) (?:organismes?|organisations?|institutions?|entités?|agences?|pays|États?)(?![\p{L}\d])/iu;

/**
 * The kind of answer a question asks for: a length of time ("how long", "combien de temps"), a sum of money ("quel montant"), a date ("when", "quand"),
 * a number ("how many", "combien"), a body or person ("who", "qui").
 * @example
 * answerTypeOf('Combien de séances ?') // 'number'
 */
export function answerTypeOf(question: string): AnswerType | undefined {
  const q = normaliseApostrophes(question);
  if (DURATION_Q.test(q)) return 'duration';
  if (AMOUNT_Q.test(q)) return 'amount';
  if (DATE_Q.test(q)) return 'date';
  if (NUMBER_Q.test(q)) return 'number';
  if (AGENT_Q.test(q)) return 'agent';
  return undefined;
}

/** Dates as the texts write them: "31 décembre 2002", "décembre 2001", "19 September 2011", "in 2002". */
export const DATE_PATTERN =
  /\b(?:\d{1,2}(?:er)?\s+)?(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4}\b|\b\d{1,2}\/\d{1,2}\/\d{4}\b|\b(?:en|in|pour|for|d'ici|by)\s+(?:19|20)\d{2}\b/iu;
/** A count: digits that are not a year, or a number word from two up ("un", "one" are articles as often as counts). */
const NUMBER = W(
  String.raw`(?!(?:1[89]|20)\d{2}(?!\d))\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|cent|mille|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|hundred|thousand|dozens?|douzaines?`,
);
const AGENT = /(?:^|[^.!?]\s)\p{Lu}[\p{L}'-]+|\b\p{Lu}{2,}\b/u;

/** A length of time: a count followed by a unit of time ("96 heures", "two years", "un an"). */
const DURATION = W(
  String.raw`(?:\d+|une?|one|a|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|dix-sept|dix-huit|dix-neuf|vingt|trente|quarante|cinquante|soixante|quatre-vingt-seize|two|three|four|five|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|ninety)(?:[\s-]+\p{L}+){0,2}\s+(?:minutes?|heures?|jours?|semaines?|mois|ans|années?|décennies?|seconds?|hours?|days?|weeks?|months?|years?|decades?)`,
);
/** A sum of money: digits or a number word with a currency ("500 000 $", "$250,000", "10 000 euros", "twenty-five thousand dollars"). */
const AMOUNT =
  /(?:[$€£]\s?\d|(?:\d[\d\s.,\u00a0\u202f]*|(?<![\p{L}])(?:hundred|thousand|million|billion|cents?|mille|millions?|milliards?)\s+(?:de\s+|d')?)\s?(?:[$€£]|dollars?|euros?|francs?|livres?|pounds?)(?![\p{L}]))/iu;
/** When an event happens: a day of a month without the year ("le 2 décembre"), or relative to another event ("the thirtieth day following", "at its eighty-first session", "dans un délai de"). */
const RELATIVE_TIME = W(
  String.raw`\d{1,2}(?:er)?\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}|[\p{L}-]*(?:first|second|third|th|ième|ieme)\s+(?:\p{L}+\s+)?(?:session|day|jour|séance|anniversary|anniversaire)|dans (?:un|le) délai|within|au plus tard|no later than|upon|dès`,
);
/** Numbers that identify rather than count: references (article 5, § 1189, resolution 80/41, L. 224-1, 83.18) and list markers ("(2)", "1. "). */
const UNIT_WORD = String.raw`(?:articles?|art\.|sections?|paragraph[es]*|paragraphes?|§+|r[ée]solutions?|alin[ée]as?|chap(?:itre|ter)s?|titres?|titles?|annex(?:es?)?|parts?|parties|no\.|n°|ch\.|c\.|[LRD]\.|s\.)`;
const IDENTIFIERS = new RegExp(String.raw`\(\d{1,3}\)|(?<![^\s])\d{1,3}\.(?=\s)|(?:(?<![\p{L}\d])${UNIT_WORD}\s*)?\d+(?:[./-]\d+)+\b|(?<![\p{L}\d])${UNIT_WORD}\s*\d+\p{L}?\b`, 'giu');

/** Dates, every one of a text (module-level: built once, not per call). */
const DATES = new RegExp(DATE_PATTERN.source, 'giu');

/** A paragraph without its dates and references: the same for every question, read once per text. */
const withoutIdentifiers = new BoundedMemo<string, string>(10_000);
/** The pattern of one number the question gives (a whole run of digits), built once per number. */
const questionNumbers = new BoundedMemo<string, RegExp>(1_000);
const wholeNumber = (n: string) => new RegExp(`(?<![\\d])${n}(?![\\d])`, 'g');

/** The text without what is not an answer to "how many": dates, references, and the numbers the question itself gives. */
function countsOnly(text: string, question?: string): string {
  let t = withoutIdentifiers.get(text, (x) => x.replace(DATES, ' ').replace(IDENTIFIERS, ' '));
  for (const n of new Set(question?.match(/\d+/g) ?? [])) t = t.replace(questionNumbers.get(n, wholeNumber), ' ');
  return t;
}

/**
 * True when a text holds an answer of the type: a date, a number, a named body, a length of time, a sum of money.
 * With the question (`decide`), dates also include relative times (unless it asks when a past event took place), and a count is not a date, a reference or a number of the question.
 * @example
 * holdsAnswerType('Adopted on 3 June 2002.', 'date') // true
 * holdsAnswerType('See resolution 80/41.', 'number', 'How many States voted for resolution 80/41?') // false
 */
export function holdsAnswerType(text: string, type: CheckedAnswerType, question?: string): boolean {
  if (type === 'definition') return DEFINING.test(normaliseApostrophes(text)) || DEFINITION_ENTRY.test(text);
  if (type === 'penalty') return PENALTY_WORD.test(text) && (LIFE.test(text) || holdsAnswerType(text, 'duration') || holdsAnswerType(text, 'amount'));
  if (question !== undefined && type === 'number') return NUMBER.test(countsOnly(text, question));
  if (question !== undefined && type === 'date' && !PAST_DATE_Q.test(question) && (RELATIVE_TIME.test(text) || DURATION.test(text))) return true;
  const cache = holds[type];
  let found = cache.get(text);
  if (found === undefined) {
    found = PATTERNS[type].test(text);
    if (cache.size >= 10_000) cache.clear();
    cache.set(text, found);
  }
  return found;
}

/** Answers per text and type: the texts asked about are the corpus's paragraphs, asked again for every question. */
const holds: Record<AnswerType, Map<string, boolean>> = { date: new Map(), number: new Map(), agent: new Map(), duration: new Map(), amount: new Map() };
const PATTERNS: Record<AnswerType, RegExp> = { date: DATE_PATTERN, number: NUMBER, agent: AGENT, duration: DURATION, amount: AMOUNT };
