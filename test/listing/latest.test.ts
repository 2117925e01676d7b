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
    expect(latestPerRegion(rows, ['cn-a'])).toStrictEqual({ rows: [rows[1]] });
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
    expect(latestPerRegion(rows, ['b', 'a'])).toStrictEqual({ rows: [rows[2], rows[1]] });
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
