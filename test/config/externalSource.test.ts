// The External source in process (test/MUTANTS.md, sources/external.ts): what it makes of
// what process_command prints (the JSON shape, mode AK or StsToken, the messages that name
// what is missing), how the command is run (no shell unless its syntax needs one, the env
// it gets, the exit status or signal that ended it), and its bounds: time, output, Ctrl-C.
// Each command is node on a small script, or sh; none runs for more than a second.
import { getEventListeners } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXTERNAL_TIMEOUT_MS, fromExternal } from '../../src/config/sources/external.js';
import type { FoundProfile } from '../../src/config/profiles.js';
import { fakeContext, rejected } from './fakeContext.js';

const SOURCE = "profile 'x' in ~/.aliyun/config.json (External)";
const NO_JSON_HINT = 'It must print {"mode": "AK", "access_key_id": ..., "access_key_secret": ...} (or mode StsToken with sts_token) on stdout.';

const profile = (command: string | undefined): FoundProfile => ({
  name: 'x',
  file: 'aliyun',
  shownPath: '~/.aliyun/config.json',
  fields: new Map(command === undefined ? [['mode', 'External']] : [['mode', 'External'], ['process_command', command]]),
  source: "profile 'x' in ~/.aliyun/config.json",
});

const dir = mkdtempSync(join(tmpdir(), 'ecsimg-external-source-'));
let scripts = 0;
/** `node <script>`: a command without shell syntax (the temp dir's path has none) */
function node(body: string): string {
  const file = join(dir, `s${++scripts}.cjs`);
  writeFileSync(file, body);
  return `${process.execPath} ${file}`;
}
/** a command that prints this JSON (through sh, which starts faster than node) */
const printing = (value: unknown): string => `printf '%s' '${JSON.stringify(value)}'`;

const context = (env: Record<string, string | undefined> = {}, signal?: AbortSignal) =>
  Object.assign(fakeContext({}, env), { secrets: [] as string[] }, signal ? { signal } : {});

describe('what process_command prints', () => {
  it.each([
    ['AK', { mode: 'AK', access_key_id: 'LTAIexternal0001', access_key_secret: 'external-secret' }, { accessKeyId: 'LTAIexternal0001', accessKeySecret: 'external-secret' }],
    ['no mode (AK)', { access_key_id: 'LTAIexternal0001', access_key_secret: 'external-secret' }, { accessKeyId: 'LTAIexternal0001', accessKeySecret: 'external-secret' }],
    ['mode "" (AK)', { mode: '', access_key_id: 'LTAIexternal0001', access_key_secret: 'external-secret' }, { accessKeyId: 'LTAIexternal0001', accessKeySecret: 'external-secret' }],
    ['AK with an sts_token, which it ignores', { mode: 'AK', access_key_id: 'LTAIexternal0001', access_key_secret: 'external-secret', sts_token: 'ignored-token' }, { accessKeyId: 'LTAIexternal0001', accessKeySecret: 'external-secret' }],
    ['StsToken', { mode: 'StsToken', access_key_id: 'STS.external01', access_key_secret: 'external-secret', sts_token: 'external-token' }, { accessKeyId: 'STS.external01', accessKeySecret: 'external-secret', securityToken: 'external-token' }],
  ])('%s: the credentials, named by the profile and the command', async (_name, printed, credentials) => {
    const ctx = context();
    const found = await fromExternal(ctx, profile(`  ${printing(printed)}`));
    expect(found).toEqual({ credentials, source: `${SOURCE}: printf` });
    expect(ctx.secrets).toEqual(Object.values(credentials));
  });

  it.each([
    ['nothing', ''],
    ['text', 'signed in'],
    ['a JSON array', '[{"mode":"AK"}]'],
    ['JSON null', 'null'],
    ['a JSON string', '"LTAIexternal0001"'],
  ])('%s: exit 3, no JSON object, with the hint', async (_name, printed) => {
    const error = await rejected(() => fromExternal(context(), profile(`printf '%s' '${printed}'`)));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`${SOURCE}: process_command printed no JSON object`);
    expect(error.hint).toBe(NO_JSON_HINT);
  });

  it.each([
    [{ mode: 'AK' }, 'printed no access_key_id, access_key_secret'],
    [{ mode: 'AK', access_key_id: '', access_key_secret: 'external-secret' }, 'printed no access_key_id'],
    [{ mode: 'AK', access_key_id: 1234, access_key_secret: 'external-secret' }, 'printed no access_key_id'],
    [{ access_key_id: 'LTAIexternal0001', access_key_secret: null }, 'printed no access_key_secret'],
    [{ mode: 'StsToken', access_key_id: 'STS.external01', access_key_secret: 'external-secret' }, 'printed no sts_token'],
    [{ mode: 'StsToken', access_key_id: 'STS.external01', access_key_secret: 'external-secret', sts_token: '' }, 'printed no sts_token'],
    [{ mode: 'StsToken' }, 'printed no access_key_id, access_key_secret, sts_token'],
    [{ mode: 'EcsRamRole', access_key_id: 'LTAIexternal0001', access_key_secret: 'external-secret' }, 'printed mode EcsRamRole; AK and StsToken work'],
    [{ mode: 'ak', access_key_id: 'LTAIexternal0001', access_key_secret: 'external-secret' }, 'printed mode ak; AK and StsToken work'],
    [{ mode: 'RamRoleArn' }, 'printed mode RamRoleArn; AK and StsToken work'],
  ])('%j: exit 3, "%s"', async (printed, message) => {
    const error = await rejected(() => fromExternal(context(), profile(printing(printed))));
    expect(error.exitCode).toBe(3);
    expect(error.name).toBe('CredentialsError');
    expect(error.message).toBe(`${SOURCE}: process_command ${message}`);
  });

  it('what it printed is kept secret even when it is not enough', async () => {
    const ctx = context();
    await rejected(() => fromExternal(ctx, profile(printing({ mode: 'StsToken', access_key_id: 'STS.external01', sts_token: 'external-token' }))));
    expect(ctx.secrets).toEqual(['STS.external01', 'external-token']);
  });

  it('without process_command: exit 2 naming the field', async () => {
    const error = await rejected(() => fromExternal(context(), profile(undefined)));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("profile 'x' in ~/.aliyun/config.json (mode External) has no process_command");
  });
});

