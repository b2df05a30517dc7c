/** RFC 4180 CSV parsing (quoted fields, doubled quotes, commas and line breaks inside quotes). */

export interface CsvOptions {
  /** Field separator; `auto` picks `,` or `;` from the first line (spreadsheets in French locales write `;`). */
  delimiter?: ',' | ';' | '\t' | 'auto';
}

/**
 * Parses CSV text into rows of fields, following RFC 4180: fields may be wrapped in double quotes,
 * a doubled quote inside a quoted field is one quote, and quoted fields may hold separators and line breaks.
 * CRLF, LF and CR line endings are accepted; a UTF-8 BOM and one trailing line break are ignored.
 * Throws on an unterminated quoted field or on a quote inside an unquoted field.
 * @example
 * parseCsv('a,"b, c"\r\n1,"say ""hi"""\n') // [['a', 'b, c'], ['1', 'say "hi"']]
 */
export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const delimiter = options.delimiter === undefined || options.delimiter === 'auto' ? sniffDelimiter(src) : options.delimiter;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = src[i];
        if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
          throw new Error(`CSV line ${line}: unexpected character ${JSON.stringify(next)} after a closing quote.`);
        }
        continue;
      }
      if (c === '\n') line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (fieldStarted || field !== '') throw new Error(`CSV line ${line}: a quote inside an unquoted field (wrap the field in quotes and double the inner quote).`);
      quoted = true;
      fieldStarted = true;
      i += 1;
      continue;
    }
    if (c === delimiter) {
      endField();
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRow();
      line += 1;
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    fieldStarted = true;
    i += 1;
  }
  if (quoted) throw new Error('CSV: unterminated quoted field at end of input.');
  if (field !== '' || fieldStarted || row.length > 0) endRow();
  return rows;
}

function sniffDelimiter(src: string): ',' | ';' | '\t' {
  let inQuotes = false;
  const counts = { ',': 0, ';': 0, '\t': 0 };
  for (const c of src) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && (c === ',' || c === ';' || c === '\t')) counts[c] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/**
 * Parses CSV with a header row into records keyed by the (trimmed) header names. Blank lines are skipped.
 * @example
 * parseCsvRecords('id,question\nq1,"Quoi ?"') // [{ id: 'q1', question: 'Quoi ?' }]
 */
export function parseCsvRecords(text: string, options: CsvOptions = {}): Array<Record<string, string>> {
  const rows = parseCsv(text, options).filter((r) => !(r.length === 1 && r[0].trim() === ''));
  if (rows.length === 0) return [];
  const header = rows[0].map((h) => h.trim());
  const dup = header.find((h, i) => h !== '' && header.indexOf(h) !== i);
  if (dup) throw new Error(`CSV header: column "${dup}" appears twice.`);
  return rows.slice(1).map((r, n) => {
    if (r.length > header.length && r.slice(header.length).some((f) => f.trim() !== '')) {
      throw new Error(`CSV row ${n + 2}: ${r.length} fields but the header has ${header.length}.`);
    }
    const rec: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h) rec[h] = r[i] ?? '';
    });
    return rec;
  });
}

/**
 * Formats one CSV field, quoting it when it holds a separator, a quote or a line break.
 * @example
 * csvField('a "b", c') // '"a ""b"", c"'
 */
export function csvField(value: string, delimiter = ','): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}
