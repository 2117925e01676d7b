// The shape an answer must have before anything reads it. Valid JSON that is no ECS answer
// (`null`, an image that is a number, a region that is an array) is a service failure,
// exit 4 (SPEC section 5), named here once, never a crash further on.
import { isRecord } from '../guards.js';
import { unexpectedResponseError, type RequestContext } from './apiErrors.js';
import type { DescribeImageFromFamilyResponse, DescribeImagesResponse, DescribeRegionsResponse, Image } from './types.js';

/** The body as an object; anything else is no answer of any action. */
export function answerObject(body: unknown, ctx: RequestContext): Record<string, unknown> {
  if (!isRecord(body)) throw unexpectedResponseError(`${what(body)}, not a JSON object`, ctx);
  return body;
}

export function checkedDescribeImages(body: Record<string, unknown>, ctx: RequestContext): DescribeImagesResponse {
  const images = isRecord(body.Images) ? body.Images.Image : undefined;
  if (typeof body.TotalCount !== 'number' || !Array.isArray(images)) throw malformed('no TotalCount or Images', body, ctx);
  // A count that is no count, or fewer than the images in the same answer, would end the
  // listing early and unnoticed: the answer contradicts itself.
  if (!Number.isInteger(body.TotalCount) || body.TotalCount < 0) throw malformed(`TotalCount ${body.TotalCount} is not a count`, body, ctx);
  if (images.length > body.TotalCount) throw malformed(`${images.length} images in a page, but TotalCount ${body.TotalCount}`, body, ctx);
  checkEntries(images, 'Images.Image', 'ImageId', body, ctx);
  return body as unknown as DescribeImagesResponse;
}

export function checkedDescribeRegions(body: Record<string, unknown>, ctx: RequestContext): DescribeRegionsResponse {
  const regions = isRecord(body.Regions) ? body.Regions.Region : undefined;
  if (!Array.isArray(regions)) throw malformed('no Regions', body, ctx);
  checkEntries(regions, 'Regions.Region', undefined, body, ctx);
  return body as unknown as DescribeRegionsResponse;
}

/**
 * Alibaba Cloud's API reference for DescribeImageFromFamily (2014-05-26): `{ RequestId, Image:
 * { ImageId, ImageFamily, CreationTime, Status, ... } }`, and "if no available image exists in
 * the image family, the response is empty": Image absent, `{}`, or an object without ImageId.
 */
export function checkedDescribeImageFromFamily(body: Record<string, unknown>, ctx: RequestContext): DescribeImageFromFamilyResponse {
  const image = body.Image;
  if (image === undefined) return { RequestId: body.RequestId as string };
  if (!isRecord(image)) throw malformed(`Image is ${what(image)}, not an object`, body, ctx);
  const id = image.ImageId;
  if (id !== undefined && id !== '' && typeof id !== 'string') throw malformed(`Image.ImageId is ${what(id)}, not a string`, body, ctx);
  return { RequestId: body.RequestId as string, ...(id === undefined || id === '' ? {} : { Image: image as Image }) };
}

/** Every entry an object, with its ID when one is named. */
function checkEntries(entries: unknown[], path: string, idField: string | undefined, body: Record<string, unknown>, ctx: RequestContext): void {
  entries.forEach((entry, i) => {
    if (!isRecord(entry)) throw malformed(`${path}[${i}] is ${what(entry)}, not an object`, body, ctx);
    if (idField !== undefined && typeof entry[idField] !== 'string') throw malformed(`${path}[${i}] has no ${idField}`, body, ctx);
  });
}

function malformed(problem: string, body: Record<string, unknown>, ctx: RequestContext): Error {
  return unexpectedResponseError(problem, ctx, { requestId: typeof body.RequestId === 'string' ? body.RequestId : undefined });
}

function what(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'bigint') return 'a number';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
