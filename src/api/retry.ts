// Retries of a failed request that may succeed later (SPEC section 5): exponential backoff
// with full jitter, never sooner than the server's x-acs-retry-after, and never a wait the
// server asks for past MAX_SERVER_WAIT_MS in all.

import { setTimeout as delay } from 'node:timers/promises';
import { EcsimgError, InterruptedError, ServiceError } from '../errors.js';

export interface RetryInfo {
  /** the attempt that just failed, from 1 */
  attempt: number;
  /** how long to wait before the next attempt */
  delayMs: number;
  /** the wait is the server's x-acs-retry-after, not our own backoff */
  askedByServer: boolean;
  error: EcsimgError;
}

export interface RetryOptions {
  /** retries after the first attempt; 0 = try once */
  retries: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** in [0, 1) */
  random?: () => number;
  onRetry?: (info: RetryInfo) => void;
  signal?: AbortSignal;
  /** the most one request waits in all when the server asks for waits */
  maxServerWaitMs?: number;
}

export const DEFAULT_BASE_DELAY_MS = 200;
export const DEFAULT_MAX_DELAY_MS = 5000;
/** A server that asks for more (10^12 ms has been seen) fails the request instead. */
export const MAX_SERVER_WAIT_MS = 60_000;

/**
 * Delay before retry number `retry` (from 1): random() * min(max, base * 2^(retry-1)),
 * raised to retryAfterMs when the server asked for more.
 */
export function backoffDelay(
  retry: number,
  options: { baseDelayMs: number; maxDelayMs: number; random: () => number; retryAfterMs?: number },
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const r = Math.min(Math.max(options.random(), 0), 1);
  const jittered = Math.floor(r * ceiling);
  return Math.max(jittered, options.retryAfterMs ?? 0);
}

// Its timer ends with the abort, so an interrupted wait does not hold the process open.
const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> => delay(ms, undefined, { signal });

function abortError(signal: AbortSignal | undefined): EcsimgError {
  // A caller that aborts with its own EcsimgError (e.g. a failed sibling request) gets it back;
  // anything else is an interruption.
  return signal?.reason instanceof EcsimgError ? signal.reason : new InterruptedError();
}

// Any sleep's end by abort becomes our error here; an injected sleep may even ignore the
// signal: the abort still ends the wait at once.
function sleepUnlessAborted(
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    sleep(ms, signal).then(
      () => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) reject(abortError(signal));
        else resolve();
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? abortError(signal) : err);
      },
    );
  });
}

/**
 * Runs attempt(1), and on a retryable EcsimgError waits and runs attempt(2), ... up to
 * 1 + retries times. Each call must send a newly signed request (new nonce and timestamp).
 * A non-retryable error, a non-EcsimgError and the last failure are rethrown as they are.
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const retries = Number.isFinite(options.retries) ? Math.max(0, Math.floor(options.retries)) : 0;
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const maxServerWaitMs = options.maxServerWaitMs ?? MAX_SERVER_WAIT_MS;
  const { signal } = options;
  let waitedMs = 0;

  for (let n = 1; ; n++) {
    if (signal?.aborted) throw abortError(signal);
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof EcsimgError) || !error.retryable || n > retries) throw error;
      if (signal?.aborted) throw abortError(signal);
      const delayMs = backoffDelay(n, { baseDelayMs, maxDelayMs, random, retryAfterMs: error.retryAfterMs });
      const askedByServer = error.retryAfterMs !== undefined && delayMs === error.retryAfterMs;
      if (askedByServer && waitedMs + delayMs > maxServerWaitMs) throw serverWaitTooLong(error, delayMs, maxServerWaitMs);
      waitedMs += delayMs;
      options.onRetry?.({ attempt: n, delayMs, askedByServer, error });
      await sleepUnlessAborted(sleep, delayMs, signal);
    }
  }
}

function serverWaitTooLong(error: EcsimgError, askedMs: number, maxMs: number): ServiceError {
  return new ServiceError(
    `${error.message}; the server asked to wait ${formatWait(askedMs)} before trying again, more than ecsimg waits for one request (${formatWait(maxMs)} in all)`,
    {
      code: error.code,
      requestId: error.requestId,
      status: error.status,
      hint: 'try again later; the x-acs-retry-after header of the answer holds the wait it asked for',
      cause: error,
    },
  );
}

/** A wait in words: 1500 -> "1.5 s", 3e6 -> "50 min", 1e12 -> "11574 days". */
export function formatWait(ms: number): string {
  if (ms < 10_000) return `${Math.round(ms / 100) / 10} s`;
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 2 * 3600) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}
