/** The DOM side of the HTML converter: a bounded parse, elements in document order, the text of a subtree, the page language. */
import { Parser } from 'htmlparser2';
import { DomHandler, Element, Text, type AnyNode, type Document, type ParentNode } from 'domhandler';
import { limitError, type LoaderLimits } from './limits.js';

/** Elements dropped with their content: scripts, page chrome, embedded media, form controls. */
export const DROPPED = new Set([
  'script',
  'style',
  'nav',
  'header',
  'footer',
  'aside',
  'noscript',
  'form',
  'svg',
  'head',
  'template',
  'iframe',
  'object',
  'embed',
  'canvas',
  'audio',
  'video',
  'map',
  'button',
  'select',
]);

/**
 * Decoded text of a subtree, ignoring dropped elements; `<br>` becomes `\n`.
 * @example
 * rawText(parseBounded('<p>a<br>b<script>x</script></p>', limits)); // 'a\nb'
 */
export function rawText(node: AnyNode): string {
  if (node instanceof Text) return node.data;
  if (!(node instanceof Element)) return isParent(node) ? node.children.map(rawText).join('') : '';
  const tag = node.name.toLowerCase();
  if (tag === 'br') return '\n';
  if (DROPPED.has(tag)) return '';
  return node.children.map(rawText).join('');
}

/** Whether a node has children (element, document). */
export const isParent = (node: AnyNode): node is ParentNode & AnyNode => 'children' in node;

/**
 * Whitespace collapsed to single spaces, trimmed.
 * @example
 * collapse(' a \n b '); // 'a b'
 */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Builds the DOM but stops the parse at once when elements nest deeper than allowed or time runs out. */
class BoundedHandler extends DomHandler {
  private opened = 0;
  constructor(private readonly limits: Pick<LoaderLimits, 'maxDepth' | 'deadline' | 'timeoutMs'>) {
    super();
  }
  override onopentag(name: string, attribs: Record<string, string>): void {
    if (this.tagStack.length > this.limits.maxDepth) throw limitError('maxDepth', this.limits.maxDepth, `elements nested ${this.limits.maxDepth}+ deep`);
    if (++this.opened % 1024 === 0 && performance.now() > this.limits.deadline) throw limitError('timeoutMs', this.limits.timeoutMs, 'conversion took too long');
    super.onopentag(name, attribs);
  }
}

/**
 * The DOM of `html`, parsed with entities decoded; throws a limit error as soon as elements nest deeper than allowed or time runs out.
 * @example
 * const root = parseBounded('<p>a</p>', { maxDepth: 256, deadline: Infinity, timeoutMs: 60000 });
 */
export function parseBounded(html: string, limits: Pick<LoaderLimits, 'maxDepth' | 'deadline' | 'timeoutMs'>): Document {
  const handler = new BoundedHandler(limits);
  new Parser(handler, { decodeEntities: true }).end(html);
  return handler.root;
}

/**
 * Elements in document order with their depth, iteratively (no recursion, linear in the input); throws a limit
 * error as soon as the nesting is deeper than allowed, before anything recurses over the tree.
 * @example
 * elements(parseBounded('<html><p>a</p></html>', limits), 256).map(({ el }) => el.name); // ['html', 'p']
 */
export function elements(root: AnyNode, maxDepth: number): Array<{ el: Element; inSvg: boolean }> {
  const out: Array<{ el: Element; inSvg: boolean }> = [];
  const stack: Array<{ node: AnyNode; depth: number; inSvg: boolean }> = [{ node: root, depth: 0, inSvg: false }];
  while (stack.length) {
    const { node, depth, inSvg } = stack.pop()!;
    if (depth > maxDepth) throw limitError('maxDepth', maxDepth, `elements nested ${maxDepth}+ deep`);
    const isEl = node instanceof Element;
    if (isEl) out.push({ el: node, inSvg });
    if (!isParent(node)) continue;
    const svg = inSvg || (isEl && node.name.toLowerCase() === 'svg');
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], depth: depth + 1, inSvg: svg });
  }
  return out;
}

/**
 * The page language from `<html lang>` (or `xml:lang`), when it is French or English.
 * @example
 * language(elements(parseBounded('<html lang="fr-CA"></html>', limits), 256)); // 'fr'
 */
export function language(all: Array<{ el: Element }>): 'fr' | 'en' | undefined {
  const html = all.find(({ el }) => el.name.toLowerCase() === 'html')?.el;
  const lang = html?.attribs.lang ?? html?.attribs['xml:lang'];
  const primary = lang?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' || primary === 'en' ? primary : undefined;
}
