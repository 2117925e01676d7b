// The emulator's control API (SPEC section 8), unsigned JSON under /_emulator/, for tests
// and runbook rehearsals: add an image to a region, read or change one image's status.
//   POST  /_emulator/images            {"RegionId","ImageName",["ImageId","ImageFamily","Description",
//                                         "Status","CreatingSeconds","Fails","AfterSeconds"]}  -> 201
//   GET   /_emulator/images/<id>[?RegionId=]                                                   -> 200 | 404
//   PATCH /_emulator/images/<id>      {"Status",["Progress","RegionId"]} (POST also accepted)   -> 200 | 404
// Answers are {"RegionId", "Image"} or {"Error": "<what is wrong>"}.

import type { AddImageSpec, Lifecycle } from './lifecycle.js';
import { STATUSES } from './query.js';
import type { ImageStatus } from './types.js';

export const CONTROL_PATH_PREFIX = '/_emulator/';

export interface ControlAnswer {
  status: number;
  body: object;
}

export function isControlPath(path: string): boolean {
  return path.startsWith(CONTROL_PATH_PREFIX);
}

export function runControl(
  method: string,
  path: string,
  query: URLSearchParams,
  body: string,
  lifecycle: Lifecycle,
  hasRegion: (regionId: string) => boolean,
): ControlAnswer {
  const fail = (status: number, error: string): ControlAnswer => ({ status, body: { Error: error } });
  const rest = path.slice(CONTROL_PATH_PREFIX.length);
  if (rest !== 'images' && !rest.startsWith('images/')) return fail(404, `no such control resource: ${path}`);
  let input: Record<string, unknown> = {};
  if (body.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail(400, 'the body must be a JSON object');
      input = parsed as Record<string, unknown>;
    } catch {
      return fail(400, 'the body is not JSON');
    }
  }
  const region = (value: unknown): string | undefined | ControlAnswer => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !hasRegion(value)) return fail(400, `RegionId ${JSON.stringify(value)} is not a region the emulator serves`);
    return value;
  };
  const status = (value: unknown): ImageStatus | undefined | ControlAnswer => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !(STATUSES as readonly string[]).includes(value)) return fail(400, `Status must be one of ${STATUSES.join(', ')}`);
    return value as ImageStatus;
  };
  const seconds = (name: string): number | undefined | ControlAnswer => {
    const value = input[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 86_400) return fail(400, `${name} must be a number of seconds from 0 to 86400`);
    return value;
  };
  const text = (name: string): string | undefined | ControlAnswer => {
    const value = input[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') return fail(400, `${name} must be a non-empty string`);
    return value;
  };

  if (rest === 'images') {
    if (method !== 'POST') return fail(405, 'POST /_emulator/images adds an image');
    const values = {
      RegionId: region(input.RegionId),
      ImageName: text('ImageName'),
      ImageId: text('ImageId'),
      ImageFamily: text('ImageFamily'),
      Description: text('Description'),
      Status: status(input.Status),
      CreatingSeconds: seconds('CreatingSeconds'),
      AfterSeconds: seconds('AfterSeconds'),
    };
    for (const v of Object.values(values)) if (isAnswer(v)) return v;
    if (values.RegionId === undefined) return fail(400, 'RegionId is required');
    if (values.ImageName === undefined) return fail(400, 'ImageName is required');
    if (input.Fails !== undefined && typeof input.Fails !== 'boolean') return fail(400, 'Fails must be true or false');
    const spec = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as unknown as AddImageSpec;
    if (values.ImageId !== undefined && lifecycle.find(values.ImageId as string, values.RegionId as string)) {
      return fail(409, `image ${values.ImageId as string} already exists in ${values.RegionId as string}`);
    }
    return { status: 201, body: lifecycle.add({ ...spec, ...(input.Fails === true ? { Fails: true } : {}) }) };
  }

  const imageId = decodeURIComponent(rest.slice('images/'.length));
  const where = region(method === 'GET' ? (query.get('RegionId') ?? undefined) : input.RegionId);
  if (isAnswer(where)) return where;
  if (method === 'GET') {
    const found = lifecycle.find(imageId, where);
    return found ? { status: 200, body: found } : fail(404, `no image ${imageId}${where ? ` in ${where}` : ' in the regions served so far'}`);
  }
  if (method !== 'PATCH' && method !== 'POST') return fail(405, 'PATCH /_emulator/images/<id> changes its status');
  const next = status(input.Status);
  if (isAnswer(next)) return next;
  if (next === undefined) return fail(400, 'Status is required');
  const progress = text('Progress');
  if (isAnswer(progress)) return progress;
  if (progress !== undefined && !/^(\d|[1-9]\d|100)%$/.test(progress)) return fail(400, 'Progress must be like 35%');
  const changed = lifecycle.setStatus(imageId, next, progress, where);
  return changed ? { status: 200, body: changed } : fail(404, `no image ${imageId}${where ? ` in ${where}` : ' in the regions served so far'}`);
}

function isAnswer(value: unknown): value is ControlAnswer {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}
