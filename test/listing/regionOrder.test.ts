import { describe, expect, it } from 'vitest';
import { inRegionOrder, type PageSource } from '../../src/listing/regionOrder.js';

/** A region of `pages` pages that counts how many were pulled from it. */
function counted(name: string, pages: number) {
  const source = {
    pulled: 0,
    generate: async function* (): AsyncGenerator<string> {
      for (let page = 1; page <= pages; page += 1) {
        source.pulled += 1;
        yield `${name}${page}`;
      }
    },
  };
  return source;
}

/** A region whose first page arrives only when release() is called. */
function held(name: string) {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const generate: PageSource<string> = async function* () {
    await gate;
    yield `${name}1`;
  };
  return { generate, release: () => release() };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('inRegionOrder', () => {
  it('yields region by region, and a region waiting its turn pulls no more than lookahead pages', async () => {
    const first = held('a');
    const second = counted('b', 50);
    const third = counted('c', 2);
    const out: string[] = [];
    const listing = (async () => {
      for await (const page of inRegionOrder([first.generate, second.generate, third.generate], { eager: true, lookahead: 3, onError: () => undefined })) out.push(page);
    })();
    await tick();
    expect(out).toEqual([]);
    expect(second.pulled).toBe(3);
    expect(third.pulled).toBe(2);
    first.release();
    await listing;
    expect(out).toEqual(['a1', ...Array.from({ length: 50 }, (_, i) => `b${i + 1}`), 'c1', 'c2']);
  });

  it('lets every waiting region go when the consumer stops early', async () => {
    const first = counted('a', 5);
    const second = counted('b', 50);
    for await (const page of inRegionOrder([first.generate, second.generate], { eager: true, lookahead: 2, onError: () => undefined })) {
      if (page === 'a2') break;
    }
    await tick();
    expect(second.pulled).toBeLessThanOrEqual(2);
  });
});
