import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { backoffDelay, formatWait, MAX_SERVER_WAIT_MS, withRetries, type RetryInfo } from '../../src/api/retry.js';
import { CredentialsError, EcsimgError, InterruptedError, ServiceError } from '../../src/errors.js';

const retryable = (n = 0, retryAfterMs?: number): ServiceError =>
  new ServiceError(`throttled ${n}`, { code: 'Throttling', retryable: true, retryAfterMs });

/** A sleep that records the delays and resolves at once. */
function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

/** An attempt function that fails with the given errors in turn, then succeeds. */
function failing<T>(errors: unknown[], value: T): { attempt: (n: number) => Promise<T>; calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    attempt: async (n) => {
      calls.push(n);
      const error = errors[calls.length - 1];
      if (error !== undefined) throw error;
      return value;
    },
  };
}

describe('withRetries', () => {
  it('succeeds after 2 retryable failures with exactly 3 attempts, numbered from 1', async () => {
    const { attempt, calls } = failing([retryable(1), retryable(2)], 'ok');
    const { sleep, delays } = recordingSleep();
    await expect(withRetries(attempt, { retries: 3, sleep, random: () => 0.5 })).resolves.toBe('ok');
    expect(calls).toEqual([1, 2, 3]);
    expect(delays).toHaveLength(2);
  });

  it('stops after `retries` retries and rethrows the last failure as is', async () => {
    const errors = [retryable(1), retryable(2), retryable(3), retryable(4)];
    const { attempt, calls } = failing(errors, 'never');
    const { sleep } = recordingSleep();
    await expect(withRetries(attempt, { retries: 2, sleep })).rejects.toBe(errors[2]);
    expect(calls).toEqual([1, 2, 3]);
  });

  it('retries 0 means a single attempt', async () => {
    const error = retryable();
    const { attempt, calls } = failing([error], 'never');
    const { sleep, delays } = recordingSleep();
    await expect(withRetries(attempt, { retries: 0, sleep })).rejects.toBe(error);
    expect(calls).toEqual([1]);
    expect(delays).toEqual([]);
  });

  it('does not retry a non-retryable EcsimgError', async () => {
    const error = new CredentialsError('bad key', { code: 'InvalidAccessKeyId.NotFound' });
    const { attempt, calls } = failing([error], 'never');
    await expect(withRetries(attempt, { retries: 5, sleep: recordingSleep().sleep })).rejects.toBe(error);
    expect(calls).toEqual([1]);
  });

  it('does not retry something that is not an EcsimgError', async () => {
    const error = new TypeError('bug');
    const { attempt, calls } = failing([error], 'never');
    await expect(withRetries(attempt, { retries: 5, sleep: recordingSleep().sleep })).rejects.toBe(error);
    expect(calls).toEqual([1]);
  });

  it('stops at the first non-retryable error after retryable ones', async () => {
    const fatal = new EcsimgError('bug', 1);
    const { attempt, calls } = failing([retryable(), fatal], 'never');
    await expect(withRetries(attempt, { retries: 5, sleep: recordingSleep().sleep })).rejects.toBe(fatal);
    expect(calls).toEqual([1, 2]);
  });

  it('backs off exponentially with full jitter: random() * min(max, base * 2^n)', async () => {
    const errors = Array.from({ length: 6 }, (_, i) => retryable(i));
    const { attempt } = failing(errors, 'ok');
    const { sleep, delays } = recordingSleep();
    await withRetries(attempt, { retries: 6, baseDelayMs: 100, maxDelayMs: 1000, sleep, random: () => 0.5 });
    expect(delays).toEqual([50, 100, 200, 400, 500, 500]);
  });

  it('keeps every delay within [0, ceiling) for random() at its bounds', async () => {
    for (const r of [0, 0.999999]) {
      const { attempt } = failing([retryable(), retryable(), retryable()], 'ok');
      const { sleep, delays } = recordingSleep();
      await withRetries(attempt, { retries: 3, sleep, random: () => r });
      const ceilings = [200, 400, 800];
      delays.forEach((d, i) => {
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceilings[i] ?? 0);
      });
      if (r === 0) expect(delays).toEqual([0, 0, 0]);
      else expect(delays).toEqual([199, 399, 799]);
    }
  });

  it('uses the defaults base 200 ms and max 5000 ms', async () => {
    const errors = Array.from({ length: 7 }, (_, i) => retryable(i));
    const { attempt } = failing(errors, 'ok');
    const { sleep, delays } = recordingSleep();
    await withRetries(attempt, { retries: 7, sleep, random: () => 0.999999 });
    expect(delays).toEqual([199, 399, 799, 1599, 3199, 4999, 4999]);
  });

  it('never waits less than retryAfterMs, even beyond maxDelayMs', async () => {
    const { attempt } = failing([retryable(1, 1200), retryable(2, 7000)], 'ok');
    const { sleep, delays } = recordingSleep();
    await withRetries(attempt, { retries: 3, sleep, random: () => 0.1 });
    expect(delays).toEqual([1200, 7000]);
  });

  it('keeps a jittered delay that is already longer than retryAfterMs', async () => {
    const { attempt } = failing([retryable(1, 10)], 'ok');
    const { sleep, delays } = recordingSleep();
    await withRetries(attempt, { retries: 1, baseDelayMs: 1000, sleep, random: () => 0.5 });
    expect(delays).toEqual([500]);
  });

  it('reports each retry to onRetry before waiting', async () => {
    const errors = [retryable(1), retryable(2)];
    const { attempt } = failing(errors, 'ok');
    const { sleep } = recordingSleep();
    const seen: RetryInfo[] = [];
    await withRetries(attempt, { retries: 3, sleep, random: () => 0.5, onRetry: (info) => seen.push(info) });
    expect(seen).toEqual([
      { attempt: 1, delayMs: 100, askedByServer: false, error: errors[0] },
      { attempt: 2, delayMs: 200, askedByServer: false, error: errors[1] },
    ]);
  });

  it('tells a wait the server asked for from its own backoff', async () => {
    const errors = [retryable(1, 1500), retryable(2, 10)];
    const seen: RetryInfo[] = [];
    await withRetries(failing(errors, 'ok').attempt, { retries: 3, sleep: recordingSleep().sleep, random: () => 0.5, onRetry: (i) => seen.push(i) });
    expect(seen.map((i) => [i.delayMs, i.askedByServer])).toEqual([
      [1500, true],
      [200, false],
    ]);
  });

  it('passes the signal to the sleep', async () => {
    const controller = new AbortController();
    const signals: (AbortSignal | undefined)[] = [];
    const { attempt } = failing([retryable()], 'ok');
    await withRetries(attempt, {
      retries: 1,
      signal: controller.signal,
      sleep: async (_ms, signal) => void signals.push(signal),
    });
    expect(signals).toEqual([controller.signal]);
  });

  it('stops waiting as soon as the signal aborts, even if the sleep ignores it', async () => {
    const controller = new AbortController();
    const { attempt, calls } = failing([retryable(), retryable()], 'ok');
    const neverEnding = (): Promise<void> => new Promise(() => {});
    const run = withRetries(attempt, {
      retries: 3,
      signal: controller.signal,
      sleep: neverEnding,
      onRetry: () => queueMicrotask(() => controller.abort()),
    });
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect(calls).toEqual([1]);
  });

  it('rethrows an EcsimgError given as the abort reason', async () => {
    const controller = new AbortController();
    const reason = new ServiceError('sibling failed');
    const { attempt } = failing([retryable()], 'ok');
    const run = withRetries(attempt, {
      retries: 3,
      signal: controller.signal,
      sleep: () => new Promise(() => {}),
      onRetry: () => queueMicrotask(() => controller.abort(reason)),
    });
    await expect(run).rejects.toBe(reason);
  });

  it('makes no attempt when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { attempt, calls } = failing([], 'ok');
    await expect(withRetries(attempt, { retries: 3, signal: controller.signal })).rejects.toBeInstanceOf(InterruptedError);
    expect(calls).toEqual([]);
  });

  it('does not retry when the signal aborted during the attempt', async () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const run = withRetries(
      async (n) => {
        calls.push(n);
        controller.abort();
        throw retryable();
      },
      { retries: 3, signal: controller.signal, sleep: recordingSleep().sleep },
    );
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect(calls).toEqual([1]);
  });

  it('treats a negative or fractional retries as its whole non-negative part', async () => {
    for (const [retries, expected] of [
      [-1, [1]],
      [1.7, [1, 2]],
    ] as const) {
      const { attempt, calls } = failing([retryable(), retryable(), retryable()], 'ok');
      await expect(withRetries(attempt, { retries, sleep: recordingSleep().sleep })).rejects.toBeInstanceOf(ServiceError);
      expect(calls).toEqual(expected);
    }
  });
});

