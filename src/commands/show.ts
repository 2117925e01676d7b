// `ecsimg show <image-id>`: one image, every field.
import type { Image } from '../api/types.js';
import { NotFoundError } from '../errors.js';
import type { IO } from '../io.js';
import { isAllRegions, resolveRegionIds } from '../listing/regions.js';
import { askEachRegion } from '../listing/eachRegion.js';
import { imagePagesById } from '../listing/imagesById.js';
import { throwWalkOutcome } from '../listing/regionFailures.js';
import type { RegionWalk } from '../listing/walk.js';
import { createFormatter } from '../output/format.js';
import { stringifyJson } from '../output/json.js';
import { renderKeyValue } from '../output/keyValue.js';
import { shellWord } from '../output/shellWord.js';
import { escapeJsonForTerminal } from '../output/text.js';
import type { GlobalOptions } from './globals.js';
import { DEFAULT_CONCURRENCY } from './listOptions.js';
import type { Session } from './session.js';

/**
 * One request per region for up to 100 ids (a second, for marketplace images, only for ids
 * still missing there); an id is the first region's (in --region order) that has it. Missing ids
 * are exit 5 naming them, after the others are printed.
 */
export async function showRun(imageIds: string[], global: GlobalOptions, session: Session, io: IO): Promise<void> {
  const { regionIds, answers: byRegion, failures } = await session.withProgress(async () => {
    const regionIds = await resolveRegionIds(session);
    return { regionIds, ...(await askEachRegion(session, regionIds, DEFAULT_CONCURRENCY, (region) => findImages(region, imageIds))) };
  });
  const multiRegion = regionIds.length > 1;
  const found: Image[] = [];
  const missing: string[] = [];
  for (const id of imageIds) {
    const regionId = regionIds.find((r) => byRegion.get(r)?.has(id));
    if (regionId === undefined) missing.push(id);
    else found.push(multiRegion ? ({ RegionId: regionId, ...byRegion.get(regionId)!.get(id)! } as Image) : byRegion.get(regionId)!.get(id)!);
  }
  if (found.length > 0) print(found, imageIds.length === 1 && !multiRegion, global, io);
  throwWalkOutcome(failures, regionIds, missing.length > 0 ? notFound(missing, [...byRegion.keys()], isAllRegions(session.region().value)) : undefined, session.report);
}

function notFound(missing: string[], searched: string[], allRegions: boolean): NotFoundError {
  const where = searched.length > 3 ? `${searched.length} regions` : searched.join(', ');
  // A long list of ids would be one screen-wide line: name the first few.
  const quoted = missing.slice(0, SHOWN_IDS).map((id) => `"${id}"`).join(', ') + (missing.length > SHOWN_IDS ? ` and ${missing.length - SHOWN_IDS} more` : '');
  const named = missing.length === 1 ? `image ${quoted} was` : `images ${quoted} were`;
  return new NotFoundError(`${named} not found in ${where}`, {
    // Every region searched: --region all would only say the same again.
    hint: allRegions
      ? "check the id; the image may be deleted, or another account's and not shared with you"
      : `check the id and the region; images of other regions have other ids (ecsimg show ${shellWord(missing[0]!)} --region all searches them all)`,
  });
}

const SHOWN_IDS = 10;

/** One image as before (an object, or Key: value lines); several as an array, blocks or rows. */
function print(images: Image[], single: boolean, global: GlobalOptions, io: IO): void {
  switch (global.output) {
    case 'json':
      io.stdout.write(terminalSafeJson(`${stringifyJson(single ? images[0] : images, 2)}\n`, io));
      return;
    case 'table':
      io.stdout.write(images.map((image) => renderKeyValue(image, { color: io.color })).join('\n'));
      return;
    default: {
      const columns = [...new Set(images.flatMap((image) => Object.keys(image)))];
      const formatter = createFormatter(global.output, io.stdout, {
        columns,
        header: true,
        tty: io.stdout.isTTY,
        color: io.color,
        width: io.stdout.columns,
      });
      formatter.write(images);
      formatter.end();
    }
  }
}

export { print as printImages };

function terminalSafeJson(json: string, io: IO): string {
  return io.stdout.isTTY ? escapeJsonForTerminal(json) : json;
}

async function findImages(region: RegionWalk, imageIds: string[]): Promise<Map<string, Image>> {
  const found = new Map<string, Image>();
  for await (const page of imagePagesById(region, imageIds)) for (const image of page as Image[]) found.set(image.ImageId, image);
  return found;
}
