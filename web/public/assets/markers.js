/**
 * Citation markers and quote matching, shared by the browser UI and the server-rendered pages.
 * Plain ES module, no DOM: turns "… [Plan d'action de Bucarest, §5] …" or "… [1] …" into segments,
 * never HTML. Types in markers.d.ts.
 */

const MARKER = /\[([^[\]\n]{1,240})\]/g;
const REFS = /^\s*\d{1,3}(?:\s*[,;]\s*\d{1,3})*\s*$/;
const LABEL =
  /(?:§{1,2}|¶|\bparagraphes?\b\.?|\bparagraphs?\b\.?|\bpara\.|\bpar\.|\bart\.|\barticles?\b|\brecommandations?\b|\brecommendations?\b|\bconsidérants?\b|\brecitals?\b|\bpréambule\b|\bpreamble\b|\bannexe?\b)\s*((?:[LRD]\.\s?)?[A-Za-z]?\d{1,5}(?:-\d+)*[A-Za-z]?|\(\d{1,3}\))(?![\p{L}\p{N}])(?:(?:\s*\([a-zA-Z0-9]{1,4}\))+|(?:,\s*(?:[IVXL]{1,5}|\d{1,3}°|[a-z]\)))+|\s[a-z]\))?/giu;
const JOINER = /^[\s,]*(?:et|and|&)?[\s,]*$/i;

/** Parses one `;`-separated part of a marker: optional title, then one or more paragraph labels. */
function parsePart(part) {
  let pos = 0;
  let title = '';
  const labels = [];
  for (const lm of part.matchAll(LABEL)) {
    const between = part.slice(pos, lm.index);
    if (labels.length === 0) title = between.trim().replace(/[\s,:]+$/, '');
    else if (!JOINER.test(between)) return null;
    labels.push(lm[1]);
    pos = lm.index + lm[0].length;
  }
  if (labels.length === 0 || part.slice(pos).trim()) return null;
  return { title, labels };
}

/**
 * Lower-cases, folds accents and apostrophes, collapses punctuation: a key for loose comparisons.
 * @param {string} s
 * @returns {string}
 */
