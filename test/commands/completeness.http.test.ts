// Complete means TotalCount distinct images (SPEC section 6), seen through the real CLI over
// HTTP against an emulator whose pages misbehave (--paging-fault): short and empty pages are
// not the end, pages that do not add up are exit 4 with both counts (or, with
// --allow-incomplete, printed with a warning), and the safety cap says so.
import { afterEach, describe, expect, it } from 'vitest';
import type { Image } from '../../src/api/types.js';
import type { Faults } from '../../src/emulator/index.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';
import { parseReport } from '../errors/support.js';

const emulator = useEmulator();
const REGION = 'cn-hangzhou';

afterEach(() => {
  emulator.current.setFaults({});
});

/** What `ecsimg list` prints without --owner and --status: available system, self and others images. */
function listedByDefault(regionId = REGION): string[] {
  return emulator.current.catalogue
    .images(regionId)
    .filter((i) => i.Status === 'Available' && i.ImageOwnerAlias !== 'marketplace')
    .map((i) => i.ImageId);
}

/**
 * Runs `list --page-size <pageSize> ...args` with `faults` set. Each test gives its own page
 * size, so requests an earlier failed run still had in flight are not taken for this run's.
 */
async function list(faults: Faults, pageSize: number, args: string[]) {
  emulator.current.setFaults(faults);
  emulator.current.resetStats();
  const result = await runInProcess(['list', '--page-size', String(pageSize), ...args], { env: emulator.env() });
  const pagesAsked = emulator.current.stats.requests
    .filter((r) => r.action === 'DescribeImages' && r.params.PageSize === String(pageSize))
    .map((r) => Number(r.params.PageNumber));
  return { ...result, pagesAsked };
}

const idsOf = (json: string): string[] => (JSON.parse(json) as Image[]).map((i) => i.ImageId);

describe('short and empty pages are not the end', () => {
  it('a page one image short the first time: asked for again, every image, exit 0, nothing on stderr', async () => {
    const expected = listedByDefault();
    expect(expected.length).toBeGreaterThan(200);
    const result = await list({ paging: { kind: 'short-page', page: 3 } }, 51, ['-o', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const ids = idsOf(result.stdout);
    expect(ids).toHaveLength(expected.length);
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(result.pagesAsked.filter((n) => n === 3)).toHaveLength(2);
  });

  it('an empty page in the middle the first time: every image, exit 0', async () => {
    const expected = listedByDefault();
    const result = await list({ paging: { kind: 'empty-page', page: 2 } }, 52, ['-o', 'csv', '--columns', 'ImageId', '--no-header']);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n').sort()).toEqual([...expected].sort());
  });

  it('the same ImageId twice in one page is printed once', async () => {
    const expected = listedByDefault();
    const result = await list({ paging: { kind: 'duplicate-in-page' } }, 53, ['-o', 'ndjson']);
    expect(result.code).toBe(0);
    const ids = result.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as Image).ImageId);
    expect(ids).toEqual(expected);
  });
});

