// Per-request fault decisions. Counters start at zero whenever the faults are replaced.

import { servedPage, type Paged } from './pagingFaults.js';
import { createRandom, type Random } from './prng.js';
import type { Faults } from './types.js';

export type FaultDecision =
  | { kind: 'pass' }
  | { kind: 'hang' }
  | { kind: 'html'; status: 502 | 503 }
  | { kind: 'error'; code: 'InternalError' | 'ServiceUnavailable' | 'Throttling.User' };

export class FaultInjector {
  private faults: Faults = {};
  private seen = 0;
  private htmlSent = 0;
  private failuresSent = 0;
  private throttled = 0;
  private random: Random = createRandom('faults');
  private readonly describeImagesByRegion = new Map<string, number>();
  private readonly churned = new Set<string>();
  /** `region page-size page` of every DescribeImages page served since the faults were set */
  private readonly pagesServed = new Set<string>();

  constructor(faults: Faults = {}) {
    this.set(faults);
  }

  set(faults: Faults): void {
    validateFaults(faults);
    this.faults = { ...faults };
    this.seen = 0;
    this.htmlSent = 0;
    this.failuresSent = 0;
    this.throttled = 0;
    this.random = createRandom('faults');
    this.describeImagesByRegion.clear();
    this.churned.clear();
    this.pagesServed.clear();
  }

  applies(regionId: string | undefined): boolean {
    const regions = this.faults.regions;
    return regions === undefined || (regionId !== undefined && regions.includes(regionId));
  }

  latencyMs(regionId: string | undefined): number {
    return this.applies(regionId) ? (this.faults.latencyMs ?? 0) : 0;
  }

  /** the faults as set: the services around the ECS API read theirs from here */
  get current(): Readonly<Faults> {
    return this.faults;
  }

  get retryAfterMs(): number | undefined {
    return this.faults.retryAfterMs;
  }

  /** whether a DescribeImages request of `regionId` for these ids is rejected as malformed */
  rejectsImageIds(regionId: string, imageIds: ReadonlySet<string> | undefined): boolean {
    const rejected = this.faults.rejectImageIds;
    return rejected !== undefined && imageIds !== undefined && this.applies(regionId) && rejected.some((id) => imageIds.has(id));
  }

  get badRegions(): boolean {
    return this.faults.badRegions === true;
  }

  /** Counts the request and says what happens to it. Order: hang, HTML page, 5xx, throttling. */
  decide(regionId: string | undefined): FaultDecision {
    if (!this.applies(regionId)) return { kind: 'pass' };
    this.seen++;
    const f = this.faults;
    if (f.hangAfter !== undefined && this.seen > f.hangAfter) return { kind: 'hang' };
    if (f.htmlErrors && (f.htmlErrors.count === undefined || this.htmlSent < f.htmlErrors.count)) {
      this.htmlSent++;
      return { kind: 'html', status: f.htmlErrors.status };
    }
    if (f.fail && this.failuresSent < f.fail.count) {
      this.failuresSent++;
      return { kind: 'error', code: f.fail.status === 503 ? 'ServiceUnavailable' : 'InternalError' };
    }
    if (f.throttle) {
      const throttle = 'firstN' in f.throttle ? this.throttled < f.throttle.firstN : this.random.chance(f.throttle.rate);
      if (throttle) {
        this.throttled++;
        return { kind: 'error', code: 'Throttling.User' };
      }
    }
    return { kind: 'pass' };
  }

  /**
   * Called for each authenticated DescribeImages request of a region; returns the churn
   * to apply before answering it (once per region, after `afterRequests` requests).
   */
  churnBefore(regionId: string): { add: number; remove: number } | undefined {
    const churn = this.faults.churn;
    const count = this.describeImagesByRegion.get(regionId) ?? 0;
    this.describeImagesByRegion.set(regionId, count + 1);
    if (!churn || !this.applies(regionId) || this.churned.has(regionId) || count < churn.afterRequests) return undefined;
    this.churned.add(regionId);
    return { add: churn.add, remove: churn.remove };
  }

  /** Page `pageNumber` of the images a DescribeImages request matches, as the paging fault (if any) serves it. */
  page<T>(regionId: string, matching: readonly T[], pageNumber: number, pageSize: number): Paged<T> {
    const fault = this.applies(regionId) ? this.faults.paging : undefined;
    const key = `${regionId} ${pageSize} ${pageNumber}`;
    const firstTime = fault !== undefined && !this.pagesServed.has(key);
    if (firstTime) this.pagesServed.add(key);
    return servedPage(fault, matching, pageNumber, pageSize, firstTime);
  }
}

function validateFaults(f: Faults): void {
  const count = (name: string, n: number | undefined): void => {
    if (n !== undefined && (!Number.isInteger(n) || n < 0)) throw new Error(`emulator faults: ${name} must be a non-negative integer`);
  };
  count('latencyMs', f.latencyMs);
  count('hangAfter', f.hangAfter);
  count('retryAfterMs', f.retryAfterMs);
  if (f.throttle && 'firstN' in f.throttle) count('throttle.firstN', f.throttle.firstN);
  if (f.throttle && 'rate' in f.throttle && !(f.throttle.rate >= 0 && f.throttle.rate <= 1)) throw new Error('emulator faults: throttle.rate must be within 0..1');
  if (f.fail) {
    count('fail.count', f.fail.count);
    if (f.fail.status !== 500 && f.fail.status !== 503) throw new Error('emulator faults: fail.status must be 500 or 503');
  }
  if (f.htmlErrors) {
    count('htmlErrors.count', f.htmlErrors.count);
    if (f.htmlErrors.status !== 502 && f.htmlErrors.status !== 503) throw new Error('emulator faults: htmlErrors.status must be 502 or 503');
  }
  if (f.churn) {
    count('churn.afterRequests', f.churn.afterRequests);
    count('churn.add', f.churn.add);
    count('churn.remove', f.churn.remove);
  }
  if (f.rejectImageIds !== undefined && !(Array.isArray(f.rejectImageIds) && f.rejectImageIds.every((id) => typeof id === 'string' && id !== ''))) {
    throw new Error('emulator faults: rejectImageIds must be a list of image ids');
  }
  count('credentialsTtlS', f.credentialsTtlS);
  if (f.credentialsTtlS === 0) throw new Error('emulator faults: credentialsTtlS must be at least 1');
  for (const [service, how] of Object.entries(f.down ?? {})) {
    if (!['sts', 'metadata', 'credentialsUri'].includes(service)) throw new Error(`emulator faults: down.${service} is not a service of the emulator`);
    if (how !== undefined && how !== 503 && how !== 'close') throw new Error(`emulator faults: down.${service} must be 503 or 'close'`);
  }
  if (f.paging) {
    const p = f.paging;
    const positive = (name: string, n: number): void => {
      if (!Number.isInteger(n) || n < 1) throw new Error(`emulator faults: paging.${name} must be a positive integer`);
    };
    if (p.kind === 'short-page' || p.kind === 'empty-page' || p.kind === 'lost-image') positive('page', p.page);
    else if (p.kind === 'overlap') positive('images', p.images);
    else if (p.kind === 'total-count-lies') positive('extra', p.extra);
    else if (p.kind !== 'ignore-page-number' && p.kind !== 'duplicate-in-page') throw new Error('emulator faults: unknown paging kind');
  }
}
