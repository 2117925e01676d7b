// Gateway checks of an RPC request: common parameters, timestamp window, key, STS token,
// signature v1, nonce replay, permission. Each failure is the real code and status.

import { Buffer } from 'node:buffer';
import { timingSafeEqual } from 'node:crypto';
import { checkSecurityToken, findKey, type KeyRecord } from './credentials.js';
import { ApiError, apiError, missingParameter } from './errors.js';
import { sign, stringToSign } from './signature.js';

export type Params = Readonly<Record<string, string>>;

const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;
const TIMESTAMP_FORMAT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

export function parseTimestamp(value: string): number | undefined {
  const m = TIMESTAMP_FORMAT.exec(value);
  if (!m) return undefined;
  const ms = Date.parse(value);
  // Date.parse rolls 2024-02-30 over to March; a real date must read back the same
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== value.slice(0, 19)) return undefined;
  return ms;
}

export class Authenticator {
  /** `${AccessKeyId}\n${nonce}` -> time first seen; insertion order is time order */
  private readonly nonces = new Map<string, number>();

  /** Returns the caller's key or throws the gateway's ApiError; a key without permissions gets `forbidden` (the product's code). */
  authenticate(method: string, params: Params, now: number, forbidden = 'Forbidden.RAM'): KeyRecord {
    for (const name of ['AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp'] as const) {
      if (!params[name]) throw missingParameter(name);
    }
    if (!params.Signature) throw apiError('IncompleteSignature');
    if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') throw apiError('IncompleteSignature');

    const timestamp = parseTimestamp(params.Timestamp ?? '');
    if (timestamp === undefined) throw apiError('InvalidTimeStamp.Format');
    if (Math.abs(now - timestamp) > TIMESTAMP_WINDOW_MS) throw apiError('InvalidTimeStamp.Expired');

    const key = findKey(params.AccessKeyId ?? '');
    if (!key) throw apiError('InvalidAccessKeyId.NotFound');

    const token = params.SecurityToken;
    if (token) {
      const check = checkSecurityToken(key, token);
      if (check === 'malformed') throw apiError('InvalidSecurityToken.Malformed');
      if (check === 'expired') throw apiError('InvalidSecurityToken.Expired');
      if (check === 'mismatch') throw apiError('InvalidSecurityToken.MismatchWithAccessKey');
    } else if (key.sts) {
      throw missingParameter('SecurityToken');
    }

    const expected = stringToSign(method, params);
    if (!sameText(sign(expected, key.accessKeySecret), params.Signature)) {
      // the real service echoes its string to sign; clients must never show it (it carries the key id)
      throw new ApiError('SignatureDoesNotMatch', 400, `Specified signature is not matched with our calculation. server string to sign is:${expected}`);
    }

    this.rememberNonce(`${key.accessKeyId}\n${params.SignatureNonce}`, now);

    if (!key.permitted) throw apiError(forbidden);
    return key;
  }

  private rememberNonce(id: string, now: number): void {
    for (const [old, seen] of this.nonces) {
      if (now - seen <= 2 * TIMESTAMP_WINDOW_MS) break;
      this.nonces.delete(old);
    }
    if (this.nonces.has(id)) throw apiError('SignatureNonceUsed');
    this.nonces.set(id, now);
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
