// `ecsimg show --family <name>`: the newest Available image of an image family in each
// region (DescribeImageFromFamily), printed as `show` prints images.
import type { Image } from '../api/types.js';
import { NotFoundError, UsageError } from '../errors.js';
import type { IO } from '../io.js';
import type { GlobalOptions } from './globals.js';
import { askEachRegion } from '../listing/eachRegion.js';
import { throwWalkOutcome } from '../listing/regionFailures.js';
import { resolveRegionIds } from '../listing/regions.js';
import { DEFAULT_CONCURRENCY } from './listOptions.js';
import type { Session } from './session.js';
import { printImages } from './show.js';
import { shellWord } from '../output/shellWord.js';

// The API reference's rule for a family name (2 to 128 characters, letters, digits, ':', '_',
// '-', a letter first), without its ban on the prefixes acs: and aliyun: those name the
// public families, which may be asked for, only not created.
const FAMILY_NAME = /^\p{L}[\p{L}\p{N}:_-]{1,127}$/u;

/** The family of `show --family`, checked before any request; ids beside it are a usage error. */
export function parseFamilyRequest(family: string, imageIds: string[]): string {
  if (imageIds.length > 0) {
    throw new UsageError(`show takes image ids or --family, not both (got ${imageIds.length === 1 ? 'an id' : `${imageIds.length} ids`} and --family)`, {
      hint: 'ecsimg show --family <name>; or ecsimg show <image-id>...',
    });
  }
  if (!FAMILY_NAME.test(family)) {
    const shown = family.length > 60 ? `${family.slice(0, 60)}…` : family;
    throw new UsageError(`invalid image family ${JSON.stringify(shown)}: 2 to 128 letters, digits, ':', '_' or '-', starting with a letter`, {
      hint: 'e.g. ecsimg show --family acs:ubuntu_22_04_x64',
    });
  }
  return family;
}

/**
 * One DescribeImageFromFamily per region. With several regions each image carries its
 * RegionId first; regions where the family has no Available image are exit 5 naming them,
 * after the others are printed.
 */
export async function showFamilyRun(family: string, global: GlobalOptions, session: Session, io: IO): Promise<void> {
  const { regionIds, answers, failures } = await session.withProgress(async () => {
    const regionIds = await resolveRegionIds(session);
    const asked = await askEachRegion(session, regionIds, DEFAULT_CONCURRENCY, async (region) =>
      (await region.request((api, signal) => api.describeImageFromFamily({ RegionId: region.regionId, ImageFamily: family }, signal))).Image,
    );
    return { regionIds, ...asked };
  });
  const multiRegion = regionIds.length > 1;
  const found: Image[] = [];
  const missing: string[] = [];
  for (const [regionId, image] of answers) {
    if (image === undefined) missing.push(regionId);
    else found.push(multiRegion ? ({ RegionId: regionId, ...image } as Image) : image);
  }
  if (found.length > 0) printImages(found, !multiRegion, global, io);
  const none =
    missing.length === 0
      ? undefined
      : new NotFoundError(`image family "${family}" has no Available image in ${missing.join(', ')}`, {
          hint: `check the family name and the region; ecsimg list --family ${shellWord(family)} --status all shows its images in any status`,
        });
  throwWalkOutcome(failures, regionIds, none, session.report);
}
