// `ecsimg show <image-id>`: one image, every field.
import type { EcsApi, Image, RpcParams } from '../api/types.js';
import { EcsimgError, NotFoundError, UsageError } from '../errors.js';
import type { IO } from '../io.js';
import { createFormatter } from '../output/format.js';
import { stringifyJson } from '../output/json.js';
import { renderKeyValue } from '../output/keyValue.js';
import { escapeJsonForTerminal } from '../output/text.js';
import type { GlobalOptions } from './globals.js';
import { isAllRegions } from './regions.js';
import { parseRegionList } from './regionList.js';
import type { Session } from './session.js';

export function parseImageId(value: string): string {
  const id = value.trim();
  if (id === '' || id.includes(',')) {
    throw new UsageError(`invalid image id "${value}"; show takes exactly one id`, {
      hint: 'for several images use: ecsimg list --image-id a,b',
    });
  }
  return id;
}

export async function showRun(imageId: string, global: GlobalOptions, session: Session, io: IO): Promise<void> {
  const { value } = session.region();
  const regionIds = isAllRegions(value) ? [] : parseRegionList(value);
  if (regionIds.length !== 1) {
    throw new UsageError(`show looks in one region; got "${value}"`, { hint: 'pass one --region, e.g. --region cn-hangzhou' });
  }
  const regionId = regionIds[0]!;
  const api = await session.apiFor(regionId);
  // Without an owner the API leaves out marketplace images, so look there second.
  const image =
    (await findImage(api, { RegionId: regionId, ImageId: imageId, Status: 'ALL' })) ??
    (await findImage(api, { RegionId: regionId, ImageId: imageId, Status: 'ALL', ImageOwnerAlias: 'marketplace' }));
  if (!image) {
    throw new NotFoundError(`image "${imageId}" was not found in ${regionId}`, {
      hint: 'check the id and the region; images of other regions have other ids (ecsimg list --region all --name ...)',
    });
  }
  switch (global.output) {
    case 'json':
      io.stdout.write(terminalSafeJson(`${stringifyJson(image, 2)}\n`, io));
      return;
    case 'table':
      io.stdout.write(renderKeyValue(image, { color: io.color }));
      return;
    default: {
      const formatter = createFormatter(global.output, io.stdout, {
        columns: Object.keys(image),
        header: true,
        tty: io.stdout.isTTY,
        color: io.color,
        width: io.stdout.columns,
      });
      formatter.write([image]);
      formatter.end();
    }
  }
}

function terminalSafeJson(json: string, io: IO): string {
  return io.stdout.isTTY ? escapeJsonForTerminal(json) : json;
}

async function findImage(api: EcsApi, params: RpcParams): Promise<Image | undefined> {
  try {
    const response = await api.describeImages({ ...params, PageSize: '10' });
    return response.Images.Image.find((image) => image.ImageId === params.ImageId);
  } catch (err) {
    if (err instanceof EcsimgError && err.code?.startsWith('InvalidImageId.')) return undefined;
    throw err;
  }
}
