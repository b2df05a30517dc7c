#!/usr/bin/env node
// Independent check of a real-document suite (evals/suites/documents.jsonl by default, or documents-2.jsonl) against
// the files in this folder.
// It does NOT use the project's segmenter: each document is cut into its own top-level units with a simple,
// document-specific rule (the heading patterns below), then
//   - the unit counts are compared with `ownUnits` in documents.json;
//   - every gold entry must name an existing document and unit, and its goldQuotes fragment must occur in that
//     unit (case-, whitespace- and apostrophe-insensitive; accents are kept), and in no earlier unit by mistake.
// Usage: node evals/documents/check-quotes.mjs [suite.jsonl]   (exit 1 on any problem)
//        node evals/documents/check-quotes.mjs evals/suites/documents-2.jsonl
//        node evals/documents/check-quotes.mjs evals/suites/documents-3.jsonl
//        node evals/documents/check-quotes.mjs evals/suites/documents-4.jsonl
//        node evals/documents/check-quotes.mjs evals/suites/documents-5.jsonl
//        node evals/documents/check-quotes.mjs evals/suites/documents-7.jsonl
//        node evals/documents/check-quotes.mjs evals/suites/documents-8.jsonl
//        node evals/documents/check-quotes.mjs evals/suites/documents-9.jsonl
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const suitePath = process.argv[2] ?? join(here, '..', 'suites', 'documents.jsonl');
const docs = JSON.parse(readFileSync(join(here, 'documents.json'), 'utf8'));

