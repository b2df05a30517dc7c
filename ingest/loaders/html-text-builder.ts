/** The plain-text output of the HTML converter: lines grouped into blank-line-separated blocks. */

/**
 * Accumulates lines grouped into blank-line-separated blocks.
 * @example
 * const out = new TextBuilder();
 * out.text('Titre'); out.blockBreak(); out.text('Premier  alinéa.');
 * out.result(); // 'Titre\n\nPremier alinéa.'
 */
export class TextBuilder {
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
