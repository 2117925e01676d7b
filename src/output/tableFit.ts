// Which columns a terminal table keeps and how wide each is, by what a reader needs (as gh and
// kubectl do): an ID is never cut; a date narrows to its day; the columns that tell rows apart
// least give way (are left out) before a name is cut below what distinguishes it.
import { fitWidths } from './table.js';

/** Copied into scripts and shells: cutting one makes the row useless. */
const NEVER_CUT = new Set(['ImageId', 'RegionId', 'SnapshotId']);
/** Left out first, in this order, when the rest would not fit. */
const GIVE_WAY = ['ImageOwnerAlias', 'Architecture', 'Size', 'OSType', 'Platform', 'Status', 'OSName', 'RegionEndpoint'];
/** Left out, last, only when the table would otherwise wrap or a cut one would say nothing. */
const LAST_RESORT = ['CreationTime', 'ImageName', 'Description', 'LocalName'];
/** ISO times: the first 10 characters are the day. */
export const DATE_COLUMNS = new Set(['CreationTime']);
const DATE_WIDTH = 10;
/** Narrower than this, a cut column no longer tells rows apart: leave out another column first. */
const READABLE = 24;
/** Narrower than this, a cut column says nothing at all (`Ima…`, `…918`): leave it out. */
const SAYS_SOMETHING = 10;

/** What a layout adds to the content widths of n columns: perColumn * n + extra. */
export interface Frame {
  perColumn: number;
  extra: number;
}
/** `│ a │ b │`: a space each side and a rule per column, one rule more. */
export const BOX: Frame = { perColumn: 3, extra: 1 };
/** `a  b`: two spaces between columns. */
export const BORDERLESS: Frame = { perColumn: 2, extra: -2 };

export interface TableFit {
  /** indices of the columns kept, in order */
  keep: number[];
  /** content width of each kept column */
  widths: number[];
  /** the columns left out */
  dropped: string[];
  /** the width of its widest line: more than the terminal's only when an ID alone is wider */
  lineWidth: number;
}

/** `width`: the terminal's columns. */
export function fitTable(columns: string[], natural: number[], width: number, frame: Frame = BOX): TableFit {
  let keep = columns.map((_column, index) => index);
  const dropped: string[] = [];
  const narrowed = natural.map((w, index) => (DATE_COLUMNS.has(columns[index]!) ? Math.min(w, DATE_WIDTH) : w));
  const layout = (): number[] => {
    const budget = width - frame.perColumn * keep.length - frame.extra;
    const fixed = keep.filter((index) => NEVER_CUT.has(columns[index]!));
    const free = keep.filter((index) => !NEVER_CUT.has(columns[index]!));
    const fixedWidth = fixed.reduce((sum, index) => sum + natural[index]!, 0);
    const fitted = fitWidths(free.map((index) => narrowed[index]!), Math.max(free.length, budget - fixedWidth));
    return keep.map((index) => (NEVER_CUT.has(columns[index]!) ? natural[index]! : fitted[free.indexOf(index)]!));
  };
  const total = (widths: number[]): number => widths.reduce((sum, w) => sum + w, 0) + frame.perColumn * keep.length + frame.extra;
  const whole = keep.map((index) => natural[index]!);
  if (total(whole) <= width) return { keep, widths: whole, dropped, lineWidth: total(whole) };
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
  const saysNothing = (): boolean =>
    keep.some((index, at) => !NEVER_CUT.has(columns[index]!) && widths[at]! < Math.min(narrowed[index]!, SAYS_SOMETHING));
  // An ID wider than the terminal leaves room for little else: never a wrapped line.
  for (const name of LAST_RESORT) {
    if (total(widths) <= width && !saysNothing()) break;
    const index = columns.indexOf(name);
    if (!keep.includes(index) || keep.length === 1) continue;
    keep = keep.filter((i) => i !== index);
    dropped.push(name);
    widths = layout();
  }
  return { keep, widths, dropped, lineWidth: total(widths) };
}
