// The instance metadata service and the credentials URI on the emulator's port, over real HTTP.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMULATOR_INSTANCE_ROLE_NAME, EMULATOR_STS_CREDENTIALS } from '../../src/emulator/index.js';
import { useEmulator } from '../support/emulator.js';
import { call } from './helpers.js';

const emulator = useEmulator();
const ROLES = '/latest/meta-data/ram/security-credentials/';

beforeEach(() => {
  emulator.current.setFaults({});
  emulator.current.resetStats();
});

afterEach(() => {
  vi.useRealTimers();
});

function url(path: string): string {
  return `${emulator.current.endpoint}${path}`;
}

/** null: without the TTL header */
async function token(ttl: string | null = '21600'): Promise<Response> {
  return fetch(url('/latest/api/token'), { method: 'PUT', headers: ttl === null ? {} : { 'X-aliyun-ecs-metadata-token-ttl-seconds': ttl } });
}

async function get(path: string, metadataToken?: string): Promise<Response> {
  return fetch(url(path), { headers: metadataToken === undefined ? {} : { 'X-aliyun-ecs-metadata-token': metadataToken } });
}

function secondsFromNow(iso: string): number {
  return (Date.parse(iso) - Date.now()) / 1000;
}

describe('instance metadata service', () => {
  it('IMDSv2: a token, the role name, then the role credentials the ECS API accepts', async () => {
    const t = await token();
    expect(t.status).toBe(200);
    const session = await t.text();
    expect(session.length).toBeGreaterThan(20);

    const roles = await get(ROLES, session);
    expect([roles.status, await roles.text()]).toEqual([200, EMULATOR_INSTANCE_ROLE_NAME]);

    const r = await get(`${ROLES}${EMULATOR_INSTANCE_ROLE_NAME}`, session);
    expect(r.status).toBe(200);
    const body = (await r.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['AccessKeyId', 'AccessKeySecret', 'Expiration', 'SecurityToken', 'LastUpdated', 'Code']);
    expect(body).toMatchObject({ Code: 'Success', AccessKeyId: EMULATOR_STS_CREDENTIALS.accessKeyId, AccessKeySecret: EMULATOR_STS_CREDENTIALS.accessKeySecret, SecurityToken: EMULATOR_STS_CREDENTIALS.securityToken });
    expect(body.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(secondsFromNow(body.Expiration!)).toBeGreaterThan(3600);
    expect(Math.abs(secondsFromNow(body.LastUpdated!))).toBeLessThan(5);

    const ecs = await call(emulator.current.endpoint, 'DescribeRegions', {}, { credentials: { accessKeyId: body.AccessKeyId!, accessKeySecret: body.AccessKeySecret!, securityToken: body.SecurityToken! } });
    expect(ecs.status).toBe(200);
  });

  it('records each step with its path and session token', async () => {
    const session = await (await token()).text();
    await get(`${ROLES}${EMULATOR_INSTANCE_ROLE_NAME}`, session);
    await get(ROLES);
    const seen = emulator.current.stats.requests.map((r) => [r.service, r.method, r.path, r.metadataToken]);
    expect(seen).toEqual([
      ['metadata', 'PUT', '/latest/api/token', undefined],
      ['metadata', 'GET', `${ROLES}${EMULATOR_INSTANCE_ROLE_NAME}`, session],
      ['metadata', 'GET', ROLES, undefined],
    ]);
    expect(emulator.current.stats.byService.metadata).toBe(3);
    expect(emulator.current.stats.byAction).toEqual({});
  });

  it('IMDSv1: works without a token by default', async () => {
    const roles = await get(ROLES.slice(0, -1));
    expect([roles.status, await roles.text()]).toEqual([200, EMULATOR_INSTANCE_ROLE_NAME]);
    const r = await get(`${ROLES}${EMULATOR_INSTANCE_ROLE_NAME}`);
    expect(((await r.json()) as { Code: string }).Code).toBe('Success');
  });

  it('imdsV2Only: 403 without a token, 200 with one', async () => {
    emulator.current.setFaults({ imdsV2Only: true });
    expect((await get(ROLES)).status).toBe(403);
    expect((await get(`${ROLES}${EMULATOR_INSTANCE_ROLE_NAME}`)).status).toBe(403);
    const session = await (await token('60')).text();
    expect((await get(`${ROLES}${EMULATOR_INSTANCE_ROLE_NAME}`, session)).status).toBe(200);
  });

  it('refuses a token it did not issue, or one past its TTL, with 401', async () => {
    expect((await get(ROLES, 'AAAAnot-a-tokenAAAA')).status).toBe(401);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const session = await (await token('2')).text();
    expect((await get(ROLES, session)).status).toBe(200);
    vi.setSystemTime(Date.now() + 2001);
    expect((await get(ROLES, session)).status).toBe(401);
  });

  it.each([[null], ['0'], ['21601'], ['ten'], ['-5']])('refuses a token TTL of %s with 400', async (ttl) => {
    expect((await token(ttl)).status).toBe(400);
  });

  it('answers 404 for another role or path, 405 for a GET of the token', async () => {
    expect((await get(`${ROLES}SomeOtherRole`)).status).toBe(404);
    expect((await get('/latest/meta-data/no-such-item')).status).toBe(404);
    expect((await get('/latest/api/token')).status).toBe(405);
  });

  it('expiredCredentials: an Expiration in the past and the expired token', async () => {
    emulator.current.setFaults({ expiredCredentials: true });
    const body = (await (await get(`${ROLES}${EMULATOR_INSTANCE_ROLE_NAME}`)).json()) as Record<string, string>;
    expect(secondsFromNow(body.Expiration!)).toBeLessThan(0);
    expect(body.SecurityToken).toBe(emulator.current.expiredStsCredentials.securityToken);
  });

  it('credentialsTtlS: role credentials that expire in that many seconds', async () => {
    emulator.current.setFaults({ credentialsTtlS: 7 });
    const body = (await (await get(`${ROLES}${EMULATOR_INSTANCE_ROLE_NAME}`)).json()) as Record<string, string>;
    expect(secondsFromNow(body.Expiration!)).toBeGreaterThan(5);
    expect(secondsFromNow(body.Expiration!)).toBeLessThanOrEqual(7);
  });

  it('down.metadata 503: every path, the token too, answers 503', async () => {
    emulator.current.setFaults({ down: { metadata: 503 } });
    expect((await token()).status).toBe(503);
    expect((await get(ROLES)).status).toBe(503);
    expect((await call(emulator.current.endpoint, 'DescribeRegions', {}, { credentials: emulator.current.credentials })).status).toBe(200);
  });

  it("down.metadata 'close': the connection closes without an answer", async () => {
    emulator.current.setFaults({ down: { metadata: 'close' } });
    await expect(token()).rejects.toThrow();
    await expect(get(ROLES)).rejects.toThrow();
  });
});

describe('credentials URI', () => {
  it('answers Code Success with the STS test key', async () => {
    expect(emulator.current.credentialsUri).toBe(`${emulator.current.endpoint}/credentials`);
    const r = await fetch(emulator.current.credentialsUri);
    expect(r.status).toBe(200);
    const body = (await r.json()) as Record<string, string>;
    expect(body).toMatchObject({ Code: 'Success', AccessKeyId: EMULATOR_STS_CREDENTIALS.accessKeyId, AccessKeySecret: EMULATOR_STS_CREDENTIALS.accessKeySecret, SecurityToken: EMULATOR_STS_CREDENTIALS.securityToken });
    expect(secondsFromNow(body.Expiration!)).toBeGreaterThan(3500);
    expect(emulator.current.stats.requests[0]).toMatchObject({ service: 'credentials-uri', method: 'GET', path: '/credentials' });
  });

  it('expiredCredentials: an Expiration in the past', async () => {
    emulator.current.setFaults({ expiredCredentials: true });
    const body = (await (await fetch(emulator.current.credentialsUri)).json()) as Record<string, string>;
    expect(secondsFromNow(body.Expiration!)).toBeLessThan(0);
    expect(body.SecurityToken).toBe(emulator.current.expiredStsCredentials.securityToken);
  });

  it('credentialsTtlS: credentials that expire in that many seconds', async () => {
    emulator.current.setFaults({ credentialsTtlS: 7 });
    const body = (await (await fetch(emulator.current.credentialsUri)).json()) as Record<string, string>;
    expect(secondsFromNow(body.Expiration!)).toBeGreaterThan(5);
    expect(secondsFromNow(body.Expiration!)).toBeLessThanOrEqual(7);
  });

  it('down.credentialsUri: 503, or a closed connection', async () => {
    emulator.current.setFaults({ down: { credentialsUri: 503 } });
    expect((await fetch(emulator.current.credentialsUri)).status).toBe(503);
    emulator.current.setFaults({ down: { credentialsUri: 'close' } });
    await expect(fetch(emulator.current.credentialsUri)).rejects.toThrow();
  });

  it('answers 405 to anything but GET', async () => {
    expect((await fetch(emulator.current.credentialsUri, { method: 'POST' })).status).toBe(405);
  });
});
