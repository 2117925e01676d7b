// A tiny RPC client written apart from the emulator's own signature code, so a mistake
// there cannot cancel itself out, plus an independent DescribeImages filter.

import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Catalogue, CatalogueImage } from '../../src/emulator/index.js';

export interface TestCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  credentials: TestCredentials;
  /** common parameters to leave out */
  omit?: string[];
  /** common parameters to replace (before signing) */
  override?: Record<string, string>;
  /** send this Signature instead of the right one */
  signature?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A');
}

export function signV1(method: string, params: Record<string, string>, secret: string): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .map((k) => [rfc3986(k), rfc3986(params[k] ?? '')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const text = `${method}&${rfc3986('/')}&${rfc3986(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(text).digest('base64');
}

export function nowTimestamp(offsetMs = 0): string {
  return `${new Date(Date.now() + offsetMs).toISOString().slice(0, 19)}Z`;
}

export function buildParams(action: string, params: Record<string, string>, options: CallOptions): Record<string, string> {
  const method = options.method ?? 'POST';
  const all: Record<string, string> = {
    Action: action,
    Format: 'JSON',
    Version: '2014-05-26',
    AccessKeyId: options.credentials.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: randomUUID(),
    Timestamp: nowTimestamp(),
    ...(options.credentials.securityToken ? { SecurityToken: options.credentials.securityToken } : {}),
    ...params,
    ...options.override,
  };
  for (const name of options.omit ?? []) delete all[name];
  if (!options.omit?.includes('Signature')) all.Signature = options.signature ?? signV1(method, all, options.credentials.accessKeySecret);
  return all;
}

export async function send(endpoint: string, method: 'GET' | 'POST', params: Record<string, string>): Promise<CallResult> {
  const form = new URLSearchParams(params).toString();
  const response =
    method === 'GET'
      ? await fetch(`${endpoint}/?${form}`)
      : await fetch(`${endpoint}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export function call(endpoint: string, action: string, params: Record<string, string>, options: CallOptions): Promise<CallResult> {
  const method = options.method ?? 'POST';
  return send(endpoint, method, buildParams(action, params, options));
}

/** Every ImageId of every page, in order, plus the TotalCount each page reported. */
export async function listAll(endpoint: string, params: Record<string, string>, credentials: TestCredentials): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  for (let page = 1; ; page++) {
    const r = await call(endpoint, 'DescribeImages', { PageSize: '100', ...params, PageNumber: String(page) }, { credentials });
    if (r.status !== 200) throw new Error(`page ${page}: ${r.status} ${r.text}`);
    totals.push(r.body.TotalCount);
    const images = r.body.Images.Image as { ImageId: string }[];
    ids.push(...images.map((i) => i.ImageId));
    if (images.length === 0 || ids.length >= r.body.TotalCount) break;
  }
  return { ids, totals };
}

export interface ExpectedFilter {
  imageIds?: string[];
  /** undefined: Available only; 'ALL': everything */
  statuses?: string[] | 'ALL';
  name?: string;
  owner?: string;
  usage?: string;
  tags?: { key: string; value?: string }[];
  family?: string;
  osType?: string;
  architecture?: string;
  snapshotId?: string;
  /** ISO strings, inclusive */
  createdFrom?: string;
  createdTo?: string;
}

/** DescribeImages semantics re-stated plainly over catalogue.images(): the yardstick for the server. */
export function expectedImages(catalogue: Catalogue, regionId: string, f: ExpectedFilter): CatalogueImage[] {
  const statuses = f.statuses ?? ['Available'];
  const owners = f.owner ? [f.owner] : ['system', 'self', 'others'];
  const result = catalogue.images(regionId).filter((image) => {
    if (!owners.includes(image.ImageOwnerAlias)) return false;
    if (statuses !== 'ALL' && !statuses.includes(image.Status)) return false;
    if (f.imageIds && !f.imageIds.includes(image.ImageId)) return false;
    if (f.name !== undefined && !image.ImageName.toLowerCase().includes(f.name.toLowerCase())) return false;
    if (f.usage !== undefined && image.Usage !== f.usage) return false;
    if (f.family !== undefined && image.ImageFamily !== f.family) return false;
    if (f.osType !== undefined && image.OSType !== f.osType) return false;
    if (f.architecture !== undefined && image.Architecture !== f.architecture) return false;
    if (f.snapshotId !== undefined && !image.DiskDeviceMappings.DiskDeviceMapping.map((d) => d.SnapshotId).includes(f.snapshotId)) return false;
    const created = Date.parse(image.CreationTime);
    if (f.createdFrom !== undefined && created < Date.parse(f.createdFrom)) return false;
    if (f.createdTo !== undefined && created > Date.parse(f.createdTo)) return false;
    for (const t of f.tags ?? []) {
      const values = image.Tags.Tag.filter((tag) => tag.TagKey === t.key).map((tag) => tag.TagValue);
      if (values.length === 0) return false;
      if (t.value && !values.includes(t.value)) return false;
    }
    return true;
  });
  return result.sort((a, b) => Date.parse(b.CreationTime) - Date.parse(a.CreationTime) || (a.ImageId < b.ImageId ? -1 : a.ImageId > b.ImageId ? 1 : 0));
}

export interface V3CallOptions {
  method?: 'GET' | 'POST';
  /** parameters in the form body (POST) instead of the query string */
  inBody?: boolean;
  credentials: TestCredentials;
  /** headers to add or replace before signing; undefined removes one */
  headers?: Record<string, string | undefined>;
  /** sign with this Authorization instead */
  authorization?: string;
  /** changed after signing, as a man in the middle would */
  tamper?: { params?: Record<string, string>; headers?: Record<string, string> };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Signature V3, written apart from src/emulator/signatureV3.ts from the documentation's steps. */
export function authorizationV3(method: string, query: Record<string, string>, headers: Record<string, string>, body: string, credentials: TestCredentials): string {
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(query[k] ?? '')}`)
    .join('&');
  const names = Object.keys(headers).filter((h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-')).sort();
  const canonicalHeaders = names.map((h) => `${h}:${(headers[h] ?? '').trim()}\n`).join('');
  const canonical = [method, '/', canonicalQuery, canonicalHeaders, names.join(';'), sha256(body)].join('\n');
  const signature = createHmac('sha256', credentials.accessKeySecret).update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`).digest('hex');
  return `ACS3-HMAC-SHA256 Credential=${credentials.accessKeyId},SignedHeaders=${names.join(';')},Signature=${signature}`;
}

