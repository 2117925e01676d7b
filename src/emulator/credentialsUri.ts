// A credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI): GET answers the current temporary credentials.

import { handOutCredentials } from './credentials.js';
import { errorPage, type PlainAnswer } from './html.js';
import type { Faults } from './types.js';

const LIFETIME_MS = 3600_000;

export function credentialsUriAnswer(method: string, now: number, faults: Readonly<Faults>): PlainAnswer {
  if (method !== 'GET') return errorPage(405);
  const { credentials, expiration } = handOutCredentials(now, LIFETIME_MS, faults);
  const body = {
    Code: 'Success',
    AccessKeyId: credentials.accessKeyId,
    AccessKeySecret: credentials.accessKeySecret,
    SecurityToken: credentials.securityToken,
    Expiration: expiration,
  };
  return { status: 200, contentType: 'application/json', body: JSON.stringify(body) };
}
