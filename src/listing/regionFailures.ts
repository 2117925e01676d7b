// The one error a walk of several regions ends with when some of them failed.
import { EcsimgError } from '../errors.js';

export interface RegionFailure {
  regionId: string;
  error: EcsimgError;
  /** ndjson had already printed some of its rows */
  printedInPart: boolean;
}

/** `outcome`, when given, says what came of it in place of what was listed (--count: no count is printed). */
export function regionsFailed(failures: RegionFailure[], regionIds: string[], outcome?: string): EcsimgError {
  const failed = failures.map((f) => f.regionId).join(', ');
  const every = failures.length === regionIds.length;
  const what = every ? `every region failed (${failed})` : `${failures.length} of ${regionIds.length} regions failed (${failed})`;
  if (outcome !== undefined) return new EcsimgError(`${what}; ${outcome}`, failures[0]!.error.exitCode);
  const inPart = failures.filter((f) => f.printedInPart).map((f) => f.regionId);
  // ndjson cannot take back what it printed: say so rather than "nothing".
  const printed = inPart.length === 0 ? '' : `${inPart.join(', ')} failed after some of ${inPart.length === 1 ? 'its' : 'their'} images were printed`;
  const message = every ? `${what}; ${printed || 'nothing was listed'}` : `${what}; the other regions were listed${printed ? `, and ${printed}` : ''}`;
  return new EcsimgError(message, failures[0]!.error.exitCode);
}

/**
 * After a walk's output: the failed regions' error, with what was not found (which may be in
 * a failed region) reported first; or the not-found error alone; or nothing.
 */
export function throwWalkOutcome(failures: RegionFailure[], regionIds: string[], missing: EcsimgError | undefined, report: (error: EcsimgError) => void): void {
  if (failures.length > 0) {
    if (missing) report(missing);
    throw regionsFailed(failures, regionIds);
  }
  if (missing) throw missing;
}
