// The API actions the emulator implements, run after the gateway checks passed.

import type { ImageCatalogue } from './catalogue.js';
import { apiError, missingParameter } from './errors.js';
import type { FaultInjector } from './faults.js';
import type { CatalogueRegion } from './types.js';
import type { Lifecycle } from './lifecycle.js';
import { matchingImages, parseImageQuery } from './query.js';
import type { ServedImage } from './types.js';

type Params = Readonly<Record<string, string>>;

export const API_VERSION = '2014-05-26';

export interface ActionContext {
  catalogue: ImageCatalogue;
  faults: FaultInjector;
  lifecycle: Lifecycle;
  requestId: string;
}

type Handler = (params: Params, ctx: ActionContext) => object;

const HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeImages: describeImages,
  DescribeRegions: describeRegions,
  DescribeImageFromFamily: describeImageFromFamily,
};

export function isKnownAction(action: string): boolean {
  return Object.hasOwn(HANDLERS, action);
}

export function runAction(action: string, params: Params, ctx: ActionContext): object {
  const handler = HANDLERS[action];
  if (!handler) throw apiError('InvalidAction.NotFound');
  return handler(params, ctx);
}

function describeImages(params: Params, ctx: ActionContext): object {
  const query = parseImageQuery(params, (id) => ctx.catalogue.hasRegion(id));
  if (ctx.faults.rejectsImageIds(query.regionId, query.imageIds)) throw apiError('InvalidImageId.Malformed');
  if (query.dryRun) throw apiError('DryRunOperation');
  ctx.lifecycle.advance(query.regionId);
  const churn = ctx.faults.churnBefore(query.regionId);
  if (churn) ctx.catalogue.churn(query.regionId, churn.add, churn.remove);
  const matching = matchingImages(ctx.catalogue.sorted(query.regionId), query);
  const page = ctx.faults.page(query.regionId, matching, query.pageNumber, query.pageSize);
  return {
    RequestId: ctx.requestId,
    RegionId: query.regionId,
    TotalCount: page.totalCount,
    PageNumber: query.pageNumber,
    PageSize: query.pageSize,
    Images: { Image: page.images },
  };
}

/**
 * Alibaba Cloud's API reference (ECS 2014-05-26): RegionId and ImageFamily required; the newest
 * Available image of the family as `Image`, and "if no available image exists in the image
 * family, the response is empty": `Image: {}`. The images are those DescribeImages shows by
 * default (system, self, others), so a family query and a listing agree.
 */
function describeImageFromFamily(params: Params, ctx: ActionContext): object {
  const family = params.ImageFamily ?? '';
  const regionId = params.RegionId ?? '';
  // DescribeImages' own RegionId checks, in its order; with no other parameter its defaults are Available and the default owners
  const query = parseImageQuery({ RegionId: regionId, ImageFamily: family }, (id) => ctx.catalogue.hasRegion(id));
  if (family === '') throw missingParameter('ImageFamily');
  ctx.lifecycle.advance(query.regionId);
  // a recorded catalogue (--catalogue) keeps the file's order, which need not be newest first
  const newest = matchingImages(ctx.catalogue.sorted(query.regionId), query).reduce<ServedImage | undefined>(
    (best, image) => (best === undefined || image.CreationTime > best.CreationTime ? image : best),
    undefined,
  );
  return { RequestId: ctx.requestId, Image: newest ?? {} };
}

function describeRegions(params: Params, ctx: ActionContext): object {
  const language = (params.AcceptLanguage ?? '').toLowerCase();
  // Chinese unless English (en-US) or Japanese (ja) is asked for, as the API answers.
  const localName = (r: CatalogueRegion): string =>
    language.startsWith('en') ? r.LocalNameEn : language.startsWith('ja') ? r.LocalNameJa : r.LocalName;
  const regions = ctx.catalogue.regions().map((r) => ({
    RegionId: r.RegionId,
    LocalName: localName(r),
    RegionEndpoint: r.RegionEndpoint,
    Status: r.Status,
  }));
  return {
    RequestId: ctx.requestId,
    Regions: { Region: ctx.faults.badRegions ? [...regions, ...badRegionEntries(regions[0])] : regions },
  };
}

// The --bad-regions fault: entries a client must not turn into a request or an endpoint host.
function badRegionEntries(first: object | undefined): object[] {
  const rest = { LocalName: 'bad', RegionEndpoint: 'ecs.aliyuncs.com', Status: 'available' };
  const entry = (RegionId: unknown): object => ({ RegionId, ...rest });
  return [
    entry(5),
    entry(null),
    rest,
    entry('evil.example.com#'),
    entry('cn-hangzhou\u001b[31m'),
    ...(first ? [first] : []),
  ];
}
