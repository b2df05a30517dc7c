import { deadlineTicker, DEFAULT_LIMITS, type LoaderLimits } from './limits.js';
import { Element, Text, type AnyNode } from 'domhandler';
import { collapse, DROPPED, elements, isParent, language, parseBounded, rawText } from './html-dom.js';
import { TextBuilder } from './html-text-builder.js';

/** Result of {@link htmlToText}. */
export interface HtmlText {
  text: string;
  title?: string;
  language?: 'fr' | 'en';
}

/** `header`/`footer` are page chrome (banner, contentinfo) only outside these sectioning elements. */
const SECTIONING = new Set(['article', 'aside', 'main', 'nav', 'section']);

const BLOCKS = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

const HEADING = /^h[1-6]$/;

interface Context {
  inList: boolean;
  inSection: boolean;
  /** Throws when the time allowed for the file is spent. */
  tick: () => void;
}

function isDropped(el: Element, tag: string, ctx: Context): boolean {
  if ((tag === 'header' || tag === 'footer') && ctx.inSection) return false;
  if (DROPPED.has(tag)) return true;
  return el.attribs.role?.toLowerCase() === 'navigation';
}

function walk(node: AnyNode, out: TextBuilder, ctx: Context): void {
  ctx.tick();
  if (node instanceof Text) {
    out.text(node.data);
    return;
  }
  if (!(node instanceof Element)) {
    if (isParent(node)) for (const child of node.children) walk(child, out, ctx);
    return;
  }
  const tag = node.name.toLowerCase();
  if (isDropped(node, tag, ctx)) return;
  if (tag === 'br') {
    if (ctx.inList) out.lineBreak();
    else out.br();
    return;
  }
  if (tag === 'img' || tag === 'input' || tag === 'wbr') return;
  if (tag === 'pre') {
    if (ctx.inList) {
      out.lineBreak();
      out.text(collapse(rawText(node)));
      out.lineBreak();
    } else {
      out.preformatted(rawText(node));
    }
    return;
  }
  if (HEADING.test(tag)) {
    const heading = collapse(rawText(node));
    out.blockBreak();
    out.text(heading);
    out.blockBreak();
    return;
  }
  if (tag === 'li') {
    walkListItem(node, out, ctx);
    return;
  }

  const inner: Context = { ...ctx, inSection: ctx.inSection || SECTIONING.has(tag) };
  if (BLOCKS.has(tag)) {
    const brk = (): void => (ctx.inList ? out.lineBreak() : out.blockBreak());
    brk();
    for (const child of node.children) walk(child, out, inner);
    brk();
    return;
  }
  for (const child of node.children) walk(child, out, inner);
}

/** Number of an `<li>` in an `<ol>` with arabic numbering (honours `start` and `value`), else undefined. */
function ordinal(li: Element): number | undefined {
  const list = li.parent;
  if (!(list instanceof Element) || list.name.toLowerCase() !== 'ol') return undefined;
  const type = list.attribs.type;
  if (type !== undefined && type !== '1') return undefined;
  const items = list.children.filter((c): c is Element => c instanceof Element && c.name.toLowerCase() === 'li');
  const step = 'reversed' in list.attribs ? -1 : 1;
  const start = Number.parseInt(list.attribs.start ?? '', 10);
  let n = Number.isFinite(start) ? start - step : step === 1 ? 0 : items.length + 1;
  for (const item of items) {
    const value = Number.parseInt(item.attribs.value ?? '', 10);
    n = Number.isFinite(value) ? value : n + step;
    if (item === li) return n;
  }
  return undefined;
}

function walkListItem(li: Element, out: TextBuilder, ctx: Context): void {
  const n = ordinal(li);
  const inner: Context = { ...ctx, inList: true };
  if (n !== undefined && !ctx.inList) {
    out.blockBreak();
    out.setPrefix(`${n}. `);
    for (const child of li.children) walk(child, out, inner);
    out.blockBreak();
    return;
  }
  out.lineBreak();
  out.setPrefix(n !== undefined ? `${n}. ` : '- ');
  for (const child of li.children) walk(child, out, inner);
  out.lineBreak();
  out.setPrefix('');
}

/**
 * Converts an HTML page to plain text for paragraph splitting: page chrome (script, style, nav,
 * header, footer, aside, form, svg, `role=navigation`…) is dropped; block elements become
 * blank-line-separated blocks; headings are their own block; `<ul>` items become "- item" lines and
 * `<ol>` items keep their number ("3. item", as paragraph numbering); one `<br>` is a hard line
 * break and two separate blocks; entities are decoded and whitespace collapsed.
 * The title comes from `<title>`, else the first `<h1>`; the language from `<html lang>` (fr/en only).
 * @example
 * htmlToText('<html lang="fr"><title>Loi</title><p>1. Premier&nbsp;alinéa.</p><ul><li>a</li></ul></html>');
 * // { text: '1. Premier alinéa.\n\n- a', title: 'Loi', language: 'fr' }
 */
export function htmlToText(html: string, limits: Pick<LoaderLimits, 'maxDepth' | 'deadline' | 'timeoutMs'> = { ...DEFAULT_LIMITS, deadline: Infinity }): HtmlText {
  const root = parseBounded(html, limits);
  const all = elements(root, limits.maxDepth);
  const out = new TextBuilder();
  const tick = deadlineTicker(limits, 1024);
  walk(root, out, { inList: false, inSection: false, tick });
  const text = out.result();

  const named = (tag: string) => all.find(({ el, inSvg }) => !inSvg && el.name.toLowerCase() === tag)?.el;
  const titleEl = named('title') ?? named('h1');
  const title = titleEl ? collapse(rawText(titleEl)) : '';
  const lang = language(all);
  return {
    text,
    ...(title ? { title } : {}),
    ...(lang ? { language: lang } : {}),
  };
}
