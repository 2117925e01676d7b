// The instance metadata service (http://100.100.100.200 on a real instance), the part that
// credential sources read: IMDSv2 session tokens, the instance's RAM role and its credentials.

import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { EMULATOR_INSTANCE_ROLE_NAME, handOutCredentials, isoSeconds } from './credentials.js';
import { errorPage as page, type PlainAnswer } from './html.js';
import type { Faults } from './types.js';

export const METADATA_PATH_PREFIX = '/latest/';
const TOKEN_PATH = '/latest/api/token';
const ROLES_PATH = '/latest/meta-data/ram/security-credentials/';
const TTL_HEADER = 'x-aliyun-ecs-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'x-aliyun-ecs-metadata-token';
const MAX_TOKEN_TTL_S = 21_600;
/** role credentials on a real instance are renewed well before they expire; they last hours */
const ROLE_CREDENTIALS_LIFETIME_MS = 6 * 3600_000;
const MAX_TOKENS = 10_000;

export function metadataTokenOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers[TOKEN_HEADER];
  return typeof value === 'string' ? value : undefined;
}

export class MetadataService {
  /** token -> expiry (ms); insertion order is issue order */
  private readonly tokens = new Map<string, number>();

  handle(method: string, path: string, headers: IncomingHttpHeaders, now: number, faults: Readonly<Faults>): PlainAnswer {
    if (path === TOKEN_PATH) return method === 'PUT' ? this.issueToken(headers, now) : page(405);
    if (method !== 'GET') return page(405);

    const token = metadataTokenOf(headers);
    if (token !== undefined) {
      const expires = this.tokens.get(token);
      if (expires === undefined || expires <= now) return page(401);
    } else if (faults.imdsV2Only) {
      return page(403);
    }

    if (path === ROLES_PATH || path === ROLES_PATH.slice(0, -1)) return text(`${EMULATOR_INSTANCE_ROLE_NAME}`);
    if (path === `${ROLES_PATH}${EMULATOR_INSTANCE_ROLE_NAME}`) {
      const { credentials, expiration } = handOutCredentials(now, ROLE_CREDENTIALS_LIFETIME_MS, faults);
      const body = {
        AccessKeyId: credentials.accessKeyId,
        AccessKeySecret: credentials.accessKeySecret,
        Expiration: expiration,
        SecurityToken: credentials.securityToken,
        LastUpdated: isoSeconds(now),
        Code: 'Success',
      };
      return { status: 200, contentType: 'text/plain', body: JSON.stringify(body, null, 2) };
    }
    return page(404);
  }

  private issueToken(headers: IncomingHttpHeaders, now: number): PlainAnswer {
    const ttl = headers[TTL_HEADER];
    const seconds = typeof ttl === 'string' && /^\d{1,6}$/.test(ttl.trim()) ? Number(ttl.trim()) : NaN;
    if (!(seconds >= 1 && seconds <= MAX_TOKEN_TTL_S)) return page(400);
    for (const [old, expires] of this.tokens) {
      if (expires > now && this.tokens.size < MAX_TOKENS) break;
      this.tokens.delete(old);
    }
    const token = randomBytes(36).toString('base64');
    this.tokens.set(token, now + seconds * 1000);
    return text(token);
  }
}

function text(body: string): PlainAnswer {
  return { status: 200, contentType: 'text/plain', body };
}
