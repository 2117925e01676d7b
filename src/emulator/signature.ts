// RPC signature v1: https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism

import { createHmac } from 'node:crypto';

/** encodeURIComponent plus the characters RFC 3986 reserves but it leaves alone. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `k=v&k=v` of every parameter but Signature, both sides encoded, sorted by encoded key. */
export function canonicalizeParams(params: Readonly<Record<string, string>>): string {
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(params)) {
    if (key === 'Signature') continue;
    pairs.push([percentEncode(key), percentEncode(value)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

export function stringToSign(method: string, params: Readonly<Record<string, string>>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalizeParams(params))}`;
}

export function sign(text: string, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(text, 'utf8').digest('base64');
}

export function computeSignature(method: string, params: Readonly<Record<string, string>>, accessKeySecret: string): string {
  return sign(stringToSign(method, params), accessKeySecret);
}
