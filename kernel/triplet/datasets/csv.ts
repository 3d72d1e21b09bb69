import { TripletInputError } from '../validation/errors';
import { makeDataset, type Dataset } from './dataset';
import { splitCsv } from './split-csv';

export interface CsvOptions {
  /** Column holding the class: index (0-based, negative from the end) or header name. Default: the last column. */
  labelColumn?: number | string;
  /** Whether the first row names the columns; default: detected (a header has a non-numeric feature cell). */
  header?: boolean;
  delimiter?: string;
}

const FN = 'csv';

function isNumber(s: string): boolean {
  return s.trim() !== '' && Number.isFinite(Number(s));
}

/**
 * Features and labels from CSV text or a CSV file: every column but the label column must be
 * numeric; labels may be any text and become ids 0…C−1 in sorted order (numerically when all
 * labels are numbers), with the original values kept in `labelNames`.
 */
export function csv(pathOrText: string, options: CsvOptions = {}): Dataset {
  if (typeof pathOrText !== 'string') {
    throw new TripletInputError('pathOrText', FN, `must be a file path or CSV text, got ${typeof pathOrText}`, 'Pass a path like "data/iris.csv" or the CSV text itself.');
  }
  let text = pathOrText;
  let source = 'text';
  if (!/[\n\r]/.test(pathOrText)) {
    const fs = require('node:fs') as typeof import('node:fs');
    if (!fs.existsSync(pathOrText)) {
      throw new TripletInputError('pathOrText', FN, `is a single line and no file ${JSON.stringify(pathOrText)} exists`,
        'Pass an existing file path (relative to the notebook folder) or CSV text with at least one line break.');
    }
    text = fs.readFileSync(pathOrText, 'utf8').replace(/^\uFEFF/, '');
    source = pathOrText;
  }
  const where = (line: number) => (source === 'text' ? `line ${line}` : `${source}:${line}`);
  let records: { line: number; fields: string[] }[];
  try {
    records = splitCsv(text, options.delimiter ?? ',');
  } catch (e) {
    throw new TripletInputError('pathOrText', FN, `${source === 'text' ? '' : `(${source}) `}${(e as Error).message}`, 'Close the quote or remove the stray quote character.');
  }
  if (records.length === 0) throw new TripletInputError('pathOrText', FN, `(${source}) has no rows`, 'Pass CSV with one sample per row.');
  const width = records[0].fields.length;
  if (width < 2) {
    throw new TripletInputError('pathOrText', FN, `${where(records[0].line)} has ${width} column`,
      'Each row needs at least one feature and a label; check options.delimiter.');
  }

  const resolveLabel = (names: string[] | undefined): number => {
    const lc = options.labelColumn ?? -1;
    if (typeof lc === 'string') {
      const idx = names ? names.indexOf(lc) : -1;
      if (idx < 0) {
        throw new TripletInputError('options.labelColumn', FN, names ? `is "${lc}", which is not one of the header names ${names.map((s) => JSON.stringify(s)).join(', ')}` : `is "${lc}" but the file has no header row`,
          names ? 'Use one of the header names or a column index.' : 'Use a column index, or pass { header: true } if the first row names the columns.');
      }
      return idx;
    }
    if (!Number.isInteger(lc) || lc >= width || lc < -width) {
      throw new TripletInputError('options.labelColumn', FN, `is ${lc} but rows have ${width} columns`, `Use an index in 0…${width - 1} (or -1 for the last).`);
    }
    return lc < 0 ? width + lc : lc;
  };

  let header = options.header;
  if (header === undefined) {
    // A header is detected when a cell outside the (default or numeric) label column is not a number.
    const lc = typeof options.labelColumn === 'number' ? (options.labelColumn < 0 ? width + options.labelColumn : options.labelColumn) : width - 1;
    header = typeof options.labelColumn === 'string' || records[0].fields.some((f, j) => j !== lc && !isNumber(f));
  }
  const names = header ? records[0].fields.map((s) => s.trim()) : undefined;
  const labelIndex = resolveLabel(names);
  const rows = header ? records.slice(1) : records;
  if (rows.length === 0) throw new TripletInputError('pathOrText', FN, `(${source}) has a header but no data rows`, 'Add one sample per row below the header.');

  const dims = width - 1;
  const x = new Float32Array(rows.length * dims);
  const rawLabels: string[] = new Array(rows.length);
  rows.forEach(({ line, fields }, r) => {
    if (fields.length !== width) {
      throw new TripletInputError('pathOrText', FN, `${where(line)} has ${fields.length} fields, expected ${width}`,
        `Give every row ${width} fields (the first row has ${width}); quote fields that contain "${options.delimiter ?? ','}".`);
    }
    let d = 0;
    fields.forEach((f, j) => {
      if (j === labelIndex) {
        rawLabels[r] = f.trim();
        return;
      }
      if (!isNumber(f)) {
        const col = names ? `column "${names[j]}"` : `column ${j}`;
        throw new TripletInputError('pathOrText', FN, `${where(line)}, ${col} is ${JSON.stringify(f)}, not a number`,
          'Features must be numeric: fix or remove that row, or encode the text column as numbers first.');
      }
      x[r * dims + d++] = Number(f);
    });
    if (rawLabels[r] === '') {
      throw new TripletInputError('pathOrText', FN, `${where(line)} has an empty label`, 'Give every row a label, or remove the row.');
    }
  });

  const distinct = [...new Set(rawLabels)];
  const numeric = distinct.every(isNumber);
  distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ids = new Map(distinct.map((name, i) => [name, i]));
  const labels = Int32Array.from(rawLabels, (l) => ids.get(l)!);
  return makeDataset(x, labels, dims, distinct);
}
