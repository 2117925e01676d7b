// The emulator's fixed test keys: well known and obviously fake, so they can be printed,
// committed to tests and pasted into a shell without harm.

import type { AccessKeyCredentials, StsCredentials } from './types.js';

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
export function checkSecurityToken(key: KeyRecord, token: string): TokenCheck {
  if (!/^CAIS[A-Za-z0-9+/]{20,}={0,2}$/.test(token)) return 'malformed';
  if (!key.sts) return 'mismatch';
  if (token === EMULATOR_STS_CREDENTIALS.securityToken) return 'valid';
  if (token === EMULATOR_EXPIRED_STS_CREDENTIALS.securityToken) return 'expired';
  return 'mismatch';
}
