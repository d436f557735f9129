import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { AppError } from '../../../shared/errors.ts';

/**
 * Reading uploaded spreadsheets as a stream of rows (arrays of trimmed text cells), never buffering the
 * whole file. The type is decided by content, not by name or declared MIME type: an XLSX file is a zip
 * (`PK\x03\x04`) holding a workbook; a CSV file is UTF-8 text without NUL bytes. Anything else is refused.
 */
export type SpreadsheetKind = 'csv' | 'xlsx';

export interface SpreadsheetRow {
  /** Row number as a person sees it in the file (the header is row 1). */
  rowNumber: number;
  cells: string[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const SNIFF_BYTES = 64 * 1024;

const unsupported = () => new AppError('unsupported_media_type', 'Not a CSV or XLSX file');

/** Reads the first bytes of a stream and returns them together with a stream that replays everything. */
async function peek(source: AsyncIterable<Buffer>, bytes: number): Promise<{ head: Buffer; all: Readable }> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let finished = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      finished = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (finished) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, all: Readable.from(replay(), { objectMode: false }) };
}

/** Decides CSV or XLSX from the first bytes; throws `unsupported_media_type` for anything else. */
export function sniffKind(head: Buffer): SpreadsheetKind {
  if (head.length >= 4 && head.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (head.includes(0)) throw unsupported();
  try {
    // `stream: true` tolerates a multi-byte character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    throw unsupported();
  }
  return 'csv';
}

/** Picks `,`, `;` or tab as separator: whichever occurs most often, outside quotes, in the header line. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/**
 * A streaming RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes; a stray quote
 * inside an unquoted field is kept as text). Measured several times faster than csv-parse on the 1M-row
 * benchmark file, which matters for the 20,000 rows/s bar. Returns the complete records of each chunk.
 */
export class CsvReader {
  private pending = '';
  private line = 1;
  constructor(private readonly delimiter: number) {}

  private keep(data: string, start: number, startLine: number, rows: SpreadsheetRow[]): SpreadsheetRow[] {
    this.pending = data.slice(start);
    this.line = startLine;
    return rows;
  }

  /** Parses the complete records of `text` (after what was left over) and keeps an incomplete tail. */
  push(text: string, isLast: boolean): SpreadsheetRow[] {
    const data = this.pending + text;
    this.pending = '';
    const rows: SpreadsheetRow[] = [];
    const length = data.length;
    const delimiter = this.delimiter;
    let position = 0;
    while (position < length) {
      const start = position;
      const startLine = this.line;
      let lines = 0;
      const cells: string[] = [];
      let hasValue = false;
      let complete = false;
      while (!complete) {
        let value = '';
        if (data.charCodeAt(position) === 34) {
          let from = position + 1;
          for (;;) {
            const quote = data.indexOf('"', from);
            if (quote < 0 || (quote + 1 >= length && !isLast)) {
              if (!isLast) return this.keep(data, start, startLine, rows);
              value += data.slice(from);
              position = length;
              break;
            }
            const part = data.slice(from, quote);
            value += part;
            for (let index = part.indexOf('\n'); index >= 0; index = part.indexOf('\n', index + 1))
              lines += 1;
            if (data.charCodeAt(quote + 1) === 34) {
              value += '"';
              from = quote + 2;
            } else {
              position = quote + 1;
              break;
            }
          }
        }
        // Unquoted text (or text after a closing quote) up to the separator or the end of the line.
        let end = position;
        while (end < length) {
          const code = data.charCodeAt(end);
          if (code === delimiter || code === 10 || code === 13) break;
          end += 1;
        }
        if (end > position) value += data.slice(position, end);
        position = end;
        value = value.trim();
        if (value) hasValue = true;
        cells.push(value);
        if (position >= length) {
          if (!isLast) return this.keep(data, start, startLine, rows);
          break;
        }
        const code = data.charCodeAt(position);
        if (code === delimiter) {
          position += 1;
          if (position >= length && !isLast) return this.keep(data, start, startLine, rows);
          if (position >= length) {
            cells.push('');
            complete = true;
          }
          continue;
        }
        if (code === 13 && position + 1 >= length && !isLast) return this.keep(data, start, startLine, rows);
        position += code === 13 && data.charCodeAt(position + 1) === 10 ? 2 : 1;
        complete = true;
      }
      this.line = startLine + lines + 1;
      if (hasValue) rows.push({ rowNumber: startLine, cells });
    }
    return rows;
  }
}

async function* csvRows(all: Readable, head: Buffer): AsyncGenerator<SpreadsheetRow[]> {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text.split(/\r?\n/, 1)[0] ?? '');
  const reader = new CsvReader(delimiter.charCodeAt(0));
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const chunk of all as AsyncIterable<Buffer>) {
    if (chunk.includes(0)) throw unsupported();
    let decoded = decoder.write(chunk);
    if (first) {
      decoded = decoded.replace(/^\uFEFF/, '');
      first = false;
    }
    const rows = reader.push(decoded, false);
    if (rows.length) yield rows;
  }
  const rows = reader.push(decoder.end(), true);
  if (rows.length) yield rows;
}

