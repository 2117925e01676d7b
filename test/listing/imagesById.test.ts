// imagePagesById against a region whose answers go astray: rows for ids not asked for, the same
// image twice, and a batch the API rejects for one malformed id.
import { describe, expect, it } from 'vitest';
import type { RpcParams } from '../../src/api/types.js';
import { EcsimgError } from '../../src/errors.js';
import { imagePagesById } from '../../src/listing/imagesById.js';
import type { RegionWalk } from '../../src/listing/walk.js';
import type { Row } from '../../src/output/format.js';

/** A region answering each request with `answer(params)`: pages of rows, or an error thrown. */
function region(answer: (params: RpcParams) => Row[][]): RegionWalk & { asked: RpcParams[] } {
  const asked: RpcParams[] = [];
  return {
    regionId: 'cn-a',
    asked,
    request: () => Promise.reject(new Error('not used')),
    describeImages: () => Promise.reject(new Error('not used')),
    async *imagePages(params) {
      asked.push(params);
      yield* answer(params);
    },
  };
}

async function collect(walk: RegionWalk, ids: string[]): Promise<unknown[][]> {
  const pages: unknown[][] = [];
  for await (const page of imagePagesById(walk, ids)) pages.push(page.map((row) => row.ImageId));
  return pages;
}

describe('imagePagesById', () => {
  it('yields only the ids asked for, each once, though the answer repeats one and adds another', async () => {
    const walk = region((params) => (params.ImageOwnerAlias === undefined ? [[{ ImageId: 'm-a' }, { ImageId: 'm-stranger' }], [{ ImageId: 'm-a' }, { ImageId: 'm-b' }]] : [[{ ImageId: 'm-a' }]]));
    expect(await collect(walk, ['m-a', 'm-b', 'm-c'])).toEqual([['m-a'], ['m-b'], []]);
    // the marketplace is asked only for the id still missing
    expect(walk.asked.map((p) => [p.ImageId, p.ImageOwnerAlias])).toEqual([['m-a,m-b,m-c', undefined], ['m-c', 'marketplace']]);
  });

  it('a batch rejected for one malformed id is split until it stands alone; another error ends the walk', async () => {
    const malformed = new EcsimgError('rejected', 2, { code: 'InvalidImageId.Malformed' });
    const walk = region((params) => {
      const ids = String(params.ImageId).split(',');
      if (ids.includes('bad')) throw malformed;
      return params.ImageOwnerAlias === undefined ? [ids.map((ImageId) => ({ ImageId }))] : [];
    });
    expect(await collect(walk, ['m-a', 'bad', 'm-b'])).toEqual([['m-a'], ['m-b']]);
    expect(walk.asked.map((p) => p.ImageId)).toEqual(['m-a,bad,m-b', 'm-a,bad', 'm-a', 'bad', 'm-b', 'bad']);
    const failing = region(() => {
      throw new EcsimgError('throttled', 4, { code: 'Throttling.User' });
    });
    await expect(collect(failing, ['m-a', 'm-b'])).rejects.toThrow('throttled');
  });
});
