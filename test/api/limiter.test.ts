import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/api/limiter.js';

describe('createLimiter', () => {
  it('never runs more than max tasks at once, and runs them all', async () => {
    const limit = createLimiter(3);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 2));
          active -= 1;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('gives a free slot to the lowest priority number waiting, first come first among equals', async () => {
    const limit = createLimiter(1);
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(name);
      await new Promise((r) => setTimeout(r, 1));
    };
    await Promise.all([limit(task('running'), 5), limit(task('b2'), 2), limit(task('a1'), 1), limit(task('c2'), 2), limit(task('d0'), 0)]);
    expect(order).toEqual(['running', 'd0', 'a1', 'b2', 'c2']);
  });

  it('frees the slot of a failed task', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });
});
