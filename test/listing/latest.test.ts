// --latest over one region and over several: which row is kept, and the exact not-found
// messages an operator reads for the regions without a newest image.
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/errors.js';
import { latestPerRegion } from '../../src/listing/latest.js';
import type { Row } from '../../src/output/format.js';

const HINT = 'loosen the filters, or drop --latest to see what there is';
const row = (ImageId: string, CreationTime?: string, RegionId?: string): Row => ({ ...(RegionId === undefined ? {} : { RegionId }), ImageId, ...(CreationTime === undefined ? {} : { CreationTime }) });

function thrown(run: () => unknown): NotFoundError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(NotFoundError);
    return err as NotFoundError;
  }
  throw new Error('nothing was thrown');
}

describe('latestPerRegion, one region', () => {
  it('keeps the newest row; the rows carry no RegionId and nothing is missing', () => {
    const rows = [row('old', '2024-01-01T00:00:00Z'), row('new', '2024-03-01T00:00:00Z'), row('mid', '2024-02-01T00:00:00Z')];
    expect(latestPerRegion(rows, ['cn-a'])).toStrictEqual({ rows: [rows[1]], ties: [] });
  });

  it('no rows: "no image matched in <region>", with the hint', () => {
    const error = thrown(() => latestPerRegion([], ['cn-a']));
    expect(error.message).toBe('no image matched in cn-a, so there is no latest one');
    expect(error.hint).toBe(HINT);
  });

  it('rows without a valid CreationTime: counted in the message', () => {
    const error = thrown(() => latestPerRegion([row('x'), row('y', 'yesterday')], ['cn-a']));
    expect(error.message).toBe('no image with a valid CreationTime matched (2 without one) in cn-a, so there is no latest one');
    expect(error.hint).toBe(HINT);
  });
});

describe('latestPerRegion, several regions', () => {
  it('one row per region, in region order whatever the order of the rows', () => {
    const rows = [row('b-old', '2024-01-01T00:00:00Z', 'b'), row('a-new', '2024-05-01T00:00:00Z', 'a'), row('b-new', '2024-02-01T00:00:00Z', 'b'), row('a-old', '2023-01-01T00:00:00Z', 'a')];
    expect(latestPerRegion(rows, ['b', 'a'])).toStrictEqual({ rows: [rows[2], rows[1]], ties: [] });
  });

  it('rows of a region not asked for (a failed one) are left out', () => {
    const rows = [row('a-1', '2024-01-01T00:00:00Z', 'a'), row('z-1', '2025-01-01T00:00:00Z', 'z')];
    expect(latestPerRegion(rows, ['a', 'b'])).toMatchObject({ rows: [rows[0]] });
  });

  it('a region without a newest image is named in one not-found error, to be thrown after the others print', () => {
    const rows = [row('a-1', '2024-01-01T00:00:00Z', 'a'), row('c-1', undefined, 'c'), row('c-2', 'soon', 'c')];
    const { rows: newest, missing } = latestPerRegion(rows, ['a', 'b', 'c']);
    expect(newest).toEqual([rows[0]]);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing?.message).toBe('b: no image matched; c: no image with a valid CreationTime matched (2 without one), so there is no latest one');
    expect(missing?.hint).toBe(`the newest of the other regions was printed; ${HINT}`);
  });

  it('no region with a newest image: thrown at once, naming every region', () => {
    expect(thrown(() => latestPerRegion([], ['a', 'b'])).message).toBe('no image matched in a, b, so there is no latest one');
    const error = thrown(() => latestPerRegion([row('a-1', undefined, 'a'), row('b-1', undefined, 'b'), row('b-2', undefined, 'b')], ['a', 'b']));
    expect(error.message).toBe('no image with a valid CreationTime matched (3 without one) in a, b, so there is no latest one');
    expect(error.hint).toBe(HINT);
  });
});

describe('latestPerRegion, a tie for the newest', () => {
  const T = '2025-08-29T19:43:35Z';
  const NARROW = 'narrow with e.g. --arch or --name-exact';

  it('one region: the first in the API order is kept, and one warning names the tie', () => {
    const rows = [row('old', '2024-01-01T00:00:00Z'), row('arm64', T), row('x64', T)];
    expect(latestPerRegion(rows, ['cn-a'])).toStrictEqual({
      rows: [rows[1]],
      ties: [`--latest picked the first of 2 images with the newest CreationTime ${T}, in the API's order: arm64, x64; ${NARROW}`],
    });
  });

  it('the same instant written otherwise is a tie too; past three ids, how many more', () => {
    const rows = [row('a', T), row('b', '2025-08-29T19:43:35.000Z'), row('c', T), row('d', T), row('e', T), row('older', '2025-08-29T19:43:34Z')];
    expect(latestPerRegion(rows, ['cn-a']).ties).toEqual([`--latest picked the first of 5 images with the newest CreationTime ${T}, in the API's order: a, b, c and 2 more; ${NARROW}`]);
  });

  it('several regions: one warning per region with a tie, naming it, in region order', () => {
    const rows = [row('a-1', T, 'a'), row('a-2', T, 'a'), row('b-1', T, 'b'), row('b-2', '2024-01-01T00:00:00Z', 'b'), row('c-1', T, 'c'), row('c-2', T, 'c')];
    const { rows: newest, ties } = latestPerRegion(rows, ['c', 'b', 'a']);
    expect(newest).toEqual([rows[4], rows[2], rows[0]]);
    expect(ties).toEqual([
      `c: --latest picked the first of 2 images with the newest CreationTime ${T}, in the API's order: c-1, c-2; ${NARROW}`,
      `a: --latest picked the first of 2 images with the newest CreationTime ${T}, in the API's order: a-1, a-2; ${NARROW}`,
    ]);
  });

  it('the one region left of several (the others failed) is still named', () => {
    const rows = [row('a-1', T, 'a'), row('a-2', T, 'a')];
    expect(latestPerRegion(rows, ['a']).ties).toEqual([`a: --latest picked the first of 2 images with the newest CreationTime ${T}, in the API's order: a-1, a-2; ${NARROW}`]);
  });

  it('rows without a valid CreationTime are no tie', () => {
    expect(latestPerRegion([row('dated', T), row('x'), row('y', 'yesterday'), row('z')], ['cn-a']).ties).toEqual([]);
  });
});
