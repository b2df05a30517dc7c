import { decodeHTML } from 'entities';
import { deadlineTicker, DEFAULT_LIMITS, limitError, type LoaderLimits } from './limits.js';

/** Result of {@link markdownToText}. */
export interface MarkdownText {
  text: string;
  title?: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_1 = /^ {0,3}=+[ \t]*$/;
const SETEXT_2 = /^ {0,3}-+[ \t]*$/;
const RULE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const BULLET = /^\s*[-*+][ \t]+(.*)$/;
const ORDERED = /^\s*(\d{1,9})[.)][ \t]+(.*)$/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S+.*$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** Deadline of the conversion in progress (markdownToText is synchronous, so one at a time). */
const inlineDeadline = { at: Infinity, timeoutMs: 0 };

/** Longest run handed to the inline patterns at once: their cost grows with the square of the run. */
const MAX_INLINE = 4000;

/**
 * Removes inline Markdown from a line; a very long line is cut at spaces into runs of at most
 * {@link MAX_INLINE} characters first, so hostile lines cost linear time (markup spanning a cut stays as is).
 */
function inline(source: string): string {
  if (source.length <= MAX_INLINE) return inlineRun(source);
  const parts: string[] = [];
  for (let i = 0; i < source.length; ) {
    if (performance.now() > inlineDeadline.at) throw limitError('timeoutMs', inlineDeadline.timeoutMs, 'conversion took too long');
    let end = Math.min(source.length, i + MAX_INLINE);
    const space = end < source.length ? source.lastIndexOf(' ', end) : -1;
    if (space > i + MAX_INLINE / 2) end = space;
    parts.push(inlineRun(source.slice(i, end)));
    i = end;
  }
  return parts.join('');
}

/** Removes inline Markdown: code marks, images, link syntax, emphasis, HTML tags, escapes, entities. */
function inlineRun(source: string): string {
  const kept: string[] = [];
  const keep = (s: string): string => `\u0000${kept.push(s) - 1}\u0000`;
  let s = source
    .replace(/(`+)(.+?)\1(?!`)/g, (_, __, code: string) => keep(code.trim()))
    .replace(/\\([!-/:-@[-`{-~])/g, (_, ch: string) => keep(ch))
    .replace(/<((?:https?|mailto|ftp):[^<>\s]+)>/gi, (_, url: string) => keep(url))
    .replace(/!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?/g, '')
    .replace(/\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])/g, '$1')
    .replace(/<!--.*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g, '')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])/g, '$1')
    .replace(/(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])/g, '$1')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1');
  if (s.includes('&')) s = decodeHTML(s);
  return s
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\u0000(\d+)\u0000/g, (_, i: string) => kept[Number(i)]);
}

/** Splits off a leading `--- … ---` YAML front matter and reads its `title:`. */
function frontMatter(lines: string[]): { body: string[]; title?: string } {
  if (lines[0]?.trim() !== '---') return { body: lines };
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) return { body: lines };
  let title: string | undefined;
  for (const line of lines.slice(1, end)) {
    const m = /^title:\s*(.*?)\s*$/i.exec(line);
    if (m) title = m[1].replace(/^(["'])(.*)\1$/, '$2').trim() || undefined;
  }
  return { body: lines.slice(end + 1), ...(title ? { title } : {}) };
}

/**
 * Converts Markdown to plain text for paragraph splitting, line by line: headings become their own
 * block, emphasis/code marks and link syntax are removed (link text kept), images dropped, bullets
 * become "- item", ordered items keep their number ("3. item", each its own block since numbers may be
 * paragraph numbering), code fences are kept as plain text, front matter is removed.
 * The title is the front matter `title:`, else the first H1.
 * @example
 * markdownToText('---\ntitle: Loi\n---\n# Objet\n\n1. Le **présent** [texte](http://x) s’applique.');
 * // { text: 'Objet\n\n1. Le présent texte s’applique.', title: 'Loi' }
 */
export function markdownToText(md: string, limits: Pick<LoaderLimits, 'maxDepth' | 'deadline' | 'timeoutMs'> = { ...DEFAULT_LIMITS, deadline: Infinity }): MarkdownText {
  const { body, title: metaTitle } = frontMatter(md.replace(/\r\n?/g, '\n').split('\n'));
  const tick = deadlineTicker(limits, 64);
  inlineDeadline.at = limits.deadline;
  inlineDeadline.timeoutMs = limits.timeoutMs;
  const out: string[] = [];
  let h1: string | undefined;
  const blank = (): void => {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  };
  const heading = (level: number, text: string): void => {
    const plain = inline(text).trim();
    if (!plain) return;
    if (level === 1) h1 ??= plain;
    blank();
    out.push(plain);
    out.push('');
  };

  let fence: string | undefined;
  let inComment = false;
  for (let i = 0; i < body.length; i++) {
    const line = body[i];
    tick();
    if (fence !== undefined) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') {
        fence = undefined;
        blank();
      } else {
        out.push(line.replace(/\s+$/, ''));
        if (line.trim() === '') out[out.length - 1] = '';
      }
      continue;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      fence = fenceMatch[1];
      blank();
      continue;
    }
    if (/^\s*<!--/.test(line) && !line.includes('-->')) {
      inComment = true;
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '') {
      blank();
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      heading(atx[1].length, atx[2] ?? '');
      continue;
    }
    const next = body[i + 1];
    const paragraphStart = out.length === 0 || out[out.length - 1] === '';
    if (next !== undefined && paragraphStart && !BULLET.test(line) && !ORDERED.test(line)) {
      if (SETEXT_1.test(next) || (SETEXT_2.test(next) && !RULE.test(line))) {
        heading(SETEXT_1.test(next) ? 1 : 2, trimmed);
        i++;
        continue;
      }
    }
    if (RULE.test(line)) {
      blank();
      continue;
    }
    if (LINK_DEFINITION.test(line)) continue;
    if (trimmed.includes('|') && TABLE_SEPARATOR.test(trimmed)) continue;

    const quotes = /^(?:>\s?)+/.exec(trimmed)?.[0].replace(/\s/g, '').length ?? 0;
    if (quotes > limits.maxDepth || (line.length - line.trimStart().length) / 2 > limits.maxDepth)
      throw limitError('maxDepth', limits.maxDepth, `quotes or lists nested ${limits.maxDepth}+ deep at line ${i + 1}`);
    const content = trimmed.replace(/^(?:>\s?)+/, '').replace(/(?: {2,}|\\)$/, '');
    if (content === '') {
      blank();
      continue;
    }
    const ordered = ORDERED.exec(content);
    const bullet = BULLET.exec(content);
    if (ordered) {
      blank();
      out.push(`${ordered[1]}. ${inline(ordered[2]).trim()}`);
    } else if (bullet) {
      out.push(`- ${inline(bullet[1]).trim()}`);
    } else if (content.startsWith('|')) {
      out.push(
        inline(
          content
            .replace(/^\||\|$/g, '')
            .split('|')
            .map((c) => c.trim())
            .join(' | '),
        ),
      );
    } else {
      const plain = inline(content).trim();
      if (plain) out.push(plain);
    }
  }

  const text = out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const title = metaTitle ?? h1;
  return { text, ...(title ? { title } : {}) };
}
