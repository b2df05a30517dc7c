import { parse, HTMLElement, TextNode, type Node } from 'node-html-parser';

/** Result of {@link htmlToText}. */
export interface HtmlText {
  text: string;
  title?: string;
  language?: 'fr' | 'en';
}

const DROPPED = new Set([
  'script', 'style', 'nav', 'header', 'footer', 'aside', 'noscript', 'form', 'svg',
  'head', 'template', 'iframe', 'object', 'embed', 'canvas', 'audio', 'video', 'map', 'button', 'select',
]);

/** `header`/`footer` are page chrome (banner, contentinfo) only outside these sectioning elements. */
const SECTIONING = new Set(['article', 'aside', 'main', 'nav', 'section']);

const BLOCKS = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'hr', 'html', 'legend', 'li', 'main', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
]);

const HEADING = /^h[1-6]$/;

/** Accumulates lines grouped into blank-line-separated blocks. */
class TextBuilder {
  private readonly blocks: string[][] = [];
  private lines: string[] = [];
  private buffer = '';
  private prefix = '';
  private lastWasBr = false;

  text(raw: string): void {
    const collapsed = raw.replace(/\s+/g, ' ');
    if (collapsed.trim() !== '') this.lastWasBr = false;
    this.buffer += collapsed;
  }

  setPrefix(prefix: string): void {
    this.prefix = prefix;
  }

  lineBreak(): void {
    const line = this.buffer.replace(/ {2,}/g, ' ').trim();
    this.buffer = '';
    if (line === '') return;
    this.lines.push(this.prefix + line);
    this.prefix = '';
  }

  blockBreak(): void {
    this.lineBreak();
    this.lastWasBr = false;
    if (this.lines.length > 0) this.blocks.push(this.lines);
    this.lines = [];
  }

  /** One `<br>` is a hard line break; two in a row separate paragraphs. */
  br(): void {
    if (this.lastWasBr) this.blockBreak();
    else this.lineBreak();
    this.lastWasBr = true;
  }

  /** Preformatted text: kept line by line, blank lines separate blocks. */
  preformatted(raw: string): void {
    this.blockBreak();
    for (const line of raw.replace(/\r\n?/g, '\n').split('\n')) {
      const kept = line.replace(/\s+$/, '');
      if (kept === '') this.blockBreak();
      else this.lines.push(kept);
    }
    this.blockBreak();
  }

  result(): string {
    this.blockBreak();
    return this.blocks.map((lines) => lines.join('\n')).join('\n\n');
  }
}

/** Decoded text of a subtree, ignoring dropped elements; `<br>` becomes `\n`. */
function rawText(node: Node): string {
  if (node instanceof TextNode) return node.text;
  if (!(node instanceof HTMLElement)) return '';
  const tag = node.rawTagName?.toLowerCase() ?? '';
  if (tag === 'br') return '\n';
  if (tag && DROPPED.has(tag)) return '';
  return node.childNodes.map(rawText).join('');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

interface Context {
  inList: boolean;
  inSection: boolean;
}

function isDropped(el: HTMLElement, tag: string, ctx: Context): boolean {
  if ((tag === 'header' || tag === 'footer') && ctx.inSection) return false;
  if (DROPPED.has(tag)) return true;
  return el.getAttribute('role')?.toLowerCase() === 'navigation';
}

function walk(node: Node, out: TextBuilder, ctx: Context): void {
  if (node instanceof TextNode) {
    out.text(node.text);
    return;
  }
  if (!(node instanceof HTMLElement)) return;
  const tag = node.rawTagName?.toLowerCase() ?? '';
  if (tag === '') {
    for (const child of node.childNodes) walk(child, out, ctx);
    return;
  }
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
    for (const child of node.childNodes) walk(child, out, inner);
    brk();
    return;
  }
  for (const child of node.childNodes) walk(child, out, inner);
}

/** Number of an `<li>` in an `<ol>` with arabic numbering (honours `start` and `value`), else undefined. */
function ordinal(li: HTMLElement): number | undefined {
  const list = li.parentNode;
  if (!list || list.rawTagName?.toLowerCase() !== 'ol') return undefined;
  const type = list.getAttribute('type');
  if (type !== undefined && type !== '1') return undefined;
  const items = list.childNodes.filter(
    (c): c is HTMLElement => c instanceof HTMLElement && c.rawTagName?.toLowerCase() === 'li',
  );
  const step = list.hasAttribute('reversed') ? -1 : 1;
  const start = Number.parseInt(list.getAttribute('start') ?? '', 10);
  let n = Number.isFinite(start) ? start - step : step === 1 ? 0 : items.length + 1;
  for (const item of items) {
    const value = Number.parseInt(item.getAttribute('value') ?? '', 10);
    n = Number.isFinite(value) ? value : n + step;
    if (item === li) return n;
  }
  return undefined;
}

function walkListItem(li: HTMLElement, out: TextBuilder, ctx: Context): void {
  const n = ordinal(li);
  const inner: Context = { ...ctx, inList: true };
  if (n !== undefined && !ctx.inList) {
    out.blockBreak();
    out.setPrefix(`${n}. `);
    for (const child of li.childNodes) walk(child, out, inner);
    out.blockBreak();
    return;
  }
  out.lineBreak();
  out.setPrefix(n !== undefined ? `${n}. ` : '- ');
  for (const child of li.childNodes) walk(child, out, inner);
  out.lineBreak();
  out.setPrefix('');
}

function hasAncestor(el: HTMLElement, tag: string): boolean {
  for (let p = el.parentNode; p; p = p.parentNode) if (p.rawTagName?.toLowerCase() === tag) return true;
  return false;
}

function language(root: HTMLElement): 'fr' | 'en' | undefined {
  const lang = root.querySelector('html')?.getAttribute('lang') ?? root.querySelector('html')?.getAttribute('xml:lang');
  const primary = lang?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' || primary === 'en' ? primary : undefined;
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
export function htmlToText(html: string): HtmlText {
  const root = parse(html.replace(/<!DOCTYPE[^>]*>|<\?xml[^>]*\?>/gi, ''), {
    comment: false,
    blockTextElements: { script: false, style: false, noscript: false, template: false },
  });
  const out = new TextBuilder();
  walk(root, out, { inList: false, inSection: false });
  const text = out.result();

  const titleEl =
    root.querySelectorAll('title').find((el) => !hasAncestor(el, 'svg')) ?? root.querySelector('h1');
  const title = titleEl ? collapse(rawText(titleEl)) : '';
  const lang = language(root);
  return {
    text,
    ...(title ? { title } : {}),
    ...(lang ? { language: lang } : {}),
  };
}
