// `ecsimg wait` end to end against the emulator's lifecycle, at short intervals.
import { afterEach, describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/commands/validate.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();
const FAST = ['--interval', '0.05s', '--max-wait', '10s'];

async function addImage(spec: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${emulator.current.endpoint}/_emulator/images`, { method: 'POST', body: JSON.stringify({ RegionId: 'cn-hangzhou', ...spec }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { Image: { ImageId: string } }).Image.ImageId;
}

async function setStatus(id: string, Status: string): Promise<void> {
  const res = await fetch(`${emulator.current.endpoint}/_emulator/images/${id}`, { method: 'PATCH', body: JSON.stringify({ Status }) });
  expect(res.status).toBe(200);
}

function describeImagesRequests(): { RegionId?: string; ImageId?: string; ImageName?: string; ImageOwnerAlias?: string }[] {
  return emulator.current.stats.requests.filter((r) => r.params.Action === 'DescribeImages').map((r) => r.params);
}

function wait(args: string[], extra: { signal?: AbortSignal } = {}) {
  return runInProcess(['wait', ...args], { env: emulator.env(), ...extra });
}

afterEach(() => {
  emulator.current.setFaults({});
  emulator.current.resetStats();
});

describe('ecsimg wait', () => {
  it('exit 0: waits while the image is Creating, one stderr line per change, then prints it as asked', async () => {
    const id = await addImage({ ImageName: 'wait-ok', CreatingSeconds: 100 });
    const running = wait([id, ...FAST, '-o', 'tsv', '--columns', 'ImageId,Status', '--no-header']);
    // the build finishes once ecsimg has seen it Creating twice
    while (describeImagesRequests().length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await setStatus(id, 'Available');
    const r = await running;
    expect(r.stderr).toMatch(new RegExp(`^image ${id}: Creating \\d+%\\nimage ${id}: Available\\n$`));
    expect(r.stdout).toBe(`${id}\tAvailable\n`);
    expect(r.code).toBe(0);
    expect(describeImagesRequests().length).toBeGreaterThan(1);
  });

  it('-q silences the status lines; a new image gets grace polls to appear', async () => {
    const id = await addImage({ ImageName: 'wait-late', AfterSeconds: 0.08 });
    const r = await wait([id, '--interval', '0.05s', '-q', '-o', 'json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject([{ ImageId: id, Status: 'Available' }]);
    expect(r.code).toBe(0);
  });

  it('exit 5: an image that never appears, after the grace polls', async () => {
    const r = await wait(['m-bp1nosuchimage', ...FAST]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('image "m-bp1nosuchimage": not found after 3 polls');
    expect(r.stdout).toBe('');
    // each poll: the id among all owners' images, then among the marketplace's
    expect(describeImagesRequests().map((q) => q.ImageOwnerAlias)).toEqual([undefined, 'marketplace', undefined, 'marketplace', undefined, 'marketplace']);
  });

  it('exit 5 for a name found nowhere names it once, then the regions, the first ten of them', async () => {
    const regions = (await runInProcess(['regions', '-o', 'tsv', '--columns', 'RegionId', '--no-header'], { env: emulator.env() })).stdout.trim().split('\n');
    expect(regions.length).toBeGreaterThan(10);
    const r = await wait(['--name', 'no-such-golden', '--region', 'all', ...FAST, '-q']);
    expect(r.code).toBe(5);
    expect(r.stderr.split('\n')[0]).toBe(`ecsimg: no image named "no-such-golden" in ${regions.slice(0, 10).join(', ')} and ${regions.length - 10} more: not found after 3 polls`);
  });

  it('exit 6: --max-wait passes while it is still Creating, the message giving its progress', async () => {
    const id = await addImage({ ImageName: 'wait-slow', CreatingSeconds: 100 });
    const started = Date.now();
    // The deadline falls in the pause after the first poll (a poll cut short says "unknown"; tested below).
    const r = await wait([id, '--interval', '10s', '--max-wait', '1s', '-q']);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(new RegExp(`--max-wait 1 s passed before every image was Available: image ${id} Creating \\d+%`));
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('exit 7: an image that ends CreateFailed, or is set UnAvailable, names it', async () => {
    const failing = await addImage({ ImageName: 'wait-fail', CreatingSeconds: 0.1, Fails: true });
    const r = await wait([failing, ...FAST, '-q']);
    expect(r.code).toBe(7);
    expect(r.stderr).toContain(`image ${failing} is CreateFailed; it cannot become Available`);

    const id = await addImage({ ImageName: 'wait-unavailable', CreatingSeconds: 100 });
    await setStatus(id, 'UnAvailable');
    const unavailable = await wait([id, ...FAST, '-q']);
    expect(unavailable.code).toBe(7);
    expect(unavailable.stderr).toContain(`image ${id} is UnAvailable`);
    // waiting for UnAvailable itself is reached
    expect((await wait([id, ...FAST, '-q', '--status', 'unavailable'])).code).toBe(0);
  });

  it('several ids: one request per region per round for all of them', async () => {
    const a = await addImage({ ImageName: 'wait-many-a', CreatingSeconds: 0.2 });
    const b = await addImage({ ImageName: 'wait-many-b' });
    const r = await wait([a, b, ...FAST, '-q', '-o', 'csv', '--columns', 'ImageId,Status']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`ImageId,Status\n${a},Available\n${b},Available\n`);
    const requests = describeImagesRequests();
    expect(requests.length).toBeGreaterThan(1);
    for (const params of requests) expect(params.ImageId).toBe(`${a},${b}`);
  });

  it('--name across regions: waits until the copy appears and is Available in every region; rows carry RegionId', async () => {
    const hangzhou = await addImage({ ImageName: 'golden-fanout' });
    // a fuzzy match the exact name must not take
    await addImage({ RegionId: 'cn-beijing', ImageName: 'golden-fanout-old' });
    const running = wait(['--name', 'golden-fanout', '--region', 'cn-hangzhou,cn-beijing', ...FAST, '-o', 'tsv', '--columns', 'ImageId,Status', '--no-header']);
    // the copy appears in cn-beijing once the wait has looked there, and takes a moment to be created
    while (describeImagesRequests().length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    const beijing = await addImage({ RegionId: 'cn-beijing', ImageName: 'golden-fanout', CreatingSeconds: 0.15 });
    const r = await running;
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`cn-hangzhou\t${hangzhou}\tAvailable\ncn-beijing\t${beijing}\tAvailable\n`);
    expect(r.stderr).toContain('"golden-fanout" in cn-beijing: not found yet');
    expect(r.stderr).toContain(`image ${beijing} ("golden-fanout" in cn-beijing): Available`);
    const requests = describeImagesRequests();
    const rounds = requests.filter((p) => p.RegionId === 'cn-hangzhou').length;
    expect(requests.filter((p) => p.RegionId === 'cn-beijing')).toHaveLength(rounds);
    expect(requests.every((p) => p.ImageName === 'golden-fanout')).toBe(true);
  });

  it('transient API errors warn and the wait goes on', async () => {
    const id = await addImage({ ImageName: 'wait-flaky', CreatingSeconds: 0.1 });
    emulator.current.setFaults({ fail: { count: 3, status: 503 } });
    const r = await wait([id, ...FAST, '--retries', '0']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: cn-hangzhou: ');
    // three failed polls, one warning when it starts failing and one when it answers again
    expect(r.stderr.match(/still waiting/g)).toHaveLength(1);
    expect(r.stderr).toContain('warning: cn-hangzhou answers again\n');
    expect(r.stderr).toContain(`image ${id}: Available`);
  });

  it('--max-wait 0 checks once: exit 0 for an image that is there, 6 naming its state for one that is not, after one poll', async () => {
    const ready = await addImage({ ImageName: 'wait-once-ready' });
    const ok = await wait([ready, '--max-wait', '0', '-q', '-o', 'tsv', '--columns', 'ImageId', '--no-header']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(`${ready}\n`);
    const creating = await addImage({ ImageName: 'wait-once-creating', CreatingSeconds: 100 });
    emulator.current.resetStats();
    const notYet = await wait([creating, '--max-wait', '0s']);
    expect(notYet.code).toBe(6);
    expect(notYet.stderr).toMatch(new RegExp(`\\necsimg: not every image was Available at the one check of --max-wait 0: image ${creating} Creating \\d+%\n  hint: wait for it with --max-wait, e.g. --max-wait 30m\n$`));
    expect(describeImagesRequests()).toHaveLength(1);
  });

  it('a region failing until the deadline: exit 6 whose hint says to look at the failure, not to wait longer', async () => {
    const id = await addImage({ ImageName: 'wait-failing', CreatingSeconds: 100 });
    emulator.current.setFaults({ fail: { count: 1000, status: 503 } });
    const r = await wait([id, '--interval', '0.05s', '--max-wait', '1s', '--retries', '0']);
    expect(r.code).toBe(6);
    expect(r.stderr).toContain(`image ${id}: unknown (the last request failed)\n`);
    // the deadline may land between polls or cut one in flight (a loaded machine): both are unknown
    expect(r.stderr).toMatch(new RegExp(`\\necsimg: --max-wait 1 s passed before every image was Available: image ${id} unknown \\((the last request failed|its poll was cut short by --max-wait)\\)\n`));
    expect(r.stderr).toContain('hint: requests kept failing where the state is unknown (see the warnings above): check the network, the endpoint or the region before waiting longer');
    expect(r.stderr).not.toContain('wait longer with --max-wait');
  });

  it('a region that failed and then hung until the deadline: the hint is still to look at the failure', async () => {
    const id = await addImage({ ImageName: 'wait-failing-then-hung', CreatingSeconds: 100 });
    emulator.current.setFaults({ hangAfter: 0 });
    // the first poll times out at 1 s (a failure, warned); the second hangs until the deadline cuts
    // it at 1.8 s, before its own timeout (0.8 s of room for the first timeout on a loaded machine)
    const r = await wait([id, '--interval', '0.05s', '--max-wait', '1.8s', '--timeout', '1', '--retries', '0']);
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('within 1 s');
    expect(r.stderr).toContain(`image ${id} unknown (its poll was cut short by --max-wait)`);
    expect(r.stderr).toContain('hint: requests kept failing where the state is unknown (see the warnings above): check the network');
    expect(r.stderr).not.toContain('wait longer with --max-wait');
  });

  it('finds a marketplace image (the API leaves them out without an owner): a second request, only for the ids still missing', async () => {
    const catalogue = emulator.current.catalogue.images('cn-hangzhou') as unknown as { ImageId: string; ImageOwnerAlias: string; Status: string }[];
    const market = catalogue.find((i) => i.ImageOwnerAlias === 'marketplace' && i.Status === 'Available')!;
    const own = await addImage({ ImageName: 'wait-beside-market' });
    const r = await wait([market.ImageId, own, ...FAST, '-q', '-o', 'tsv', '--columns', 'ImageId,ImageOwnerAlias', '--no-header']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${market.ImageId}\tmarketplace\n${own}\tself\n`);
    expect(describeImagesRequests().map((q) => [q.ImageId, q.ImageOwnerAlias])).toEqual([
      [`${market.ImageId},${own}`, undefined],
      [market.ImageId, 'marketplace'],
    ]);
  });

  it('an id the API rejects as malformed fails its whole request: the others in it are still seen, only that one is not found', async () => {
    const id = await addImage({ ImageName: 'wait-beside-rejected' });
    emulator.current.setFaults({ rejectImageIds: ['m-rejected'] });
    const r = await wait([id, 'm-rejected', ...FAST]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`image ${id}: Available`);
    expect(r.stderr).toContain('image "m-rejected": not found after 3 polls');
    expect(r.stderr).not.toContain(`image "${id}": not found`);
  });

  it('--max-wait is a deadline: a hung request is cut at it (exit 6, its state unknown)', async () => {
    const id = await addImage({ ImageName: 'wait-hung', CreatingSeconds: 100 });
    emulator.current.setFaults({ hangAfter: 1 });
    const started = Date.now();
    const r = await wait([id, '--interval', '0.05s', '--max-wait', '0.8s', '--timeout', '60', '-q']);
    expect(r.code).toBe(6);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(r.stderr).toContain(`--max-wait 0.8 s passed before every image was Available: image ${id} unknown (its poll was cut short by --max-wait; last seen Creating)`);
  });

  it('--max-wait is a deadline: a retry backoff the server asked for is cut at it', async () => {
    const id = await addImage({ ImageName: 'wait-throttled' });
    emulator.current.setFaults({ throttle: { firstN: 1000 }, retryAfterMs: 20_000 });
    const started = Date.now();
    const r = await wait([id, '--interval', '0.05s', '--max-wait', '0.5s', '-q']);
    expect(r.code).toBe(6);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(r.stderr).toContain(`image ${id} unknown (its poll was cut short by --max-wait)`);
  });

  it('exit 7 for a status the image is past (Available cannot become CreateFailed), with a hint that fits', async () => {
    const id = await addImage({ ImageName: 'wait-past' });
    const past = await wait([id, ...FAST, '--status', 'CreateFailed']);
    expect(past.code).toBe(7);
    expect(past.stderr).toContain(`image ${id} is Available; it cannot become CreateFailed`);
    expect(past.stderr).toContain('hint: it was made (Available): an image that is made does not fail');
    expect(past.stderr).not.toContain('past CreateFailed');
    expect((await wait([id, ...FAST, '-q', '--status', 'Creating'])).code).toBe(7);

    await setStatus(id, 'Deprecated');
    // no -q: it silences hints
    const deprecated = await wait([id, ...FAST]);
    expect(deprecated.code).toBe(7);
    expect(deprecated.stderr).toContain('the image was deprecated: pick a newer one');
    expect(deprecated.stderr).not.toContain('must be started again');
    await setStatus(id, 'UnAvailable');
    const unavailable = await wait([id, ...FAST]);
    expect(unavailable.stderr).toContain('the image was made unavailable');
    expect(unavailable.stderr).not.toContain('must be started again');
  });

  it('--columns RegionId with one region fills the column, as list does', async () => {
    const id = await addImage({ ImageName: 'wait-region-column' });
    const csv = await wait([id, ...FAST, '-q', '-o', 'csv', '--columns', 'RegionId,ImageId']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(`RegionId,ImageId\ncn-hangzhou,${id}\n`);
    const json = await wait([id, ...FAST, '-q', '-o', 'json', '--columns', 'ImageId,RegionId']);
    expect(JSON.parse(json.stdout)).toEqual([{ RegionId: 'cn-hangzhou', ImageId: id }]);
  });

  it('a terminal of unknown width (0 columns) gets the status lines, as no spinner can be drawn', async () => {
    const id = await addImage({ ImageName: 'wait-zero-columns' });
    const r = await runInProcess(['wait', id, ...FAST], { env: emulator.env(), tty: true, columns: 0 });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`image ${id}: Available\n`);
  });

  it('exit 130 on Ctrl-C, promptly, between polls', async () => {
    const id = await addImage({ ImageName: 'wait-interrupted', CreatingSeconds: 100 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    const r = await wait([id, '--interval', '5s', '-q'], { signal: controller.signal });
    expect(r.code).toBe(130);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('usage errors: no ids, ids and --name, bad durations', async () => {
    expect((await wait([])).code).toBe(2);
    expect((await wait(['m-1', '--name', 'x'])).code).toBe(2);
    const bad = await wait(['m-1', '--interval', '5 minutes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid duration "5 minutes" for --interval');
    expect(describeImagesRequests()).toHaveLength(0);
  });

  it('-o json and ndjson keep only the --columns fields, as list does; without --columns, every field', async () => {
    const id = await addImage({ ImageName: 'wait-columns' });
    const json = await wait([id, ...FAST, '-q', '-o', 'json', '--columns', 'ImageId,Status']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([{ ImageId: id, Status: 'Available' }]);
    const ndjson = await wait([id, ...FAST, '-q', '-o', 'ndjson', '--columns', 'Status']);
    expect(ndjson.stdout).toBe('{"Status":"Available"}\n');
    const whole = await wait([id, ...FAST, '-q', '-o', 'json']);
    expect(Object.keys((JSON.parse(whole.stdout) as object[])[0]!)).toEqual(expect.arrayContaining(['ImageId', 'ImageName', 'OSName', 'CreationTime']));
  });

  it('durations: seconds, or with s, m, h', () => {
    expect(parseDuration('--max-wait', '90', 0, 86_400)).toBe(90);
    expect(parseDuration('--max-wait', '90s', 0, 86_400)).toBe(90);
    expect(parseDuration('--max-wait', '5m', 0, 86_400)).toBe(300);
    expect(parseDuration('--max-wait', '1h', 0, 86_400)).toBe(3600);
    expect(parseDuration('--interval', '0.2s', 0.1, 3600)).toBe(0.2);
    for (const bad of ['', '-1', '1d', '5 m x', '2h']) expect(() => parseDuration('--interval', bad, 0.1, 3600), bad).toThrow(/--interval/);
  });
});
