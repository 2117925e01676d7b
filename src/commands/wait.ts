// `ecsimg wait`: poll DescribeImages until every image has the wanted status (exit 0), or
// one is missing past the grace polls (5), --max-wait passes (6), an image can no longer
// get there (7), or Ctrl-C (130). One request per region per round covers every id.
import type { RpcParams } from '../api/types.js';
import { EcsimgError, ExitCode, InterruptedError, NotFoundError } from '../errors.js';
import type { IO } from '../io.js';
import { resolveRegionIds } from '../listing/regions.js';
import { walkRegions } from '../listing/walk.js';
import { createFormatter, type Row } from '../output/format.js';
import { escapeControlChars } from '../output/text.js';
import { newestRow } from './clientSide.js';
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
  /** its region's last poll failed: its state is not known this round */
  unknown: boolean;
}

export async function waitRun(options: WaitOptions, session: Session, io: IO, signal: AbortSignal): Promise<void> {
  const regionIds = await resolveRegionIds(session);
  const multiRegion = regionIds.length > 1;
  const targets: Target[] =
    options.name === undefined
      ? options.imageIds.map((id) => ({ label: id, missingPolls: 0, unknown: false }))
      : regionIds.map((regionId) => ({ label: `"${options.name}" in ${regionId}`, regionId, missingPolls: 0, unknown: false }));
  const reporter = statusReporter(options, session, io);
  const deadline = Date.now() + options.maxWaitSeconds * 1000;
  try {
    for (;;) {
      if (signal.aborted) throw new InterruptedError();
      const byRegion = await pollRound(options, session, regionIds, signal);
      update(targets, byRegion, options);
      reporter(targets);
      const ended = verdict(targets, options);
      if (ended === 'done') break;
      const left = deadline - Date.now();
      if (left <= 0) throw timedOut(targets, options);
      await sleep(Math.min(left, options.intervalSeconds * 1000), signal);
    }
  } finally {
    session.progress().clear();
  }
  const columns = multiRegion && !options.columns.includes('RegionId') ? ['RegionId', ...options.columns] : options.columns;
  const formatter = createFormatter(options.global.output, io.stdout, { columns, header: options.header, tty: io.stdout.isTTY, color: io.color, width: io.stdout.columns });
  formatter.write(targets.map((t) => t.row!));
  formatter.end();
}

/** Each region's images this round, or the failure that a later round may not have. */
type RoundResult = Map<string, Row[] | EcsimgError>;

async function pollRound(options: WaitOptions, session: Session, regionIds: string[], signal: AbortSignal): Promise<RoundResult> {
  const result: RoundResult = new Map();
  const walk = walkRegions((regionId) => session.apiFor(regionId), {
    regionIds,
    concurrency: options.concurrency,
    // A region that fails this round may answer the next: every failure is news, not the end.
    reportEveryFailure: true,
    signal,
    warn: (line) => session.warn(line),
    pages(region) {
      const base: RpcParams = { RegionId: region.regionId, Status: 'ALL' };
      if (options.name !== undefined) base.ImageName = options.name;
      else base.ImageId = options.imageIds.join(',');
      return region.imagePages(base, { pageSize: 100, concurrency: 1 });
    },
  });
  try {
    for await (const event of walk) {
      const { regionId } = event;
      if (event.type === 'regionStart') result.set(regionId, []);
      else if (event.type === 'page') (result.get(regionId) as Row[]).push(...event.page);
      else if (event.type === 'regionFailed') {
        const err = event.error;
        if (signal.aborted) throw new InterruptedError();
        // The API answers a malformed id with an error rather than an empty list.
        if (err.code?.startsWith('InvalidImageId.')) result.set(regionId, []);
        else if (err.exitCode === ExitCode.service) result.set(regionId, err);
        else throw err;
      }
    }
  } catch (err) {
    if (signal.aborted) throw new InterruptedError();
    throw err;
  }
  for (const [regionId, outcome] of result) {
    if (outcome instanceof EcsimgError) session.warn(`${regionId}: ${outcome.message}; still waiting`);
  }
  return result;
}

/** Rows carry RegionId only with several regions (the walk's rule), as they are printed. */
function update(targets: Target[], byRegion: RoundResult, options: WaitOptions): void {
  const failed = [...byRegion.values()].some((r) => r instanceof EcsimgError);
  for (const target of targets) {
    let found: Row | undefined;
    if (target.regionId !== undefined) {
      const rows = byRegion.get(target.regionId);
      target.unknown = rows instanceof EcsimgError;
      if (rows instanceof EcsimgError) continue;
      found = newestRow((rows ?? []).filter((row) => row.ImageName === options.name));
    } else {
      target.unknown = failed;
      for (const rows of byRegion.values()) {
        if (rows instanceof EcsimgError) continue;
        found ??= rows.find((row) => row.ImageId === target.label);
      }
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

/** The statuses an image does not leave for `wanted`. */
function deadEnds(wanted: ImageStatus): ImageStatus[] {
  if (wanted === 'CreateFailed') return [];
  if (wanted === 'Available') return ['CreateFailed', 'UnAvailable', 'Deprecated'];
  return ['CreateFailed'];
}

function verdict(targets: Target[], options: WaitOptions): 'done' | 'wait' {
  const missing = targets.filter((t) => t.row === undefined && t.missingPolls >= GRACE_POLLS);
  if (missing.length > 0) {
    const what = missing.map((t) => (t.regionId === undefined ? `image "${t.label}"` : `no image named ${t.label}`)).join(', ');
    throw new NotFoundError(`${what}: not found after ${GRACE_POLLS} polls`, {
      hint: options.name === undefined ? 'check the id and --region (images of other regions have other ids)' : 'check the name (matched exactly) and --region',
    });
  }
  const stuck = targets.filter((t) => t.row !== undefined && deadEnds(options.status).includes(t.row.Status as ImageStatus));
  if (stuck.length > 0) {
    const what = stuck.map((t) => `${describe(t)} is ${String(t.row!.Status)}`).join(', ');
    throw new EcsimgError(`${what}; it cannot become ${options.status}`, ExitCode.unreachable, {
      hint: 'see the image in the console or with ecsimg show; a failed copy or build must be started again',
    });
  }
  return targets.every((t) => t.row?.Status === options.status) ? 'done' : 'wait';
}

function timedOut(targets: Target[], options: WaitOptions): EcsimgError {
  const pending = targets.filter((t) => t.row?.Status !== options.status).map((t) => `${describe(t)} ${stateOf(t)}`);
  return new EcsimgError(`--max-wait ${options.maxWaitSeconds} s passed before every image was ${options.status}: ${pending.join(', ')}`, ExitCode.timedOut, {
    hint: 'wait longer with --max-wait, e.g. --max-wait 1h',
  });
}

function describe(target: Target): string {
  if (target.regionId === undefined) return target.row?.RegionId === undefined ? `image ${target.label}` : `image ${target.label} in ${String(target.row.RegionId)}`;
  return target.row === undefined ? target.label : `image ${String(target.row.ImageId)} (${target.label})`;
}

function stateOf(target: Target): string {
  if (target.row === undefined) return target.unknown ? 'unknown (the last request failed)' : 'not found yet';
  const status = String(target.row.Status);
  const progress = target.row.Progress;
  return status === 'Creating' && typeof progress === 'string' && progress !== '' ? `${status} ${progress}` : status;
}

/** A spinner on a terminal; off one, a stderr line per change of status; -q: nothing. */
function statusReporter(options: WaitOptions, session: Session, io: IO): (targets: Target[]) => void {
  const progress = session.progress();
  const lines = !options.global.quiet && !io.stderr.isTTY;
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
