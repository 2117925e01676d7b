// Gateway checks of an RPC request, signed V1 (parameters) or V3 (Authorization header):
// common parameters, timestamp window, key, STS token, signature, nonce replay, permission.
// Each failure is the real code and status.

import { Buffer } from 'node:buffer';
import { timingSafeEqual } from 'node:crypto';
import { checkSecurityToken, findKey, type KeyRecord } from './credentials.js';
import { ApiError, apiError, missingParameter } from './errors.js';
import { sign, stringToSign } from './signature.js';
import { canonicalRequest, headersToSign, parseAuthorization, sha256Hex, signV3, stringToSignV3, type V3Request } from './signatureV3.js';

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

/** What both signature versions carry, once their own format is checked. */
interface SignedCall {
  accessKeyId: string;
  timestamp: string;
  nonce: string;
  securityToken: string | undefined;
  /** throws SignatureDoesNotMatch unless the request was signed with this secret */
  verify(accessKeySecret: string): void;
}

export class Authenticator {
  /** `${AccessKeyId}\n${nonce}` -> time first seen; insertion order is time order */
  private readonly nonces = new Map<string, number>();

  /** Signature V1: returns the caller's key or throws the gateway's ApiError; a key without permissions gets `forbidden` (the product's code). */
  authenticate(method: string, params: Params, now: number, forbidden = 'Forbidden.RAM'): KeyRecord {
    for (const name of ['AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp'] as const) {
      if (!params[name]) throw missingParameter(name);
    }
    if (!params.Signature) throw apiError('IncompleteSignature');
    if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') throw apiError('IncompleteSignature');
    return this.check(
      {
        accessKeyId: params.AccessKeyId ?? '',
        timestamp: params.Timestamp ?? '',
        nonce: params.SignatureNonce ?? '',
        securityToken: params.SecurityToken || undefined,
        verify(secret) {
          const expected = stringToSign(method, params);
          if (!sameText(sign(expected, secret), params.Signature ?? '')) throw signatureMismatch(expected);
        },
      },
      now,
      forbidden,
    );
  }

  /** Signature V3 (ACS3-HMAC-SHA256): the same checks, read from the headers. */
  authenticateV3(request: V3Request, now: number): KeyRecord {
    const { headers } = request;
    const header = (name: string): string | undefined => {
      const value = headers[name];
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    };
    const authorization = header('authorization');
    const parsed = authorization === undefined ? undefined : parseAuthorization(authorization);
    if (!parsed) throw apiError('IncompleteSignature', 'The Authorization header is missing or is not ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=....');
    const nonce = header('x-acs-signature-nonce');
    if (nonce === undefined) throw new ApiError('MissingSignatureNonce', 400, 'x-acs-signature-nonce is mandatory for this request.');
    const timestamp = header('x-acs-date');
    if (timestamp === undefined) throw new ApiError('MissingTimestamp', 400, 'x-acs-date is mandatory for this request.');
    const claimedHash = header('x-acs-content-sha256');
    if (claimedHash === undefined) throw apiError('IncompleteSignature', 'x-acs-content-sha256 is mandatory for this request.');
    // every header the documentation says must be signed, is
    const unsigned = headersToSign(headers).filter((name) => !parsed.signedHeaders.includes(name));
    if (unsigned.length > 0) throw apiError('IncompleteSignature', `The request signature does not conform to Aliyun standards: header ${unsigned.join(', ')} is not signed.`);
    return this.check(
      {
        accessKeyId: parsed.accessKeyId,
        timestamp,
        nonce,
        securityToken: header('x-acs-security-token'),
        verify(secret) {
          // the hash of the body received, not the one claimed: a changed body cannot verify
          const expected = stringToSignV3(canonicalRequest(request, parsed.signedHeaders, sha256Hex(request.body)));
          if (claimedHash !== sha256Hex(request.body) || !sameText(signV3(expected, secret), parsed.signature)) throw signatureMismatch(expected);
        },
      },
      now,
    );
  }

  private check(call: SignedCall, now: number, forbidden = 'Forbidden.RAM'): KeyRecord {
    const timestamp = parseTimestamp(call.timestamp);
    if (timestamp === undefined) throw apiError('InvalidTimeStamp.Format');
    if (Math.abs(now - timestamp) > TIMESTAMP_WINDOW_MS) throw apiError('InvalidTimeStamp.Expired');

    const key = findKey(call.accessKeyId);
    if (!key) throw apiError('InvalidAccessKeyId.NotFound');

    const token = call.securityToken;
    if (token) {
      const check = checkSecurityToken(key, token, now);
      if (check === 'malformed') throw apiError('InvalidSecurityToken.Malformed');
      if (check === 'expired') throw apiError('InvalidSecurityToken.Expired');
      if (check === 'mismatch') throw apiError('InvalidSecurityToken.MismatchWithAccessKey');
    } else if (key.sts) {
      throw missingParameter('SecurityToken');
    }

    call.verify(key.accessKeySecret);

    this.rememberNonce(`${key.accessKeyId}\n${call.nonce}`, now);

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

// the real service echoes its string to sign; clients must never show it (V1's carries the key id)
function signatureMismatch(expected: string): ApiError {
  return new ApiError('SignatureDoesNotMatch', 400, `Specified signature is not matched with our calculation. server string to sign is:${expected}`);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