/**
 * Excel keeps only 15 significant digits; a longer number in a numeric cell has lost its tail (a 16-digit
 * member number typed into Excel becomes 3.20101E+15). Such numbers come out in scientific notation so that
 * validation reports them as `mangled_number` instead of importing wrong digits.
 */
export function numberCellText(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value) && Math.abs(value) >= 1e15) return value.toExponential().toUpperCase();
  return String(value);
}

function dateCellText(value: Date): string {
  return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
}

/** Text of one XLSX cell value as ExcelJS gives it (numbers, dates, rich text, formulas, links). */
export function xlsxCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return numberCellText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateCellText(value);
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.richText))
      return (object.richText as { text?: string }[])
        .map((part) => part.text ?? '')
        .join('')
        .trim();
    if ('result' in object) return xlsxCellText(object.result);
    if ('formula' in object || 'sharedFormula' in object || 'error' in object) return '';
    if (typeof object.text === 'string' || typeof object.text === 'object') return xlsxCellText(object.text);
  }
  return '';
}

async function* xlsxRows(all: Readable): AsyncGenerator<SpreadsheetRow[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(all, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  let sheets = 0;
  try {
    for await (const worksheet of workbook) {
      sheets += 1;
      // Only the first worksheet is read; later ones are drained so the zip stream reaches its end.
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        if (sheets > 1) continue;
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let index = 1; index < values.length; index += 1) cells.push(xlsxCellText(values[index]));
        while (cells.length && cells.at(-1) === '') cells.pop();
        if (cells.length === 0) continue;
        yield [{ rowNumber: row.number, cells }];
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { statusCode?: number }).statusCode === 413) throw error;
    throw unsupported();
  }
  if (sheets === 0) throw unsupported();
}

/**
 * Sniffs the upload and yields its rows: the header first, then data rows. CSV: BOM stripped, separator
 * detected, empty lines skipped, cells trimmed. XLSX: first worksheet, dates as ISO dates, numbers as text.
 */
export async function readSpreadsheet(
  source: AsyncIterable<Buffer>,
): Promise<{ kind: SpreadsheetKind; rows: AsyncGenerator<SpreadsheetRow[]> }> {
  const { head, all } = await peek(source, SNIFF_BYTES);
  if (head.length === 0) throw unsupported();
  const kind = sniffKind(head);
  return { kind, rows: kind === 'xlsx' ? xlsxRows(all) : csvRows(all, head) };
}

/** Header names made unique and non-empty, so a mapping (field → header) is never ambiguous. */
export function normaliseHeaders(cells: string[]): string[] {
  const seen = new Set<string>();
  return cells.map((cell, index) => {
    let name = cell.trim() || `Kolom ${index + 1}`;
    for (let suffix = 2; seen.has(name.toLowerCase()); suffix += 1) name = `${cell.trim()} (${suffix})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

const arraySpecial = /[\\"]/;
const copySpecial = /[\\\t\n\r]/;

/** One row in PostgreSQL COPY text format: job id, row number, and the cells as a text[] literal. */
export function copyLine(jobId: string, rowNumber: number, cells: string[]): string {
  const joined = cells.join('\u0000');
  let array: string;
  // Inside an array literal every element is quoted, with backslash and double quote escaped.
  if (!arraySpecial.test(joined)) array = `{"${cells.join('","')}"}`;
  else array = `{${cells.map((cell) => `"${cell.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
  // COPY text format then escapes backslash, tab, newline and carriage return in the field.
  if (copySpecial.test(array))
    array = array.replace(/[\\\t\n\r]/g, (char) =>
      char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r',
    );
  return `${jobId}\t${rowNumber}\t${array}\n`;
}
