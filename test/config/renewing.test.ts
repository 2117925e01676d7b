// Temporary credentials are obtained once per run and renewed shortly before they end:
// against the emulator's STS, with a clock the test moves.
import { describe, expect, it } from 'vitest';
import { resolveCredentials, type ResolvedCredentials } from '../../src/config/credentials.js';
import { RENEW_MARGIN_MS, renewingCredentials } from '../../src/config/renewing.js';
import { EMULATOR_CREDENTIALS, EMULATOR_ROLE_ARN, EMULATOR_STS_CREDENTIALS } from '../../src/emulator/index.js';
import { useEmulator } from '../support/emulator.js';
import { CONFIG_JSON, aliyunConfig, fakeContext } from './fakeContext.js';

const emulator = useEmulator();

function roleContext() {
  const profile = { name: 'role', mode: 'RamRoleArn', access_key_id: EMULATOR_CREDENTIALS.accessKeyId, access_key_secret: EMULATOR_CREDENTIALS.accessKeySecret, ram_role_arn: EMULATOR_ROLE_ARN };
  const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('role', profile) }, { ALIBABA_CLOUD_STS_ENDPOINT: emulator.current.endpoint });
  return Object.assign(ctx, { secrets: [] as string[], retries: 0 });
}

const assumeRoles = (): number => emulator.current.stats.byAction.AssumeRole ?? 0;

describe('renewingCredentials', () => {
  it('asks STS once while the credentials last, then once more for any number of concurrent requests', async () => {
    emulator.current.resetStats();
    const ctx = roleContext();
    const first = await resolveCredentials({}, ctx);
    expect(first.expiresAt).toBeGreaterThan(Date.now());
    expect(ctx.secrets).toEqual(expect.arrayContaining([EMULATOR_STS_CREDENTIALS.accessKeySecret, EMULATOR_STS_CREDENTIALS.securityToken]));

    let clock = Date.now();
    const renewed: string[] = [];
    const provider = renewingCredentials(first, (next) => renewed.push(next.source), () => clock);
    await Promise.all([provider.getCredentials(), provider.getCredentials()]);
    expect(assumeRoles()).toBe(1);

    clock = (first.expiresAt ?? 0) - RENEW_MARGIN_MS + 1;
    const keys = await Promise.all(Array.from({ length: 5 }, () => provider.getCredentials()));
    expect(assumeRoles()).toBe(2);
    expect(renewed).toHaveLength(1);
    expect(keys.every((k) => k.securityToken === EMULATOR_STS_CREDENTIALS.securityToken)).toBe(true);
  });

  it('a failed renewal is reported, and the next request tries again', async () => {
    emulator.current.resetStats();
    const first = await resolveCredentials({}, roleContext());
    const provider = renewingCredentials(first, () => undefined, () => (first.expiresAt ?? 0) + 1);
    emulator.current.setFaults({ assumeRoleDenied: true });
    await expect(provider.getCredentials()).rejects.toMatchObject({ exitCode: 3 });
    emulator.current.setFaults({});
    await expect(provider.getCredentials()).resolves.toMatchObject({ accessKeyId: EMULATOR_STS_CREDENTIALS.accessKeyId });
    expect(assumeRoles()).toBe(3);
  });

  it('keys without an end are never renewed', async () => {
    let renewals = 0;
    const provider = renewingCredentials({ credentials: { accessKeyId: 'a', accessKeySecret: 'b' }, source: 'env' }, () => (renewals += 1), () => Number.MAX_SAFE_INTEGER);
    await provider.getCredentials();
    expect(renewals).toBe(0);
  });

  // A fake source: each renewal hands out keys numbered by how often it was asked.
  const counting = (expiresAt: number | undefined, withRenew = true) => {
    let asked = 0;
    const next = (): ResolvedCredentials => ({ credentials: { accessKeyId: `key${asked}`, accessKeySecret: 'secret' }, source: 'fake', expiresAt: 2_000_000 });
    const first: ResolvedCredentials = { credentials: { accessKeyId: 'key0', accessKeySecret: 'secret' }, source: 'fake', expiresAt };
    if (withRenew) {
      first.renew = () => {
        asked += 1;
        return Promise.resolve(next());
      };
    }
    return { first, asked: () => asked };
  };

  it('renews three minutes before the end, not a millisecond earlier', async () => {
    const end = 1_000_000;
    const early = counting(end);
    expect(await renewingCredentials(early.first, () => undefined, () => end - 180_001).getCredentials()).toMatchObject({ accessKeyId: 'key0' });
    expect(early.asked()).toBe(0);
    const due = counting(end);
    expect(await renewingCredentials(due.first, () => undefined, () => end - 180_000).getCredentials()).toMatchObject({ accessKeyId: 'key1' });
    expect(due.asked()).toBe(1);
  });

  it('keys with a renew function but no end, or an end but no renew function, are kept as they are', async () => {
    const noEnd = counting(undefined);
    await expect(renewingCredentials(noEnd.first, () => undefined, () => 0).getCredentials()).resolves.toMatchObject({ accessKeyId: 'key0' });
    expect(noEnd.asked()).toBe(0);
    const noRenew = counting(1_000, false);
    await expect(renewingCredentials(noRenew.first, () => undefined, () => 5_000).getCredentials()).resolves.toMatchObject({ accessKeyId: 'key0' });
  });
});

describe('the session', () => {
  it('resolves credentials once for every region and endpoint, also when asked concurrently', async () => {
    const { createSession } = await import('../../src/commands/session.js');
    const { captured } = await import('../support/cli.js');
    emulator.current.resetStats();
    const ctx = roleContext();
    const runtime = { ...ctx, io: { stdout: captured(), stderr: captured(), color: false }, signal: new AbortController().signal };
    const session = createSession({ output: 'json', timeoutSeconds: 5, retries: 0, debug: false, quiet: true }, runtime);
    // Each region has its own endpoint and client; creating one sends no ECS request.
    await Promise.all(['cn-hangzhou', 'cn-beijing', 'cn-shanghai'].map((region) => session.apiFor(region)));
    expect(assumeRoles()).toBe(1);
    expect(session.secrets()).toContain(EMULATOR_STS_CREDENTIALS.securityToken);
  });
});
