// `ecsimg wait`: poll DescribeImages until every image has the wanted status (exit 0), or
// one is missing past the grace polls (5), --max-wait passes (6), an image can no longer
// get there (7), or Ctrl-C (130). One request per region per round covers every id.
import { EcsimgError, ExitCode, InterruptedError, NotFoundError } from '../errors.js';
import type { IO } from '../io.js';
import { resolveRegionIds } from '../listing/regions.js';
import { imagePagesById } from '../listing/imagesById.js';
import { walkRegions } from '../listing/walk.js';
import type { Row } from '../output/format.js';
import { escapeControlChars } from '../output/text.js';
import { newestRow } from './clientSide.js';
import { imageRowsFormatter } from './imageRows.js';
import type { Session } from './session.js';
import type { ImageStatus, WaitOptions } from './waitOptions.js';

/** Rounds an image may be missing before it is "not found": a new image (a copy) takes a moment to appear. */
export const GRACE_POLLS = 3;

/** What one waited-for image is: an id (found in any region), or a name in one region. */
interface Target {
  label: string;
  /** the region it must be in (--name), or undefined (an id, any region) */
  regionId?: string;
  row?: Row;
  missingPolls: number;
  /** its region's last poll failed, or was cut short by --max-wait: its state is not known */
  unknown?: 'failed' | 'cut';
}