describe('a listing that stays short of TotalCount', () => {
  it('is exit 4 with both counts after 3 passes, and nothing printed by json, csv, tsv or table', async () => {
    const total = listedByDefault().length;
    for (const [i, format] of ['json', 'csv', 'tsv', 'table'].entries()) {
      const result = await list({ paging: { kind: 'lost-image', page: 2 } }, 54 + i, ['-o', format]);
      expect(result.code).toBe(4);
      expect(result.stdout).toBe('');
      const report = parseReport(result.stderr);
      expect(report.message).toBe(`the listing is incomplete: ${total - 1} of ${total} images (TotalCount) after 3 passes`);
      expect(report.hint).toContain('--allow-incomplete');
      // the first pass, then page 2 twice more: nothing else
      expect(result.pagesAsked.sort((a, b) => a - b)).toEqual([1, 2, 2, 2, ...Array.from({ length: Math.ceil(total / (54 + i)) - 2 }, (_, k) => k + 3)]);
    }
  });

  it('--allow-incomplete prints what was found, warns with both counts, exit 0', async () => {
    const expected = listedByDefault();
    const result = await list({ paging: { kind: 'lost-image', page: 2 } }, 60, ['-o', 'json', '--allow-incomplete']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `warning: the listing is incomplete: ${expected.length - 1} of ${expected.length} images (TotalCount) after 3 passes; printed as found (--allow-incomplete)\n`,
    );
    const ids = idsOf(result.stdout);
    expect(ids).toHaveLength(expected.length - 1);
    expect(expected.filter((id) => !ids.includes(id))).toEqual([expected[119]]);
  });

  it('a server that ignores PageNumber: exit 4, not 60 of TotalCount with exit 0', async () => {
    const total = listedByDefault().length;
    const result = await list({ paging: { kind: 'ignore-page-number' } }, 61, ['-o', 'json']);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(parseReport(result.stderr).message).toBe(`the listing is incomplete: 61 of ${total} images (TotalCount) after 3 passes`);
  });

  it('pages that overlap: exit 4 with both counts', async () => {
    const total = listedByDefault().length;
    const pages = Math.ceil(total / 62);
    const result = await list({ paging: { kind: 'overlap', images: 31 } }, 62, ['-o', 'json']);
    expect(result.code).toBe(4);
    // pages step by 31: the listing reaches image (pages - 1) * 31 + 62
    expect(parseReport(result.stderr).message).toBe(`the listing is incomplete: ${(pages - 1) * 31 + 62} of ${total} images (TotalCount) after 3 passes`);
  });

  it('a TotalCount that lies high: exit 4 after a bounded number of requests', async () => {
    const total = listedByDefault().length;
    const result = await list({ paging: { kind: 'total-count-lies', extra: 5000 } }, 63, ['-o', 'json']);
    expect(result.code).toBe(4);
    expect(parseReport(result.stderr).message).toBe(`the listing is incomplete: ${total} of ${total + 5000} images (TotalCount) after 3 passes`);
    // not the 85 pages TotalCount promises, three times over
    expect(result.pagesAsked.length).toBeLessThan(Math.ceil(total / 63) + 3 * (10 + 8));
  });

  it('several regions: the short one fails as its own region, the others print', async () => {
    const faults: Faults = { paging: { kind: 'lost-image', page: 1 }, regions: ['cn-beijing'] };
    const result = await list(faults, 64, ['-o', 'json', '--region', 'cn-hangzhou,cn-beijing']);
    expect(result.code).toBe(4);
    const rows = JSON.parse(result.stdout) as (Image & { RegionId: string })[];
    expect(new Set(rows.map((r) => r.RegionId))).toEqual(new Set([REGION]));
    expect(rows).toHaveLength(listedByDefault().length);
    const total = listedByDefault('cn-beijing').length;
    expect(result.stderr).toContain(`ecsimg: cn-beijing: the listing is incomplete: ${total - 1} of ${total} images (TotalCount) after 3 passes\n`);
  });

  it('a TotalCount that changed while paging: what was found, a warning with the counts, exit 0', async () => {
    const result = await list({ churn: { afterRequests: 1, add: 5, remove: 3 } }, 65, ['-o', 'json']);
    expect(result.code).toBe(0);
    const listed = idsOf(result.stdout).length;
    expect(result.stderr).toMatch(
      new RegExp(`^warning: the number of images changed while paging \\(TotalCount \\d+ -> \\d+\\); ${listed} images listed, and images added or removed meanwhile may be missing from this listing\\n$`),
    );
  });
});

describe('--limit and the safety cap', () => {
  it('--limit: a short page asks for one page more and no other, and the limit is met', async () => {
    const result = await list({ paging: { kind: 'lost-image', page: 2 } }, 50, ['-o', 'json', '--limit', '100']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(idsOf(result.stdout)).toEqual(listedByDefault().filter((_, i) => i !== 99).slice(0, 100));
    expect(result.pagesAsked).toEqual([1, 2, 3]);
  });

  it('a TotalCount beyond the safety cap stops the listing at page 1: exit 4, and it says so', async () => {
    const total = listedByDefault().length;
    const result = await list({ paging: { kind: 'total-count-lies', extra: 2_000_000 } }, 66, ['-o', 'ndjson']);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(parseReport(result.stderr).message).toBe(
      `the listing was stopped: TotalCount ${total + 2_000_000} is beyond the safety cap of 1000000 images in one region, which no real account reaches`,
    );
    expect(result.pagesAsked).toEqual([1]);
  });
});