/** Plain text lines of a file: HTML tags removed (block tags become line breaks), entities decoded. */
function textLines(file) {
  let t = readFileSync(join(here, file), 'utf8');
  if (file.endsWith('.html')) {
    t = t.replace(/<(\/?)(p|h[1-6]|li|ul|div|main|details|summary|tr|br)\b[^>]*>/gi, '\n').replace(/<[^>]+>/g, '');
    t = t
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  }
  return t
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

// Unit start patterns by numbering kind. A unit runs until the next unit start or an end marker.
const rules = {
  'un-resolution': (lines) => {
    const units = [];
    let inPreamble = false;
    let p = 0;
    for (const l of lines) {
      if (/^The General Assembly,$/.test(l)) {
        inPreamble = true;
        continue;
      }
      if (/^\d+(st|nd|rd|th) plenary meeting/.test(l) || l === '---') break;
      const m = /^(\d+)\.\s/.exec(l);
      if (m) {
        inPreamble = false;
        units.push({ label: m[1], text: l });
        continue;
      }
      if (inPreamble) {
        units.push({ label: `P${++p}`, text: l });
        continue;
      }
      if (units.length && !inPreamble) units[units.length - 1].text += `\n${l}`;
    }
    return units;
  },
  article: (lines) => cut(lines, /^(?:#+\s*)?Article\s+(\d+)$/, /^(?:#+\s*)?(Annex|Appendix)$/),
  'csi-article': (lines) => cut(lines, /^Article\s+(L\d+(?:-\d+)+)$/, null, /^Chapitre\s/),
  'ca-section-md': (lines) => cut(lines, /^###\s+(\d+(?:\.\d+)?)\s+\S/, null),
  'ca-section-html': (lines) => cut(lines, /^(\d+(?:\.\d+)?)\s+\S/, null),
  'usc-section': (lines) => cut(lines, /^§\s*(\d+)\.\s/, null),
  // Plain-text French Criminal Code extract: an article starts with a line "83.01 Définitions" (always a decimal number).
  'cc-section-txt': (lines) => cut(lines, /^(\d+\.\d+)\s+\S/, null),
  // Code de procédure pénale extract (Markdown): "###### Article 706-16" (number with hyphen, no "L"); section headings skipped.
  'cpp-article': (lines) => cut(lines, /^#+\s*Article\s+(\d+(?:-\d+)+)$/, null, /^#+\s*Section\s/),
  // Code de la défense extract (plain text): "Article L1332-6-1"; chapter and section headings skipped.
  'defense-article': (lines) => cut(lines, /^Article\s+(L\d+(?:-\d+)+)$/, null, /^(Chapitre|Section)\s/),
  // Charities Registration (Security Information) Act: a section heading may be a bare number ("9", repealed section).
  // Markdown (French version): "### 4 Signature par…" or "### 9"; plain text (English version): "4 Signature by Ministers" or "9".
  'ca-section-md-bare': (lines) => cut(lines, /^###\s+(\d+)(?:\s+\S.*)?$/, null),
  'ca-section-txt-bare': (lines) => cut(lines, /^(\d+)(?:\s+[A-Z]\S*.*)?$/, null),
  // ICAO Plastic Explosives Convention (plain text): "Article I" … "Article XV" (Roman numerals); the Technical annex
  // after Article XV (parts "PART 1", "PART 2" with paragraphs "I", "II", "III") is not a unit and ends the cut.
  'roman-article': (lines) => cut(lines, /^Article\s+([IVXLC]+)$/, /^Technical annex$/i),
  // CESEDA extract (Markdown): "#### Article L521-1"; title and chapter headings ("## TITRE II", "### Chapitre Ier") skipped.
  'md-l-article': (lines) => cut(lines, /^#+\s*Article\s+(L\d+(?:-\d+)+)$/, null, /^#+\s*(Livre|Titre|Chapitre|Section)\b/i),
  // CSI regulatory part (Markdown): "#### Article R222-1" (an R article, issued by décret); partie, livre, titre and
  // chapter headings ("## LIVRE II", "### Chapitre IV : …") skipped.
  'md-r-article': (lines) => cut(lines, /^#+\s*Article\s+(R\d+(?:-\d+)+)$/, null, /^#+\s*(Partie|Livre|Titre|Chapitre|Section)\b/i),
  // Hostages Convention (plain text): lines "Article 1" … "Article 20"; the testimonium ("IN WITNESS WHEREOF") ends
  // the last article and is not a unit.
  'txt-article-testimonium': (lines) => cut(lines, /^Article\s+(\d+)$/, /^IN WITNESS WHEREOF/),
  // Code de la défense, nuclear materials (Markdown): "###### Article L1333-13-4" (up to three number parts); the
  // headings of partie, livre, titre, chapitre, section, sous-section and paragraphe ("###### Paragraphe 2 : Sanctions
  // pénales", at the same level as the articles) are skipped.
  'md-l-article-deep': (lines) =>
    cut(lines, /^#+\s*Article\s+(L\d+(?:-\d+)+)$/, null, /^#+\s*(Partie|Livre|Titre|Chapitre|Section|Sous-section|Paragraphe)\b/i),
  // SUA Convention as amended in 2005 (plain text): lines "Article 1" … "Article 16", with articles inserted by the
  // 2005 Protocol written with a glued Latin suffix ("Article 2bis", "Article 3quater", "Article 11ter").
  'txt-article-latin-suffix': (lines) => cut(lines, /^Article\s+(\d+(?:bis|ter|quater)?)$/, null),
  // Code de procédure pénale, criminalité organisée (HTML): "<h6>Article 706-87-1</h6>" becomes a line "Article 706-87-1"
  // after tag removal (hyphenated number, no "L"); livre, titre, chapitre and section headings skipped.
  'html-cpp-article': (lines) => cut(lines, /^Article\s+(\d+(?:-\d+)+)$/, null, /^(Livre|Titre|Chapitre|Section)\s/),
};

function cut(lines, start, end, skip) {
  const units = [];
  for (const l of lines) {
    if (end && end.test(l)) break;
    const m = start.exec(l);
    if (m) {
      units.push({ label: m[1], text: '' });
      continue;
    }
    if (!units.length) continue;
    if (skip && skip.test(l)) continue;
    units[units.length - 1].text += `\n${l}`;
  }
  return units;
}

// Which rule cuts which document (by documents.json id).
const RULE_FOR = {
  'un-ga-res-80-41': 'un-resolution',
  'un-financing-terrorism-convention-1999': 'article',
  'coe-prevention-terrorism-convention-2005': 'article',
  'ca-secure-air-travel-act': 'ca-section-md',
  'ca-loi-surete-deplacements-aeriens': 'ca-section-html',
  'fr-csi-lutte-contre-le-terrorisme': 'csi-article',
  'us-usc-8-1189': 'usc-section',
  'ca-criminal-code-part-ii1-terrorism': 'ca-section-md',
  'ca-code-criminel-partie-ii1-terrorisme': 'cc-section-txt',
  'fr-cpp-titre-xv-terrorisme-1986': 'cpp-article',
  'coe-suppression-terrorism-convention-1977': 'article',
  'ca-security-of-canada-information-disclosure-act': 'ca-section-html',
  'fr-code-defense-installations-importance-vitale': 'defense-article',
  'fr-cmf-titre-vi-blanchiment-2006': 'defense-article',
  'ca-charities-registration-security-information-act': 'ca-section-txt-bare',
  'ca-loi-enregistrement-organismes-bienfaisance-securite': 'ca-section-md-bare',
  'icao-plastic-explosives-marking-convention-1991': 'roman-article',
  // Code des assurances extract (HTML): lines "Article L422-1" after tag removal; chapter and section headings skipped.
  'fr-code-assurances-fonds-garantie-victimes-terrorisme': 'defense-article',
  'fr-ceseda-livre-v-titre-ii-expulsion': 'md-l-article',
  'fr-csi-videoprotection': 'csi-article',
  'ca-special-economic-measures-act': 'ca-section-md',
  'fr-csi-partie-reglementaire-terrorisme': 'md-r-article',
  'un-hostages-convention-1979': 'txt-article-testimonium',
  'fr-code-defense-matieres-nucleaires': 'md-l-article-deep',
  // Terrorist Bombings Convention (HTML): "<h2>Article 1</h2>" … "<h2>Article 24</h2>" become lines "Article N" after
  // tag removal; the testimonium ("IN WITNESS WHEREOF") ends the last article.
  'un-terrorist-bombings-convention-1997': 'txt-article-testimonium',
  'imo-sua-convention-maritime-navigation': 'txt-article-latin-suffix',
  'fr-cpp-criminalite-organisee-techniques-enquete': 'html-cpp-article',
};
const norm = (s) =>
  s
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
const problems = [];
const unitsByDoc = new Map();
for (const d of docs) {
  const rule = rules[RULE_FOR[d.id]];
  if (!rule) {
    problems.push(`${d.id}: no check rule`);
    continue;
  }
  const units = rule(textLines(d.file));
  unitsByDoc.set(d.id, units);
  for (const own of d.ownUnits) {
    const got = units.filter((u) => (own.kind === 'preamble clause' ? /^P\d+$/.test(u.label) : !/^P\d+$/.test(u.label)));
    const labels = got.map((u) => u.label);
    if (labels.length !== own.count || labels[0] !== own.first || labels.at(-1) !== own.last) {
      problems.push(`${d.id}: ownUnits ${own.kind} says ${own.count} (${own.first}…${own.last}), parsed ${labels.length} (${labels[0]}…${labels.at(-1)})`);
    }
    if (new Set(labels).size !== labels.length) problems.push(`${d.id}: duplicate unit labels`);
  }
}

const items = readFileSync(suitePath, 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.trim() && !l.trim().startsWith('//'))
  .map((l, i) => {
    try {
      return JSON.parse(l);
    } catch (e) {
      problems.push(`line ${i + 1}: ${e.message}`);
      return null;
    }
  })
  .filter(Boolean);
let checked = 0;
for (const it of items) {
  (it.gold ?? []).forEach((g, j) => {
    const units = unitsByDoc.get(g.documentId);
    if (!units) {
      problems.push(`${it.id}: unknown document ${g.documentId}`);
      return;
    }
    const unit = units.find((u) => u.label === g.paragraph);
    if (!unit) {
      problems.push(`${it.id}: ${g.documentId} has no unit ${g.paragraph}`);
      return;
    }
    const q = it.goldQuotes?.[j];
    if (!q) {
      problems.push(`${it.id}: no goldQuote for gold[${j}]`);
      return;
    }
    const words = q.trim().split(/\s+/).length;
    if (words < 4 || words > 14) problems.push(`${it.id}: goldQuote ${j} has ${words} words`);
    if (!norm(unit.text).includes(norm(q))) {
      const elsewhere = units.filter((u) => norm(u.text).includes(norm(q))).map((u) => u.label);
      problems.push(`${it.id}: «${q}» not in ${g.documentId} ${g.paragraph}${elsewhere.length ? ` (found in ${elsewhere.join(', ')})` : ' (not found at all)'}`);
    }
    checked++;
  });
}
console.log(`${docs.length} documents, ${items.length} items, ${checked} gold quotes checked`);
for (const [id, units] of unitsByDoc) console.log(`  ${id}: ${units.length} units (${units[0]?.label}…${units.at(-1)?.label})`);
if (problems.length) {
  console.error(`${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log('all quotes found in their units');