export function foldKey(s) {
  return String(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function docTitles(doc) {
  if (!doc) return [];
  return [doc.title, doc.shortTitle, doc.titleEn, doc.shortTitleEn].filter(Boolean);
}

function titleMatches(key, candidates) {
  if (!key) return false;
  for (const c of candidates) {
    const k = foldKey(c);
    if (!k) continue;
    if (k === key || k.includes(key) || key.includes(k)) return true;
  }
  return false;
}

function resolvePart(title, label, citations, documents) {
  const key = foldKey(title);
  const sameLabel = citations.filter((c) => String(c.paragraph) === label);
  if (key) {
    const hit = sameLabel.find((c) => titleMatches(key, [c.documentTitle, ...docTitles(documents.find((d) => d.id === c.documentId))]));
    if (hit) return { citation: hit, documentId: hit.documentId, paragraph: hit.paragraph };
    const doc = documents.find((d) => titleMatches(key, docTitles(d)));
    if (doc) return { citation: null, documentId: doc.id, paragraph: label };
    return null;
  }
  if (sameLabel.length > 0) return { citation: sameLabel[0], documentId: sameLabel[0].documentId, paragraph: label };
  return null;
}

/**
 * Splits an answer into text and citation segments.
 * `[n]` refers to `citation.ref`; `[Title, §5]` (also `§ 5`, `para. 5`, several parts joined by `;`)
 * is matched to a citation by title and paragraph label, else to a known document.
 * Markers that match nothing stay as text. With `lang`, every chip is named as {@link citationLabel} names
 * the source in that UI language (so chips and source lists agree); without it, a title marker keeps its words.
 * @param {string} text
 * @param {Array<{ref:number, documentId:string, documentTitle:string, paragraph:string}>} [citations]
 * @param {Array<{id:string, title:string, shortTitle:string, titleEn?:string, shortTitleEn?:string}>} [documents]
 * @param {'fr'|'en'} [lang]
 * @returns {Array<{type:'text', text:string} | {type:'cite', label:string, citation:object|null, documentId:string, paragraph:string}>}
 * @example
 * splitAnswer('Voir [Plan, §5].', [{ ref: 1, documentId: 'p', documentTitle: 'Plan', paragraph: '5', text: '…' }])
 * // [{type:'text',text:'Voir '}, {type:'cite',label:'Plan, §5',…}, {type:'text',text:'.'}]
 */
export function splitAnswer(text, citations = [], documents = [], lang) {
  const out = [];
  let last = 0;
  const pushText = (t) => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (prev && prev.type === 'text') prev.text += t;
    else out.push({ type: 'text', text: t });
  };
  for (const m of String(text).matchAll(MARKER)) {
    const inner = m[1];
    const cites = [];
    if (REFS.test(inner)) {
      for (const n of inner.split(/[,;]/).map((x) => Number(x.trim()))) {
        const c = citations.find((x) => x.ref === n);
        if (!c) {
          cites.length = 0;
          break;
        }
        cites.push({ type: 'cite', label: citationLabel(c, documents, lang), citation: c, documentId: c.documentId, paragraph: String(c.paragraph) });
      }
    } else {
      let title = '';
      for (const part of inner.split(/\s*;\s*/)) {
        const parsed = parsePart(part);
        if (!parsed) {
          cites.length = 0;
          break;
        }
        if (parsed.title) title = parsed.title;
        let ok = true;
        for (const label of parsed.labels) {
          const r = resolvePart(title, label, citations, documents);
          if (!r) {
            ok = false;
            break;
          }
          const shown = lang
            ? citationLabel(
                { documentId: r.documentId, documentTitle: r.citation ? r.citation.documentTitle : title, paragraph: label, locator: r.citation ? r.citation.locator : undefined },
                documents,
                lang,
              )
            : title
              ? `${title}, ${(r.citation && r.citation.locator) || `§${label}`}`
              : citationLabel(r.citation, documents);
          cites.push({ type: 'cite', label: shown, ...r });
        }
        if (!ok) {
          cites.length = 0;
          break;
        }
      }
    }
    if (cites.length === 0) continue;
    pushText(text.slice(last, m.index));
    out.push(...cites);
    last = m.index + m[0].length;
  }
  pushText(String(text).slice(last));
  return out;
}

/**
 * The short human label of a citation: "Plan d'action de Bucarest, §5".
 * @param {{documentId:string, documentTitle:string, paragraph:string}} citation
 * @param {Array<{id:string, shortTitle:string, shortTitleEn?:string}>} [documents]
 * @param {'fr'|'en'} [lang]
 * @returns {string}
 */
export function citationLabel(citation, documents = [], lang) {
  const doc = documents.find((d) => d.id === citation.documentId);
  const title = doc ? (lang === 'en' && doc.shortTitleEn) || doc.shortTitle : citation.documentTitle || citation.documentId;
  return `${title}, ${citation.locator || `§${citation.paragraph}`}`;
}

function foldWithMap(s) {
  let out = '';
  const map = [];
  let space = true;
  for (let i = 0; i < s.length; i++) {
    let ch = s[i]
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    if (/[’‘`´]/.test(ch)) ch = "'";
    if (/[«»“”"]/.test(ch)) ch = '"';
    if (/[\s\u00a0\u202f]/.test(ch)) {
      if (space) continue;
      ch = ' ';
      space = true;
    } else space = false;
    for (const c of ch) {
      out += c;
      map.push(i);
    }
  }
  if (out.endsWith(' ')) {
    out = out.slice(0, -1);
    map.pop();
  }
  return { out, map };
}

/**
 * Finds a quoted sentence inside a paragraph, tolerant of case, accents, apostrophes and whitespace.
 * @param {string} text
 * @param {string|undefined|null} quote
 * @returns {{start:number, end:number} | null} offsets in `text`
 * @example
 * findQuote('Le terrorisme  est une menace.', 'est une menace') // { start: 15, end: 29 }
 */
export function findQuote(text, quote) {
  if (!quote || !text) return null;
  const direct = text.indexOf(quote);
  if (direct >= 0) return { start: direct, end: direct + quote.length };
  const t = foldWithMap(text);
  const q = foldWithMap(quote.replace(/^[\s.…]+|[\s.…]+$/g, '')).out;
  if (q.length < 3) return null;
  const at = t.out.indexOf(q);
  if (at < 0) return null;
  return { start: t.map[at], end: t.map[at + q.length - 1] + 1 };
}

const ELLIPSIS = /\s*(?:\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.)\s*/;

/**
 * Finds every piece of a quote in a paragraph: quotes may join non-adjacent sentences, with or without "…".
 * @param {string} text
 * @param {string|undefined|null} quote
 * @returns {Array<{start:number, end:number}>} ranges in reading order (empty when nothing matches)
 * @example
 * quoteRanges('A un. B deux. C trois.', 'A un. … C trois.') // [{start:0,end:5},{start:14,end:22}]
 */
export function quoteRanges(text, quote) {
  if (!quote || !text) return [];
  const whole = findQuote(text, quote);
  if (whole) return [whole];
  const out = [];
  let offset = 0;
  const pieces = [];
  for (const part of String(quote).split(ELLIPSIS)) {
    if (part.trim().length < 3) continue;
    if (findQuote(text, part)) pieces.push(part);
    else pieces.push(...part.split(/(?<=[.!?;:»])\s+(?=\S)/));
  }
  for (const piece of pieces) {
    if (piece.trim().length < 3) continue;
    const r = findQuote(text.slice(offset), piece);
    if (!r) continue;
    const start = r.start + offset;
    const prev = out[out.length - 1];
    if (prev && /^\s*$/.test(text.slice(prev.end, start))) prev.end = r.end + offset;
    else out.push({ start, end: r.end + offset });
    offset += r.end;
  }
  return out;
}

/**
 * Query parameters locating a quote in a document link: the quote itself when short,
 * else its beginning (`hl`) and its end (`hle`).
 * @param {string|undefined|null} quote
 * @returns {{hl?: string, hle?: string}}
 */
export function quoteLinkParams(quote) {
  if (!quote) return {};
  const parts = String(quote)
    .split(ELLIPSIS)
    .filter((p) => p.trim().length >= 3);
  const q = String(quote).trim();
  if (q.length <= 240 && parts.length <= 1) return { hl: q };
  const first = (parts[0] || q).trim();
  const last = (parts[parts.length - 1] || q).trim();
  return { hl: cutAtWord(first, 100, false), hle: cutAtWord(last, 100, true) };
}

function cutAtWord(s, n, fromEnd) {
  if (s.length <= n) return s;
  if (fromEnd) {
    const tail = s.slice(-n);
    const sp = tail.indexOf(' ');
    return sp > 0 && sp < 30 ? tail.slice(sp + 1) : tail;
  }
  const head = s.slice(0, n);
  const sp = head.lastIndexOf(' ');
  return sp > 70 ? head.slice(0, sp) : head;
}

/**
 * The range from the start of `hl` to the end of `hle` (or of `hl` alone), as built by {@link quoteLinkParams}.
 * @returns {{start:number, end:number} | null}
 */
export function linkRange(text, hl, hle) {
  const a = findQuote(text, hl);
  if (!a) return null;
  if (!hle) return a;
  const b = findQuote(text.slice(a.start), hle);
  return b ? { start: a.start, end: a.start + b.end } : a;
}

/**
 * Cuts text into plain and highlighted segments.
 * @param {string} text
 * @param {Array<{start:number, end:number}>} ranges non-overlapping, in order
 * @returns {Array<{text:string, mark:boolean}>}
 */
export function segmentsByRanges(text, ranges) {
  const out = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start < at || r.end <= r.start) continue;
    if (r.start > at) out.push({ text: text.slice(at, r.start), mark: false });
    out.push({ text: text.slice(r.start, r.end), mark: true });
    at = r.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

/**
 * Splits text around a quote, for rendering with a highlight.
 * @param {string} text
 * @param {string|undefined|null} quote
 * @returns {{before:string, match:string, after:string} | null}
 */
export function splitOnQuote(text, quote) {
  const r = findQuote(text, quote);
  if (!r) return null;
  return { before: text.slice(0, r.start), match: text.slice(r.start, r.end), after: text.slice(r.end) };
}