export async function waitRun(options: WaitOptions, session: Session, io: IO, signal: AbortSignal): Promise<void> {
  // The spinner from the first request on, DescribeRegions for --region all included.
  const progress = session.progress();
  const regionIds = await resolveRegionIds(session).catch((err: unknown) => {
    progress.clear();
    throw err;
  });
  const multiRegion = regionIds.length > 1;
  const targets: Target[] =
    options.name === undefined
      ? options.imageIds.map((id) => ({ label: id, missingPolls: 0 }))
      : regionIds.map((regionId) => ({ label: `"${options.name}" in ${regionId}`, regionId, missingPolls: 0 }));
  const reporter = statusReporter(options, session, io);
  // --max-wait is a deadline: it cuts a hung request or a long retry backoff, not only the pause.
  // Ctrl-C or the deadline, whichever comes first (AbortSignal.any is missing before Node 20.3).
  const ended = new AbortController();
  const stop = ended.signal;
  const interrupt = (): void => ended.abort();
  if (signal.aborted) ended.abort();
  else signal.addEventListener('abort', interrupt, { once: true });
  // --max-wait 0 checks once: one whole poll, no deadline inside it, no second one.
  const once = options.maxWaitSeconds === 0;
  const timer = once ? undefined : setTimeout(interrupt, options.maxWaitSeconds * 1000);
  const failing = new Set<string>();
  try {
    for (;;) {
      const byRegion: RoundResult = new Map();
      const cut = await pollRound(options, session, regionIds, stop, byRegion);
      if (signal.aborted) throw new InterruptedError();
      update(targets, byRegion, options);
      if (cut) throw timedOut(targets, options, failing);
      warnOnChange(byRegion, failing, session);
      reporter(targets);
      if (verdict(targets, options) === 'done') break;
      if (once) throw timedOut(targets, options, failing);
      // Ended early by Ctrl-C or the deadline: which one, the next lines tell.
      await sleep(options.intervalSeconds * 1000, stop).catch(() => undefined);
      if (signal.aborted) throw new InterruptedError();
      if (stop.aborted) throw timedOut(targets, options, failing);
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', interrupt);
    progress.clear();
  }
  const formatter = imageRowsFormatter(io, {
    output: options.global.output,
    columns: options.columns,
    fields: options.fields,
    header: options.header,
    multiRegion,
    quiet: options.global.quiet,
  });
  formatter.write(targets.map((t) => t.row!));
  formatter.end();
}

/** Each region's images this round, the failure that a later round may not have, or 'cut' by the deadline. */
type RoundResult = Map<string, Row[] | EcsimgError | 'cut'>;

/** Fills `result` with one round; true when `signal` cut it short (the regions not answered are 'cut'). */
async function pollRound(options: WaitOptions, session: Session, regionIds: string[], signal: AbortSignal, result: RoundResult): Promise<boolean> {
  const answered = new Set<string>();
  const walk = walkRegions((regionId) => session.apiFor(regionId), {
    regionIds,
    concurrency: options.concurrency,
    // A region that fails this round may answer the next: every failure is news, not the end.
    reportEveryFailure: true,
    // --columns RegionId with one region: a filled column (json keeps it), not an empty one.
    regionIdOnRows: options.fields?.includes('RegionId'),
    signal,
    warn: (line) => session.warn(line),
    pages(region) {
      if (options.name === undefined) return imagePagesById(region, options.imageIds);
      return region.imagePages({ RegionId: region.regionId, Status: 'ALL', ImageName: options.name }, { pageSize: 100, concurrency: 1 });
    },
  });
  const round = (async (): Promise<boolean> => {
    for await (const event of walk) {
      if (signal.aborted) return true;
      const { regionId } = event;
      if (event.type === 'regionStart') result.set(regionId, []);
      else if (event.type === 'page') (result.get(regionId) as Row[]).push(...event.page);
      else if (event.type === 'regionDone') answered.add(regionId);
      else {
        const err = event.error;
        answered.add(regionId);
        // (An id the API calls malformed is no failure: imagePagesById finds no image for it.)
        if (err.exitCode === ExitCode.service) result.set(regionId, err);
        else throw err;
      }
    }
    return signal.aborted;
  })().catch((err: unknown) => {
    if (signal.aborted) return true;
    throw err;
  });
  // A request in flight ends only at its --timeout: the deadline does not wait for it.
  let onAbort = (): void => undefined;
  const aborted = new Promise<boolean>((resolve) => {
    onAbort = () => resolve(true);
    if (signal.aborted) resolve(true);
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const cut = await Promise.race([round, aborted]);
    if (cut) for (const regionId of regionIds) if (!answered.has(regionId)) result.set(regionId, 'cut');
    return cut;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** A failing region is news once, when it starts failing, and once when it answers again: not every poll. */
function warnOnChange(byRegion: RoundResult, failing: Set<string>, session: Session): void {
  for (const [regionId, outcome] of byRegion) {
    if (outcome instanceof EcsimgError && !failing.has(regionId)) {
      failing.add(regionId);
      session.warn(`${regionId}: ${outcome.message}; still waiting (told once; polling goes on)`);
    } else if (Array.isArray(outcome) && failing.delete(regionId)) {
      session.warn(`${regionId} answers again`);
    }
  }
}

/** Rows carry RegionId only with several regions (the walk's rule), as they are printed. */
function update(targets: Target[], byRegion: RoundResult, options: WaitOptions): void {
  const unknownOf = (rows: Row[] | EcsimgError | 'cut' | undefined): Target['unknown'] =>
    rows === 'cut' ? 'cut' : rows instanceof EcsimgError ? 'failed' : undefined;
  const all = [...byRegion.values()];
  const anyUnknown = all.includes('cut') ? 'cut' : all.some((r) => r instanceof EcsimgError) ? 'failed' : undefined;
  for (const target of targets) {
    let found: Row | undefined;
    if (target.regionId !== undefined) {
      const rows = byRegion.get(target.regionId);
      target.unknown = unknownOf(rows);
      if (!Array.isArray(rows) && rows !== undefined) continue;
      found = newestRow((rows ?? []).filter((row) => row.ImageName === options.name));
    } else {
      for (const rows of all) if (Array.isArray(rows)) found ??= rows.find((row) => row.ImageId === target.label);
      target.unknown = found ? undefined : anyUnknown;
    }
    if (found) {
      target.row = found;
      target.missingPolls = 0;
    } else if (!target.unknown) {
      target.row = undefined;
      target.missingPolls += 1;
    }
  }
}

/** Statuses of an image that is made already: it does not go back to Waiting or Creating, nor fail to be made. */
const MADE: ImageStatus[] = ['Available', 'UnAvailable', 'Deprecated'];

/** The statuses an image does not leave for `wanted`: Waiting -> Creating -> made or CreateFailed. */
export function deadEnds(wanted: ImageStatus): ImageStatus[] {
  switch (wanted) {
    case 'Waiting':
      return ['Creating', 'CreateFailed', ...MADE];
    case 'Creating':
      return ['CreateFailed', ...MADE];
    case 'CreateFailed':
      return MADE;
    case 'Available':
      return ['CreateFailed', 'UnAvailable', 'Deprecated'];
    default:
      return ['CreateFailed'];
  }
}

/** What to do about an image stuck in `status`, waiting for `wanted`. */
function stuckHint(status: ImageStatus, wanted: ImageStatus): string {
  if (status === 'CreateFailed') return 'a failed copy or build must be started again';
  if (wanted === 'CreateFailed') return `it was made (${status}): an image that is made does not fail; wait for its present status instead`;
  if (wanted === 'Waiting' || wanted === 'Creating') return `it is past ${wanted}: an image does not go back; wait for its present status instead`;
  if (status === 'Deprecated') return 'the image was deprecated: pick a newer one (e.g. ecsimg list --latest) or ask its owner';
  return 'the image was made unavailable (by its owner or the service): see why in the console, or pick another image';
}

function verdict(targets: Target[], options: WaitOptions): 'done' | 'wait' {
  const missing = targets.filter((t) => t.row === undefined && t.missingPolls >= GRACE_POLLS);
  if (missing.length > 0) {
    const what =
      options.name === undefined
        ? namedFew(missing.map((t) => `image "${t.label}"`))
        : `no image named "${options.name}" in ${namedFew(missing.map((t) => t.regionId!))}`;
    throw new NotFoundError(`${what}: not found after ${GRACE_POLLS} polls`, {
      hint: options.name === undefined ? 'check the id and --region (images of other regions have other ids)' : 'check the name (matched exactly) and --region',
    });
  }
  const stuck = targets.filter((t) => t.row !== undefined && deadEnds(options.status).includes(t.row.Status as ImageStatus));
  if (stuck.length > 0) {
    const what = stuck.map((t) => `${describe(t)} is ${String(t.row!.Status)}`).join(', ');
    const hints = [...new Set(stuck.map((t) => stuckHint(t.row!.Status as ImageStatus, options.status)))];
    throw new EcsimgError(`${what}; it cannot become ${options.status}`, ExitCode.unreachable, { hint: hints.join('; ') });
  }
  return targets.every((t) => t.row?.Status === options.status) ? 'done' : 'wait';
}

/** The first ten of a list, then how many more: a line an operator can read. */
function namedFew(items: string[]): string {
  return items.slice(0, 10).join(', ') + (items.length > 10 ? ` and ${items.length - 10} more` : '');
}

/** `failing`: the regions whose last answered poll failed (a poll the deadline cut keeps that standing). */
function timedOut(targets: Target[], options: WaitOptions, failing: ReadonlySet<string>): EcsimgError {
  const left = targets.filter((t) => t.row?.Status !== options.status);
  const pending = left.map((t) => `${describe(t)} ${stateOf(t)}`).join(', ');
  // A region that kept failing (a hung one: failed, then cut) is not fixed by waiting longer.
  const keptFailing = left.some((t) => t.unknown === 'failed' || (t.unknown === 'cut' && failing.size > 0));
  const hint = keptFailing
    ? 'requests kept failing where the state is unknown (see the warnings above): check the network, the endpoint or the region before waiting longer'
    : options.maxWaitSeconds === 0
      ? 'wait for it with --max-wait, e.g. --max-wait 30m'
      : 'wait longer with --max-wait, e.g. --max-wait 1h';
  const what =
    options.maxWaitSeconds === 0
      ? `not every image was ${options.status} at the one check of --max-wait 0`
      : `--max-wait ${options.maxWaitSeconds} s passed before every image was ${options.status}`;
  return new EcsimgError(`${what}: ${pending}`, ExitCode.timedOut, { hint });
}

function describe(target: Target): string {
  if (target.regionId === undefined) return target.row?.RegionId === undefined ? `image ${target.label}` : `image ${target.label} in ${String(target.row.RegionId)}`;
  return target.row === undefined ? target.label : `image ${String(target.row.ImageId)} (${target.label})`;
}

function stateOf(target: Target): string {
  if (target.unknown === 'cut') return `unknown (its poll was cut short by --max-wait${target.row === undefined ? '' : `; last seen ${String(target.row.Status)}`})`;
  if (target.row === undefined) return target.unknown ? 'unknown (the last request failed)' : 'not found yet';
  const status = String(target.row.Status);
  const progress = target.row.Progress;
  return status === 'Creating' && typeof progress === 'string' && progress !== '' ? `${status} ${progress}` : status;
}

/** A spinner where one can animate; elsewhere (a pipe, TERM=dumb, CI, a terminal of unknown width) a stderr line per change of status; -q: nothing. */
function statusReporter(options: WaitOptions, session: Session, io: IO): (targets: Target[]) => void {
  const progress = session.progress();
  const lines = !options.global.quiet && !io.stderr.animates;
  const last = new Map<Target, string>();
  return (targets) => {
    progress.update(`waiting for ${options.status}: ${targets.map((t) => `${describe(t)} ${stateOf(t)}`).join(', ')}`);
    if (!lines) return;
    for (const target of targets) {
      const status = target.row === undefined ? stateOf(target) : String(target.row.Status);
      if (last.get(target) === status) continue;
      last.set(target, status);
      io.stderr.write(`${escapeControlChars(`${describe(target)}: ${stateOf(target)}`)}\n`);
    }
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new InterruptedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
