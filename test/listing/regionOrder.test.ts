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

describe('inRegionOrder, callbacks and turns', () => {
  it('tells each region start before its first item, and its end or its error after its last', async () => {
    const calls: string[] = [];
    const failing: PageSource<string> = async function* () {
      yield 'b1';
      throw new Error('b broke');
    };
    const a = counted('a', 2);
    const c = counted('c', 0);
    for await (const item of inRegionOrder([a.generate, failing, c.generate], {
      eager: true,
      lookahead: 1,
      onStart: (i) => calls.push(`start ${i}`),
      onDone: (i) => calls.push(`done ${i}`),
      onError: (i, error) => calls.push(`error ${i} ${(error as Error).message}`),
    }))
      calls.push(item);
    expect(calls).toEqual(['start 0', 'a1', 'a2', 'done 0', 'start 1', 'b1', 'error 1 b broke', 'start 2', 'done 2']);
  });

  it('not eager: a region is not pulled before its turn', async () => {
    const first = held('a');
    const second = counted('b', 3);
    const out: string[] = [];
    const listing = (async () => {
      for await (const item of inRegionOrder([first.generate, second.generate], { eager: false, lookahead: 2, onError: () => undefined })) out.push(item);
    })();
    await tick();
    expect(second.pulled).toBe(0);
    first.release();
    await listing;
    expect(out).toEqual(['a1', 'b1', 'b2', 'b3']);
  });

  it('a region held at its lookahead is closed when the consumer stops', async () => {
    let closed = false;
    const waiting: PageSource<string> = async function* () {
      try {
        for (let page = 1; page <= 10; page += 1) yield `b${page}`;
      } finally {
        closed = true;
      }
    };
    const first = counted('a', 3);
    for await (const item of inRegionOrder([first.generate, waiting], { eager: true, lookahead: 2, onError: () => undefined })) {
      if (item === 'a1') {
        await tick();
        break;
      }
    }
    await tick();
    expect(closed).toBe(true);
  });
});