describe('how process_command is run', () => {
  it('a plain command: its words split on any white space, no shell (a leading VAR=value is no assignment)', async () => {
    const script = node(`process.stdout.write(JSON.stringify({ access_key_id: process.argv[2], access_key_secret: process.argv[3] }))`);
    const found = await fromExternal(context(), profile(`\t${script}   LTAIexternal0001 \t external-secret  `));
    expect(found).toEqual({ credentials: { accessKeyId: 'LTAIexternal0001', accessKeySecret: 'external-secret' }, source: `${SOURCE}: ${process.execPath}` });
    const error = await rejected(() => fromExternal(context(), profile(`ECSIMG_X=1 ${script} a b`)));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`${SOURCE}: cannot run process_command ECSIMG_X=1 (ENOENT)`);
  });

  it('a command with shell syntax goes to sh, which sees the env of the context', async () => {
    const found = await fromExternal(
      context({ ECSIMG_EXTERNAL_ID: 'LTAIexternal0001', ECSIMG_UNSET: undefined }),
      profile(`printf '{"access_key_id":"%s","access_key_secret":"%s"}' "$ECSIMG_EXTERNAL_ID" "\${ECSIMG_UNSET-unset}"`),
    );
    expect(found.credentials).toEqual({ accessKeyId: 'LTAIexternal0001', accessKeySecret: 'unset' });
    expect(found.source).toBe(`${SOURCE}: printf`);
  });

  describe('with a variable in this process', () => {
    afterEach(() => {
      delete process.env.ECSIMG_EXTERNAL_INHERITED;
    });
    it('the command inherits the process env; a variable the context leaves undefined does not remove it', async () => {
      process.env.ECSIMG_EXTERNAL_INHERITED = 'from-process';
      const script = node(`process.stdout.write(JSON.stringify({ access_key_id: process.env.ECSIMG_EXTERNAL_INHERITED, access_key_secret: process.env.ECSIMG_EXTERNAL_OVERRIDE }))`);
      const found = await fromExternal(context({ ECSIMG_EXTERNAL_INHERITED: undefined, ECSIMG_EXTERNAL_OVERRIDE: 'from-context' }), profile(script));
      expect(found.credentials).toEqual({ accessKeyId: 'from-process', accessKeySecret: 'from-context' });
    });
  });

  it('its stdin is empty: a command that reads it is not left waiting', async () => {
    const found = await fromExternal(context(), profile(`cat >/dev/null; ${printing({ access_key_id: 'LTAIexternal0001', access_key_secret: 'external-secret' })}`), 2000);
    expect(found.credentials.accessKeyId).toBe('LTAIexternal0001');
  });

  it('a failing command: exit 3 with its exit status', async () => {
    const error = await rejected(() => fromExternal(context(), profile(node(`process.stdout.write('{"access_key_id":"LTAIexternal0001","access_key_secret":"s3cr3t"}'); process.exit(7)`))));
    expect(error.exitCode).toBe(3);
    expect(error.name).toBe('CredentialsError');
    expect(error.message).toBe(`${SOURCE}: process_command failed (exit status 7)`);
  });

  it('a command ended by a signal: exit 4 naming the signal', async () => {
    const error = await rejected(() => fromExternal(context(), profile(node(`process.kill(process.pid, 'SIGKILL')`))));
    expect(error.exitCode).toBe(4);
    expect(error.name).toBe('ServiceError');
    expect(error.message).toBe(`${SOURCE}: process_command was ended by SIGKILL`);
  });

  it('a command that cannot be run: exit 3 naming the command and the error code', async () => {
    const error = await rejected(() => fromExternal(context(), profile(`  ${dir}/missing-helper --json`)));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`${SOURCE}: cannot run process_command ${dir}/missing-helper (ENOENT)`);
  });
});

