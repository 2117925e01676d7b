// --region a,b and --region all: concurrent, in region order, each row with its RegionId.
import { describe, expect, it } from 'vitest';
import type { Image } from '../../src/api/types.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();
const run = (args: string[]) => runInProcess(args, { env: emulator.env() });
type Row = Image & { RegionId: string };

describe('several regions', () => {
  it('a,b equals the union of single-region runs, each row with its RegionId, in region order', async () => {
    const [both, hangzhou, beijing] = await Promise.all([
      run(['list', '--owner', 'self', '--region', 'cn-hangzhou,cn-beijing', '-o', 'json']),
      run(['list', '--owner', 'self', '--region', 'cn-hangzhou', '-o', 'json']),
      run(['list', '--owner', 'self', '--region', 'cn-beijing', '-o', 'json']),
    ]);
    expect(both.code).toBe(0);
    const rows = JSON.parse(both.stdout) as Row[];
    const expected = [
      ...(JSON.parse(hangzhou.stdout) as Image[]).map((i) => ({ RegionId: 'cn-hangzhou', ...i })),
      ...(JSON.parse(beijing.stdout) as Image[]).map((i) => ({ RegionId: 'cn-beijing', ...i })),
    ];
    expect(rows).toEqual(expected);
    expect(Object.keys(rows[0]!)[0]).toBe('RegionId');
  });

  it('all asks DescribeRegions and lists every region', async () => {
    emulator.current.resetStats();
    const result = await run(['list', '--owner', 'self', '--region', 'all', '-o', 'ndjson']);
    expect(result.code).toBe(0);
    const regions = new Set(result.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as Row).RegionId));
    expect([...regions].sort()).toEqual(emulator.current.catalogue.regions().map((r) => r.RegionId).sort());
    expect(emulator.current.stats.byAction.DescribeRegions).toBe(1);
  });

  it('table and csv put RegionId first', async () => {
    const result = await run(['list', '--owner', 'self', '--region', 'cn-hangzhou,cn-shanghai', '-o', 'csv', '--columns', 'ImageId,Size']);
    const [header, ...lines] = result.stdout.trimEnd().split('\n');
    expect(header).toBe('RegionId,ImageId,Size');
    expect(new Set(lines.map((l) => l.split(',')[0]))).toEqual(new Set(['cn-hangzhou', 'cn-shanghai']));
  });

  it('keeps the total of requests in flight within --concurrency', async () => {
    emulator.current.setFaults({ latencyMs: 30 });
    emulator.current.resetStats();
    try {
      const result = await run(['list', '--region', 'cn-hangzhou,cn-beijing,cn-shanghai', '--page-size', '20', '--concurrency', '3', '-o', 'json']);
      expect(result.code).toBe(0);
      expect(emulator.current.stats.total).toBeGreaterThan(20);
      expect(emulator.current.stats.peakInFlight).toBe(3);
    } finally {
      emulator.current.setFaults({});
    }
  });

  it('a failing region is reported while the others print; the exit code is non-zero', async () => {
    emulator.current.setFaults({ regions: ['cn-beijing'], fail: { count: 1000, status: 503 } });
    try {
      const result = await run(['list', '--owner', 'self', '--region', 'cn-hangzhou,cn-beijing,cn-shanghai', '--retries', '0', '-o', 'json']);
      expect(result.code).toBe(4);
      const rows = JSON.parse(result.stdout) as Row[];
      expect(new Set(rows.map((r) => r.RegionId))).toEqual(new Set(['cn-hangzhou', 'cn-shanghai']));
      expect(result.stderr).toContain('ecsimg: cn-beijing: ');
      expect(result.stderr).toContain('1 of 3 regions failed (cn-beijing)');
    } finally {
      emulator.current.setFaults({});
    }
  });

  describe('a region that fails part-way, after its first page', () => {
    // cn-beijing answers one request, then hangs: its first page arrives, the rest time out.
    const partWay = (format: string) => {
      emulator.current.setFaults({ regions: ['cn-beijing'], hangAfter: 1 });
      return run(['list', '--owner', 'self', '--status', 'all', '--region', 'cn-hangzhou,cn-beijing,cn-shanghai', '--page-size', '5', '--timeout', '1', '--retries', '0', '-o', format]);
    };

    it.each(['json', 'csv', 'tsv', 'table'])('-o %s leaves all of it out, and prints the other regions whole', async (format) => {
      try {
        const result = await partWay(format);
        expect(result.code).toBe(4);
        expect(result.stdout).not.toContain('cn-beijing');
        expect(result.stdout).toContain('cn-hangzhou');
        expect(result.stdout).toContain('cn-shanghai');
        expect(result.stderr).toMatch(/1 of 3 regions failed \(cn-beijing\); the other regions were listed\n/);
      } finally {
        emulator.current.setFaults({});
      }
    });

    it('-o ndjson cannot take back its first page, and says so', async () => {
      try {
        const result = await partWay('ndjson');
        expect(result.code).toBe(4);
        const beijing = result.stdout.trimEnd().split('\n').filter((line) => (JSON.parse(line) as Row).RegionId === 'cn-beijing');
        expect(beijing).toHaveLength(5);
        expect(result.stderr).toContain('1 of 3 regions failed (cn-beijing); the other regions were listed, and cn-beijing failed after some of its images were printed');
      } finally {
        emulator.current.setFaults({});
      }
    });
  });

  it('when every region fails, stdout stays empty and the message says nothing was listed', async () => {
    emulator.current.setFaults({ regions: ['cn-hangzhou', 'cn-beijing'], fail: { count: 1000, status: 500 } });
    try {
      const result = await run(['list', '--region', 'cn-hangzhou,cn-beijing', '--retries', '0', '-o', 'json']);
      expect(result.code).toBe(4);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('every region failed (cn-hangzhou, cn-beijing); nothing was listed');
    } finally {
      emulator.current.setFaults({});
    }
  });

  it('--limit across regions asks the next region only for what is still missing', async () => {
    const selfIn = (region: string) =>
      emulator.current.catalogue.images(region).filter((i) => i.ImageOwnerAlias === 'self' && i.Status === 'Available').length;
    const first = selfIn('cn-hangzhou');
    expect(first).toBeLessThan(45);
    emulator.current.resetStats();
    const result = await run(['list', '--owner', 'self', '--region', 'cn-hangzhou,cn-beijing', '--limit', '45', '--page-size', '10', '-o', 'json']);
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows).toHaveLength(45);
    expect(rows.filter((r) => r.RegionId === 'cn-beijing')).toHaveLength(45 - first);
    expect(emulator.current.stats.total).toBe(Math.ceil(first / 10) + Math.ceil((45 - first) / 10));
  });

  it('--limit across regions sends only what it needs, region after region', async () => {
    emulator.current.resetStats();
    const result = await run(['list', '--owner', 'self', '--region', 'cn-hangzhou,cn-beijing', '--limit', '3', '-o', 'json']);
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows.map((r) => r.RegionId)).toEqual(['cn-hangzhou', 'cn-hangzhou', 'cn-hangzhou']);
    expect(emulator.current.stats.total).toBe(1);
  });

  it('--limit with --query across regions does the same: the next region is not asked', async () => {
    emulator.current.resetStats();
    const result = await run(['list', '--owner', 'self', '--region', 'cn-hangzhou,cn-beijing', '--limit', '3', '-o', 'json', '--query', '[].RegionId']);
    expect(JSON.parse(result.stdout)).toEqual(['cn-hangzhou', 'cn-hangzhou', 'cn-hangzhou']);
    expect(emulator.current.stats.requests.map((r) => r.regionId)).toEqual(['cn-hangzhou']);
  });

  it('--latest with its only match in a region that failed: that failure (exit 4), not "no image matched" (exit 5)', async () => {
    const beijingOnly = emulator.current.catalogue.images('cn-beijing').find((i) => i.ImageOwnerAlias === 'self' && i.Status === 'Available')!;
    emulator.current.setFaults({ regions: ['cn-beijing'], fail: { count: 1000, status: 503 } });
    try {
      const result = await run(['list', '--region', 'cn-hangzhou,cn-beijing', '--image-id', beijingOnly.ImageId, '--latest', '--retries', '0', '-o', 'json']);
      expect(result.code).toBe(4);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('1 of 2 regions failed (cn-beijing)');
      expect(result.stderr).not.toContain('no image matched');
    } finally {
      emulator.current.setFaults({});
    }
  });
});
