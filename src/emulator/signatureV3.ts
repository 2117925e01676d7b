// Signature V3 (ACS3-HMAC-SHA256), what the official SDKs send by default:
// https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature

import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { percentEncode } from './signature.js';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface V3Request {
  method: string;
  /** the URL path, `/` for RPC APIs such as ECS */
  pathname: string;
  /** the query string's parameters (not the form body: the body is signed through its hash) */
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface V3Authorization {
  accessKeyId: string;
  /** lower case, in the order the client listed them */
  signedHeaders: string[];
  signature: string;
}

/** V3 signs in the Authorization header; V1 in parameters (pop-core sends x-acs-action with V1 too). */
export function isV3Request(headers: IncomingHttpHeaders): boolean {
  return headers.authorization !== undefined;
}

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Action and Version from x-acs-action and x-acs-version, unless the parameters carry them. */
export function addV3Routing(params: Record<string, string>, headers: IncomingHttpHeaders): void {
  const action = single(headers, 'x-acs-action');
  const version = single(headers, 'x-acs-version');
  if (action !== undefined && !Object.hasOwn(params, 'Action')) params.Action = action;
  if (version !== undefined && !Object.hasOwn(params, 'Version')) params.Version = version;
}

/** Who a V3 request says it is, for the request log; nothing is verified here. */
export function v3Identity(headers: IncomingHttpHeaders): { accessKeyId?: string; securityToken?: string } {
  const authorization = single(headers, 'authorization');
  const accessKeyId = authorization === undefined ? undefined : parseAuthorization(authorization)?.accessKeyId;
  const securityToken = single(headers, 'x-acs-security-token');
  return { ...(accessKeyId === undefined ? {} : { accessKeyId }), ...(securityToken === undefined ? {} : { securityToken }) };
}

/** `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`; undefined when it is not that. */
export function parseAuthorization(value: string): V3Authorization | undefined {
  const m = /^ACS3-HMAC-SHA256 +(.*)$/.exec(value.trim());
  if (!m) return undefined;
  const fields = new Map<string, string>();
  for (const part of (m[1] ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return undefined;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) return undefined;
  return { accessKeyId, signedHeaders: signedHeaders.split(';').map((h) => h.trim().toLowerCase()), signature };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Every header a client must sign: host, content-type and each x-acs-* header it sent. */
export function headersToSign(headers: IncomingHttpHeaders): string[] {
  return Object.keys(headers).filter((name) => name === 'host' || name === 'content-type' || name.startsWith('x-acs-'));
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value.map((v) => v.trim()).sort().join(',') : (value ?? '')).trim();
}

function canonicalQuery(query: URLSearchParams): string {
  const pairs: [string, string][] = [];
  const seen = new Set<string>();
  for (const [key, value] of query) {
    // one value per name, the first, as the parameters are read (server.ts)
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push([percentEncode(key), percentEncode(value)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function canonicalUri(pathname: string): string {
  return pathname.split('/').map((segment) => percentEncode(decodeURIComponentSafe(segment))).join('/');
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The canonical request over the headers the client says it signed and the hash of the body actually received. */
export function canonicalRequest(request: V3Request, signedHeaders: readonly string[], hashedPayload: string): string {
  const names = [...signedHeaders].sort();
  return [
    request.method.toUpperCase(),
    canonicalUri(request.pathname),
    canonicalQuery(request.query),
    names.map((name) => `${name}:${headerValue(request.headers, name)}\n`).join(''),
    names.join(';'),
    hashedPayload,
  ].join('\n');
}

export function stringToSignV3(canonical: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonical)}`;
}

export function signV3(text: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(text, 'utf8').digest('hex');
}