describe('the bounds', () => {
  it('sixty seconds unless told otherwise', () => {
    expect(EXTERNAL_TIMEOUT_MS).toBe(60_000);
  });

  it('a command past the time bound: exit 4 naming the bound in seconds, and it is ended', async () => {
    const marker = join(dir, 'still-running');
    const started = Date.now();
    const error = await rejected(() => fromExternal(context(), profile(node(`setTimeout(() => require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 700)`)), 250));
    expect(Date.now() - started).toBeLessThan(650);
    expect(error.exitCode).toBe(4);
    expect(error.name).toBe('ServiceError');
    expect(error.message).toBe(`${SOURCE}: process_command did not finish within 0.25 s`);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const { existsSync } = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
  });

  it('a command that finishes in time leaves no timer and no abort listener behind', async () => {
    const controller = new AbortController();
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    await fromExternal(context({}, controller.signal), profile(printing({ access_key_id: 'LTAIexternal0001', access_key_secret: 'external-secret' })));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('a command that exits leaving a child of its own holding stdout (a daemon that keeps a token fresh) is not waited for', async () => {
    const started = Date.now();
    const found = await fromExternal(context(), profile(`${printing({ access_key_id: 'LTAIexternal0001', access_key_secret: 'external-secret' })}; sleep 3 &`), 5000);
    expect(found.credentials.accessKeyId).toBe('LTAIexternal0001');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('output of exactly 64 KiB is read; one byte more is exit 3 saying so', async () => {
    const body = (size: number) => {
      const base = JSON.stringify({ access_key_id: 'LTAIexternal0001', access_key_secret: 'external-secret', padding: '' });
      return JSON.stringify({ access_key_id: 'LTAIexternal0001', access_key_secret: 'external-secret', padding: 'x'.repeat(size - base.length) });
    };
    expect(body(65_536)).toHaveLength(65_536);
    const found = await fromExternal(context(), profile(node(`process.stdout.write(${JSON.stringify(body(65_536))})`)));
    expect(found.credentials.accessKeyId).toBe('LTAIexternal0001');
    const error = await rejected(() => fromExternal(context(), profile(node(`process.stdout.write(${JSON.stringify(body(65_537))})`))));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`${SOURCE}: process_command printed more than 65536 bytes`);
  });

  it('output without end is cut off at once, the command ended', async () => {
    const started = Date.now();
    const error = await rejected(() => fromExternal(context(), profile(node(`const b = Buffer.alloc(16384, 120); const go = () => process.stdout.write(b, go); go()`)), 5000));
    expect(error.message).toBe(`${SOURCE}: process_command printed more than 65536 bytes`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('Ctrl-C while it runs: exit 130 at once, the command ended', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    const error = await rejected(() => fromExternal(context({}, controller.signal), profile(node('setTimeout(() => {}, 5000)')), 5000));
    expect(error.exitCode).toBe(130);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('Ctrl-C before it starts: exit 130, nothing printed is used', async () => {
    const controller = new AbortController();
    controller.abort();
    const started = Date.now();
    const error = await rejected(() => fromExternal(context({}, controller.signal), profile(printing({ access_key_id: 'LTAIexternal0001', access_key_secret: 'external-secret' })), 5000));
    expect(error.exitCode).toBe(130);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
