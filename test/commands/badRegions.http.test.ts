// DescribeRegions entries that are not region ids (the emulator's bad-regions fault: a
// RegionId 5, null, none, "evil.example.com#", one holding ESC, and a region twice): each is
// named on stderr and skipped, never sent as a RegionId nor made part of a host; the
// duplicate counts once. Every connection the run opens is recorded at the socket.
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Image } from '../../src/api/types.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator({ faults: { badRegions: true } });
const run = (args: string[]) => runInProcess(args, { env: emulator.env() });
type Row = Image & { RegionId: string };

const SKIPPED = [
  'warning: skipped RegionId 5 in the DescribeRegions answer: not a region id',
  'warning: skipped RegionId null in the DescribeRegions answer: not a region id',
  'warning: skipped an entry without a RegionId in the DescribeRegions answer: not a region id',
  'warning: skipped RegionId "evil.example.com#" in the DescribeRegions answer: not a region id',
  'warning: skipped RegionId "cn-hangzhou\\x1b[31m" in the DescribeRegions answer: not a region id',
];

let connections: string[] = [];
beforeEach(() => {
  connections = [];
  const connect = net.Socket.prototype.connect;
  vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
    // net.connect hands over its arguments normalised into one array: [options, callback]
    const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { host?: string; port?: number } | number;
    connections.push(typeof first === 'number' ? `?:${first}` : `${first.host ?? '?'}:${first.port ?? '?'}`);
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  });
  emulator.current.resetStats();
});
afterEach(() => {
  vi.restoreAllMocks();
});

function expectOnlyTheEmulator(): void {
  expect(connections.length).toBeGreaterThan(0);
  expect(new Set(connections)).toEqual(new Set([`127.0.0.1:${emulator.current.port}`]));
}

const servedRegions = (): string[] => emulator.current.catalogue.regions().map((r) => r.RegionId);

describe('--region all with entries that are not region ids', () => {
  it('lists each real region once, warns once per bad entry, and sends no request for one', async () => {
    const result = await run(['list', '--owner', 'self', '--region', 'all', '-o', 'ndjson']);
    expect(result.code).toBe(0);
    const rows = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Row);
    const listed = [...new Set(rows.map((r) => r.RegionId))];
    expect(listed.sort()).toEqual(servedRegions().sort());
    // the region served twice is listed once: no image twice
    expect(new Set(rows.map((r) => `${r.RegionId}/${r.ImageId}`)).size).toBe(rows.length);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual(SKIPPED);

    const asked = emulator.current.stats.requests.filter((r) => r.action === 'DescribeImages').map((r) => r.regionId);
    expect([...new Set(asked)].sort()).toEqual(servedRegions().sort());
    expect(asked.filter((id) => !servedRegions().includes(id ?? ''))).toEqual([]);
    expectOnlyTheEmulator();
  });
});

describe('ecsimg regions with entries that are not region ids', () => {
  it('prints the real regions once each (what --region all walks) and warns of the rest', async () => {
    const result = await run(['regions', '-o', 'json']);
    expect(result.code).toBe(0);
    const ids = (JSON.parse(result.stdout) as { RegionId: string }[]).map((r) => r.RegionId);
    expect(ids).toEqual(servedRegions());
    expect(result.stderr.split('\n').filter(Boolean)).toEqual(SKIPPED);
    expectOnlyTheEmulator();
  });
});
