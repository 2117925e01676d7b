// Which columns a terminal table keeps and how wide each is, by what a reader needs (as gh and
// kubectl do): an ID is never cut; a date narrows to its day; the columns that tell rows apart
// least give way (are left out) before a name is cut below what distinguishes it.
import { fitWidths } from './table.js';

/** Copied into scripts and shells: cutting one makes the row useless. */
const NEVER_CUT = new Set(['ImageId', 'RegionId', 'SnapshotId']);
/** Left out first, in this order, when the rest would not fit. */
const GIVE_WAY = ['ImageOwnerAlias', 'Architecture', 'Size', 'OSType', 'Platform', 'Status', 'OSName'];
/** Left out, last, only when the table would otherwise wrap. */
const LAST_RESORT = ['CreationTime', 'ImageName', 'Description'];
/** ISO times: the first 10 characters are the day. */
export const DATE_COLUMNS = new Set(['CreationTime']);
const DATE_WIDTH = 10;
/** Narrower than this, a cut column no longer tells rows apart: leave out another column first. */
const READABLE = 24;

export interface TableFit {
  /** indices of the columns kept, in order */
  keep: number[];
  /** content width of each kept column */
  widths: number[];
  /** the columns left out */
  dropped: string[];
}

/** `width`: the terminal's columns; a box row takes each content width + 3, plus 1. */
export function fitTable(columns: string[], natural: number[], width: number): TableFit {
  let keep = columns.map((_column, index) => index);
  const dropped: string[] = [];
  const narrowed = natural.map((w, index) => (DATE_COLUMNS.has(columns[index]!) ? Math.min(w, DATE_WIDTH) : w));
  const layout = (): number[] => {
    const budget = width - 3 * keep.length - 1;
    const fixed = keep.filter((index) => NEVER_CUT.has(columns[index]!));
    const free = keep.filter((index) => !NEVER_CUT.has(columns[index]!));
    const fixedWidth = fixed.reduce((sum, index) => sum + natural[index]!, 0);
    const fitted = fitWidths(free.map((index) => narrowed[index]!), Math.max(free.length, budget - fixedWidth));
    return keep.map((index) => (NEVER_CUT.has(columns[index]!) ? natural[index]! : fitted[free.indexOf(index)]!));
  };
  const total = (widths: number[]): number => widths.reduce((sum, w) => sum + w, 0) + 3 * keep.length + 1;
  if (total(keep.map((index) => natural[index]!)) <= width) return { keep, widths: keep.map((index) => natural[index]!), dropped };
  let widths = layout();
  const tooCut = (): boolean =>
    total(widths) > width || keep.some((index, at) => widths[at]! < Math.min(narrowed[index]!, READABLE));
  for (const name of GIVE_WAY) {
    if (!tooCut()) break;
    const index = columns.indexOf(name);
    if (!keep.includes(index)) continue;
    keep = keep.filter((i) => i !== index);
    dropped.push(name);
    widths = layout();
  }
  // An ID wider than the terminal leaves room for little else: never a wrapped line.
  for (const name of LAST_RESORT) {
    if (total(widths) <= width) break;
    const index = columns.indexOf(name);
    if (!keep.includes(index) || keep.length === 1) continue;
    keep = keep.filter((i) => i !== index);
    dropped.push(name);
    widths = layout();
  }
  return { keep, widths, dropped };
}