/** One V3-signed call, as the official SDKs make it: action and version in headers. */
export async function callV3(endpoint: string, action: string, params: Record<string, string>, options: V3CallOptions): Promise<CallResult> {
  const method = options.method ?? 'POST';
  const inBody = method === 'POST' && options.inBody === true;
  const query = inBody ? {} : params;
  const body = inBody ? new URLSearchParams(params).toString() : '';
  const headers: Record<string, string> = {
    host: new URL(endpoint).host,
    'x-acs-action': action,
    'x-acs-version': '2014-05-26',
    'x-acs-date': nowTimestamp(),
    'x-acs-signature-nonce': randomUUID().replaceAll('-', ''),
    'x-acs-content-sha256': sha256(body),
    ...(inBody ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...(options.credentials.securityToken ? { 'x-acs-security-token': options.credentials.securityToken } : {}),
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const authorization = options.authorization ?? authorizationV3(method, query, headers, body, options.credentials);
  const sentQuery = new URLSearchParams(inBody ? {} : { ...params, ...options.tamper?.params }).toString();
  const sentBody = inBody ? new URLSearchParams({ ...params, ...options.tamper?.params }).toString() : undefined;
  const { host: _host, ...sentHeaders } = { ...headers, ...options.tamper?.headers };
  const response = await fetch(`${endpoint}/${sentQuery === '' ? '' : `?${sentQuery}`}`, {
    method,
    headers: { ...sentHeaders, authorization },
    ...(sentBody === undefined ? {} : { body: sentBody }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** What pop-core rejects with when the server answers with an error body. */
export interface PopError extends Error {
  code: string;
  data: { Code: string; Message: string; RequestId: string; HostId: string; Recommend: string };
  entry: { response: { statusCode: number; headers: Record<string, string> } };
}

/** The error a pop-core request rejects with; a request that succeeds fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<PopError> {
  try {
    await promise;
  } catch (error) {
    return error as PopError;
  }
  throw new Error('expected the request to fail');
}
