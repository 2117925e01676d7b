// One answer from each region (show, show --family): the walk's limiter and failure rule,
// each failed region named on stderr as it comes, the others' answers kept.
import type { Session } from '../commands/session.js';
import type { RegionFailure } from './regionFailures.js';
import { walkRegions, type RegionWalk } from './walk.js';

export interface EachRegion<T> {
  /** the regions that answered, in --region order */
  answers: Map<string, T>;
  failures: RegionFailure[];
}

export async function askEachRegion<T>(session: Session, regionIds: string[], concurrency: number, ask: (region: RegionWalk) => Promise<T>): Promise<EachRegion<T>> {
  const walk = walkRegions((regionId) => session.apiFor(regionId), {
    regionIds,
    concurrency,
    warn: (line) => session.warn(line),
    async *pages(region) {
      // Wrapped: the region order reads an undefined item as none.
      yield { answer: await ask(region) };
    },
  });
  const answers = new Map<string, T>();
  const failures: RegionFailure[] = [];
  for await (const event of walk) {
    if (event.type === 'page') answers.set(event.regionId, event.page.answer);
    else if (event.type === 'regionFailed') {
      failures.push({ regionId: event.regionId, error: event.error, printedInPart: false });
      session.reportRegionFailure(event.regionId, event.error);
    }
  }
  return { answers, failures };
}
