// The emulator's fixed test keys: well known and obviously fake, so they can be printed,
// committed to tests and pasted into a shell without harm.

import { SELF_OWNER_ID } from './catalogue.js';
import type { AccessKeyCredentials, Faults, StsCredentials } from './types.js';

export const EMULATOR_CREDENTIALS: AccessKeyCredentials = Object.freeze({
  accessKeyId: 'LTAIEmulatorTestKey0001',
  accessKeySecret: 'EmulatorTestSecretNotRealAtAll0001',
});

export const EMULATOR_STS_CREDENTIALS: StsCredentials = Object.freeze({
  accessKeyId: 'STS.EmulatorTestKey0002',
  accessKeySecret: 'EmulatorTestStsSecretNotReal0002',
  securityToken: 'CAISEmulatorTestSecurityTokenNotReal0002+Valid/Until/Server/Stops==',
});

export const EMULATOR_EXPIRED_STS_CREDENTIALS: StsCredentials = Object.freeze({
  ...EMULATOR_STS_CREDENTIALS,
  securityToken: 'CAISEmulatorTestSecurityTokenNotReal0002+Expired/In/2019==',
});

export const EMULATOR_FORBIDDEN_CREDENTIALS: AccessKeyCredentials = Object.freeze({
  accessKeyId: 'LTAIEmulatorForbiddenKey0003',
  accessKeySecret: 'EmulatorForbiddenSecretNotReal0003',
});

export interface KeyRecord {
  accessKeyId: string;
  accessKeySecret: string;
  sts: boolean;
  /** may call the API at all (a RAM user without policies may not) */
  permitted: boolean;
}

const KEYS: readonly KeyRecord[] = [
  { ...EMULATOR_CREDENTIALS, sts: false, permitted: true },
  { accessKeyId: EMULATOR_STS_CREDENTIALS.accessKeyId, accessKeySecret: EMULATOR_STS_CREDENTIALS.accessKeySecret, sts: true, permitted: true },
  { ...EMULATOR_FORBIDDEN_CREDENTIALS, sts: false, permitted: false },
];

export function findKey(accessKeyId: string): KeyRecord | undefined {
  return KEYS.find((k) => k.accessKeyId === accessKeyId);
}

export type TokenCheck = 'valid' | 'expired' | 'malformed' | 'mismatch';

/** STS tokens look like `CAIS` + base64; a well-formed token we did not issue for this key belongs to another. */
export function checkSecurityToken(key: KeyRecord, token: string, now: number): TokenCheck {
  if (!/^CAIS[A-Za-z0-9+/]{20,}={0,2}$/.test(token)) return 'malformed';
  if (!key.sts) return 'mismatch';
  if (token === EMULATOR_STS_CREDENTIALS.securityToken) return 'valid';
  const until = expiringTokenEnd(token);
  if (until !== undefined) return now < until ? 'valid' : 'expired';
  if (token === EMULATOR_EXPIRED_STS_CREDENTIALS.securityToken) return 'expired';
  return 'mismatch';
}

// What the STS, metadata and credentials-URI services of the emulator know. Equally fake
// and printable: the role ARNs name the account that owns the catalogue's custom images.

const ACCOUNT = String(SELF_OWNER_ID);

/** a RAM role that the emulator's AccessKey and its STS key may assume, also with an OIDC token */
export const EMULATOR_ROLE_ARN = `acs:ram::${ACCOUNT}:role/ecsimg-emulator-role`;
/** a RAM role that only trusts callers who send EMULATOR_EXTERNAL_ID */
export const EMULATOR_EXTERNAL_ID_ROLE_ARN = `acs:ram::${ACCOUNT}:role/ecsimg-emulator-external-role`;
export const EMULATOR_EXTERNAL_ID = 'ecsimg-emulator-external-id';
/** the RAM role of the instance that the metadata service pretends to be */
export const EMULATOR_INSTANCE_ROLE_NAME = 'EcsimgEmulatorInstanceRole';
export const EMULATOR_OIDC_PROVIDER_ARN = `acs:ram::${ACCOUNT}:oidc-provider/ecsimg-emulator-oidc`;
/** the content of the OIDC token file that AssumeRoleWithOIDC accepts (a JWT in shape only) */
export const EMULATOR_OIDC_TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJlY3NpbWctZW11bGF0b3ItdGVzdCJ9.EmulatorTestOidcTokenNotReal';
/** an OIDC token the emulator answers with AuthenticationFail.OIDCToken.Expired */
export const EMULATOR_EXPIRED_OIDC_TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJlY3NpbWctZW11bGF0b3ItdGVzdCJ9.EmulatorTestOidcTokenExpired';
/** where the credentials URI is served on the emulator's endpoint */
export const EMULATOR_CREDENTIALS_URI_PATH = '/credentials';

export interface HandedOut {
  credentials: StsCredentials;
  /** ISO 8601 UTC without milliseconds, as STS and the metadata service write it */
  expiration: string;
}

/**
 * The STS test key, valid for lifetimeMs unless the faults say how long; with
 * `expiredCredentials`, the triple the ECS API refuses and an Expiration already past.
 */
export function handOutCredentials(now: number, lifetimeMs: number, faults: Readonly<Faults>): HandedOut {
  if (faults.expiredCredentials) return { credentials: { ...EMULATOR_EXPIRED_STS_CREDENTIALS }, expiration: isoSeconds(now - 60_000) };
  if (faults.credentialsTtlS === undefined) return { credentials: { ...EMULATOR_STS_CREDENTIALS }, expiration: isoSeconds(now + lifetimeMs) };
  // A token the ECS API refuses once its Expiration has passed, so a run that does not renew fails.
  const until = Math.floor(now / 1000) + faults.credentialsTtlS;
  return { credentials: { ...EMULATOR_STS_CREDENTIALS, securityToken: `${EXPIRING_TOKEN_PREFIX}${until}==` }, expiration: isoSeconds(until * 1000) };
}

const EXPIRING_TOKEN_PREFIX = 'CAISEmulatorTestSecurityTokenNotReal0002+Valid/Until/';

/** When a token handed out under --credentials-ttl ends (ms), or undefined for any other token. */
function expiringTokenEnd(token: string): number | undefined {
  if (!token.startsWith(EXPIRING_TOKEN_PREFIX)) return undefined;
  const seconds = /^(\d{1,12})==$/.exec(token.slice(EXPIRING_TOKEN_PREFIX.length))?.[1];
  return seconds === undefined ? undefined : Number(seconds) * 1000;
}

export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
