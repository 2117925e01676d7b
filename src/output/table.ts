// table output (SPEC section 4): rows are buffered as rendered cells and laid out in end().
//
// Off a TTY the layout is our own: columns padded to their widest cell, two spaces between
// columns, no borders, no trailing whitespace, nothing truncated, no ANSI codes. It is
// byte-stable (it depends on no terminal or library width table we do not control) and
// reads well in `less`, `grep` and `awk`. On a TTY, cli-table3 draws a box with a header
// rule; we compute the column widths and truncate ourselves so the table fits the
// terminal, and colour the header and Status only when colour is allowed. A terminal too
// narrow for a box around the ID column gets the rows without one, as off a TTY; TERM=dumb
// gets the box in ASCII (+, -, |).

import { createRequire } from 'node:module';
import { Chalk, type ChalkInstance } from 'chalk';
import type CliTable3 from 'cli-table3';
import { renderCell } from './columns.js';
import type { Formatter, FormatOptions, Row, Sink } from './format.js';
import { BORDERLESS, DATE_COLUMNS, fitTable, type TableFit } from './tableFit.js';
import { displayWidth, escapeControlChars, padToWidth, truncateStartToWidth, truncateToWidth } from './text.js';

const GUTTER = '  ';
/** Names whose end distinguishes rows (ubuntu_22_04_x64_20G_alibase_20250828.vhd). */
const CUT_FROM_START = new Set(['ImageName']);
const loadCommonJs = createRequire(import.meta.url);

export function createTableFormatter(sink: Sink, options: FormatOptions): Formatter {
  const { columns } = options;
  const body: string[][] = [];
  return {
    write(rows: Row[]): void {
      for (const row of rows) body.push(columns.map((column) => escapeControlChars(renderCell(row[column]))));
    },
    end(): void {
      // No rows, no table: the command says so on stderr.
      if (body.length === 0) return;
      sink.write(options.tty ? renderBoxTable(columns, body, options, sink.asciiOnly === true) : renderPlainTable(columns, body, options.header));
    },
    checkpoint() {
      const mark = body.length;
      return () => {
        body.length = mark;
        return true;
      };
    },
    discard(): void {
      body.length = 0;
    },
  };
}

function columnWidths(columns: string[], body: string[][], header: boolean): number[] {
  return columns.map((column, index) =>
    body.reduce((widest, cells) => Math.max(widest, displayWidth(cells[index] ?? '')), header ? displayWidth(column) : 0),
  );
}

export function renderPlainTable(columns: string[], body: string[][], header: boolean): string {
  const lines = header ? [columns, ...body] : body;
  const widths = columnWidths(columns, body, header);
  let text = '';
  for (const cells of lines) {
    let last = cells.length - 1;
    while (last >= 0 && cells[last] === '') last--;
    let line = '';
    for (let index = 0; index < last; index++) line += padToWidth(cells[index] ?? '', widths[index] ?? 0) + GUTTER;
    if (last >= 0) line += cells[last];
    text += `${line}\n`;
  }
  return text;
}

/**
 * Content widths that fit `budget` columns: the widest columns are cut first, down to a
 * common cap, so short columns (Size, Status) stay whole.
 */
export function fitWidths(natural: number[], budget: number): number[] {
  const total = natural.reduce((sum, width) => sum + width, 0);
  if (total <= budget) return natural;
  const used = (cap: number): number => natural.reduce((sum, width) => sum + Math.min(width, cap), 0);
  let cap = 1;
  while (used(cap + 1) <= budget) cap++;
  const widths = natural.map((width) => Math.min(width, cap));
  let spare = budget - used(cap);
  for (let index = 0; index < widths.length && spare > 0; index++) {
    if ((natural[index] ?? 0) > cap) {
      widths[index] = cap + 1;
      spare--;
    }
  }
  return widths;
}

const STATUS_COLORS: Record<string, (chalk: ChalkInstance, text: string) => string> = {
  Available: (chalk, text) => chalk.green(text),
  Creating: (chalk, text) => chalk.yellow(text),
  Waiting: (chalk, text) => chalk.yellow(text),
  UnAvailable: (chalk, text) => chalk.red(text),
  CreateFailed: (chalk, text) => chalk.red(text),
  Deprecated: (chalk, text) => chalk.gray(text),
};

/** Box-drawing characters for cli-table3's `chars` option; undefined: its own (Unicode) ones. */
export function boxChars(asciiOnly: boolean): Partial<Record<CliTable3.CharName, string>> | undefined {
  if (!asciiOnly) return undefined;
  return {
    top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+',
    bottom: '-', 'bottom-mid': '+', 'bottom-left': '+', 'bottom-right': '+',
    left: '|', 'left-mid': '+', mid: '-', 'mid-mid': '+', right: '|', 'right-mid': '+', middle: '|',
  };
}

/** The columns kept and their widths; a terminal too narrow for a box around the ID gets rows without one. */
function layoutFor(columns: string[], natural: number[], options: FormatOptions): { fit?: TableFit; borderless: boolean } {
  if (options.width === undefined || options.wide === true) return { borderless: false };
  const boxed = fitTable(columns, natural, options.width);
  if (boxed.lineWidth <= options.width) return { fit: boxed, borderless: false };
  return { fit: fitTable(columns, natural, options.width, BORDERLESS), borderless: true };
}

function renderBoxTable(allColumns: string[], allBody: string[][], options: FormatOptions, asciiOnly: boolean): string {
  // cli-table3 is loaded only when a table is drawn on a terminal (SPEC section 6).
  const Table = loadCommonJs('cli-table3') as typeof CliTable3;
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const natural = columnWidths(allColumns, allBody, options.header).map((width) => Math.max(1, width));
  const { fit, borderless } = layoutFor(allColumns, natural, options);
  const keep = fit?.keep ?? allColumns.map((_column, index) => index);
  const columns = keep.map((index) => allColumns[index]!);
  const body = allBody.map((cells) => keep.map((index) => cells[index] ?? ''));
  const widths = fit?.widths ?? natural;
  if (fit && fit.dropped.length > 0) options.notice?.(`left out to fit the terminal: ${fit.dropped.join(', ')} (--columns chooses, -o tsv shows all)`);
  const cut = (cell: string, index: number): string => {
    const width = widths[index] ?? 1;
    const column = columns[index]!;
    if (DATE_COLUMNS.has(column) && width >= 10 && displayWidth(cell) > width) return cell.slice(0, 10);
    // the end of a name (version, date) tells rows apart; its start is shared
    return CUT_FROM_START.has(column) ? truncateStartToWidth(cell, width) : truncateToWidth(cell, width);
  };
  const head = columns.map((column, index) => truncateToWidth(column, widths[index] ?? 1));
  if (borderless) return renderPlainTable(head, body.map((cells) => cells.map(cut)), options.header);
  const statusIndex = columns.indexOf('Status');
  const table = new Table({
    head: options.header ? head.map((column) => chalk.bold(column)) : [],
    colWidths: widths.map((width) => width + 2),
    chars: boxChars(asciiOnly),
    style: { head: [], border: [], compact: true },
    wordWrap: false,
  });
  for (const cells of body) {
    table.push(
      cells.map((cell, index) => {
        const text = cut(cell, index);
        const paint = index === statusIndex && Object.hasOwn(STATUS_COLORS, cell) ? STATUS_COLORS[cell] : undefined;
        return paint === undefined ? text : paint(chalk, text);
      }),
    );
  }
  return `${table.toString()}\n`;
}