describe('backoffDelay', () => {
  it('clamps a random() outside [0, 1]', () => {
    expect(backoffDelay(1, { baseDelayMs: 100, maxDelayMs: 1000, random: () => 5 })).toBe(100);
    expect(backoffDelay(1, { baseDelayMs: 100, maxDelayMs: 1000, random: () => -1 })).toBe(0);
  });
});

describe('the default sleep', () => {
  const throttledOnce = () => {
    let calls = 0;
    return async () => {
      calls += 1;
      if (calls === 1) throw retryable(1, 60_000);
      return calls;
    };
  };

  it('waits the delay, then retries', async () => {
    let calls = 0;
    const attempt = async () => {
      calls += 1;
      if (calls === 1) throw retryable(1);
      return calls;
    };
    await expect(withRetries(attempt, { retries: 1, baseDelayMs: 1, maxDelayMs: 1 })).resolves.toBe(2);
  });

  it('ends at once with an InterruptedError when aborted during the wait', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const result = withRetries(throttledOnce(), { retries: 1, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(result).rejects.toBeInstanceOf(InterruptedError);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('waits the server asks for, bounded (MAX_SERVER_WAIT_MS in all for one request)', () => {
  it('a wait past the bound fails at once, without sleeping, naming the wait asked for', async () => {
    const { attempt, calls } = failing([retryable(1, 1e12)], 'ok');
    const { sleep, delays } = recordingSleep();
    const error = await withRetries(attempt, { retries: 3, sleep }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).hint).toBe('try again later; the x-acs-retry-after header of the answer holds the wait it asked for');
    expect((error as ServiceError).message).toBe(
      'throttled 1; the server asked to wait 11574 days before trying again, more than ecsimg waits for one request (60 s in all)',
    );
    expect((error as ServiceError).code).toBe('Throttling');
    expect((error as ServiceError).retryable).toBe(false);
    expect(calls).toEqual([1]);
    expect(delays).toEqual([]);
  });

  it('waits that add up past the bound fail at the one that would pass it', async () => {
    const third = MAX_SERVER_WAIT_MS / 3;
    const { attempt, calls } = failing([retryable(1, third), retryable(2, third), retryable(3, third), retryable(4, third)], 'ok');
    const { sleep, delays } = recordingSleep();
    const error = await withRetries(attempt, { retries: 5, sleep, random: () => 0 }).catch((e: unknown) => e);
    expect((error as ServiceError).message).toMatch(/^throttled 4; the server asked to wait 20 s before trying again/);
    expect(delays).toEqual([third, third, third]);
    expect(calls).toEqual([1, 2, 3, 4]);
  });

  it('exactly the bound is waited; our own backoff never counts against it', async () => {
    const { attempt } = failing([retryable(1, MAX_SERVER_WAIT_MS)], 'ok');
    const { sleep, delays } = recordingSleep();
    await expect(withRetries(attempt, { retries: 1, sleep })).resolves.toBe('ok');
    expect(delays).toEqual([MAX_SERVER_WAIT_MS]);
    const many = failing(Array.from({ length: 30 }, (_, i) => retryable(i)), 'ok');
    await expect(withRetries(many.attempt, { retries: 30, sleep, random: () => 0.99 })).resolves.toBe('ok');
  });
});

describe('formatWait', () => {
  it.each([
    [300, '0.3 s'],
    [1100, '1.1 s'],
    [9_949, '9.9 s'],
    [45_000, '45 s'],
    [600_000, '10 min'],
    [3 * 3_600_000, '3 h'],
    [1e12, '11574 days'],
    // each unit from its first whole value
    [119_000, '119 s'],
    [120_000, '2 min'],
    [7_200_000, '2 h'],
    [172_800_000, '2 days'],
  ])('%d ms -> %s', (ms, text) => {
    expect(formatWait(ms)).toBe(text);
  });
});

describe('an abort, and what it leaves behind', () => {
  it('once the signal is aborted, no retry is reported', async () => {
    const controller = new AbortController();
    const retries: RetryInfo[] = [];
    const run = withRetries(
      async () => {
        controller.abort();
        throw retryable();
      },
      { retries: 3, signal: controller.signal, sleep: recordingSleep().sleep, onRetry: (info) => retries.push(info) },
    );
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect(retries).toEqual([]);
  });

  it('the default sleep ends its timer on abort: no timer is left to hold the process', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const controller = new AbortController();
    const retrying = withRetries(
      async () => {
        throw retryable(1, 60_000);
      },
      { retries: 1, signal: controller.signal, onRetry: () => setImmediate(() => controller.abort()) },
    );
    await expect(retrying).rejects.toBeInstanceOf(InterruptedError);
    expect(timers()).toBe(before);
  });

  it('removes its abort listener after each wait, whether the sleep resolves or rejects', async () => {
    const controller = new AbortController();
    const { attempt } = failing([retryable(), retryable()], 'ok');
    await expect(withRetries(attempt, { retries: 2, signal: controller.signal, sleep: recordingSleep().sleep })).resolves.toBe('ok');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

    const broken = new Error('sleep failed');
    const failingSleep = async (): Promise<void> => {
      throw broken;
    };
    await expect(withRetries(failing([retryable()], 'ok').attempt, { retries: 1, signal: controller.signal, sleep: failingSleep })).rejects.toBe(broken);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
