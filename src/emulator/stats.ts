// What the emulator received, for tests: counts, concurrency, and each request's service,
// path, parameters and the credentials it came with.

import type { EmulatorService, EmulatorStats, ReceivedRequest } from './types.js';

export interface Received {
  service: EmulatorService;
  method: string;
  path: string;
  params: Readonly<Record<string, string>>;
  metadataToken?: string;
}

function noServices(): Record<EmulatorService, number> {
  return { ecs: 0, sts: 0, metadata: 0, 'credentials-uri': 0 };
}

export class StatsRecorder {
  /** one object for the server's life: tests may hold on to it */
  readonly stats: EmulatorStats = { total: 0, byAction: {}, byService: noServices(), inFlight: 0, peakInFlight: 0, requests: [] };

  begin(): void {
    this.stats.inFlight++;
    if (this.stats.inFlight > this.stats.peakInFlight) this.stats.peakInFlight = this.stats.inFlight;
  }

  end(): void {
    this.stats.inFlight--;
  }

  record(received: Received): void {
    const { service, method, path, params } = received;
    const { Signature: _signature, ...rest } = params;
    const rpc = service === 'ecs' || service === 'sts';
    const action = rpc ? (params.Action ?? '') : '';
    const request: ReceivedRequest = { service, path, action, method, params: rest };
    if (params.RegionId !== undefined) request.regionId = params.RegionId;
    if (params.AccessKeyId !== undefined) request.accessKeyId = params.AccessKeyId;
    if (params.SecurityToken !== undefined) request.securityToken = params.SecurityToken;
    if (received.metadataToken !== undefined) request.metadataToken = received.metadataToken;
    this.stats.total++;
    if (rpc) this.stats.byAction[action] = (this.stats.byAction[action] ?? 0) + 1;
    this.stats.byService[service]++;
    this.stats.requests.push(request);
  }

  /** Counters start again; requests still being served stay counted in inFlight. */
  reset(): void {
    this.stats.total = 0;
    for (const action of Object.keys(this.stats.byAction)) delete this.stats.byAction[action];
    Object.assign(this.stats.byService, noServices());
    this.stats.peakInFlight = this.stats.inFlight;
    this.stats.requests.length = 0;
  }
}
