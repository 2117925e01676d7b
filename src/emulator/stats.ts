// What the emulator received, for tests: counts, concurrency, and each request's parameters.

import type { EmulatorStats, ReceivedRequest } from './types.js';

export class StatsRecorder {
  /** one object for the server's life: tests may hold on to it */
  readonly stats: EmulatorStats = { total: 0, byAction: {}, inFlight: 0, peakInFlight: 0, requests: [] };

  begin(): void {
    this.stats.inFlight++;
    if (this.stats.inFlight > this.stats.peakInFlight) this.stats.peakInFlight = this.stats.inFlight;
  }

  end(): void {
    this.stats.inFlight--;
  }

  /** `identity`: key and token of a request signed in headers (V3) rather than parameters */
  record(method: string, params: Readonly<Record<string, string>>, identity: { accessKeyId?: string; securityToken?: string } = { accessKeyId: params.AccessKeyId, securityToken: params.SecurityToken }): void {
    const { Signature: _signature, ...rest } = params;
    const action = params.Action ?? '';
    const request: ReceivedRequest = { action, method, params: rest };
    if (params.RegionId !== undefined) request.regionId = params.RegionId;
    if (identity.accessKeyId !== undefined) request.accessKeyId = identity.accessKeyId;
    if (identity.securityToken !== undefined) request.securityToken = identity.securityToken;
    this.stats.total++;
    this.stats.byAction[action] = (this.stats.byAction[action] ?? 0) + 1;
    this.stats.requests.push(request);
  }

  /** Counters start again; requests still being served stay counted in inFlight. */
  reset(): void {
    this.stats.total = 0;
    for (const action of Object.keys(this.stats.byAction)) delete this.stats.byAction[action];
    this.stats.peakInFlight = this.stats.inFlight;
    this.stats.requests.length = 0;
  }
}
