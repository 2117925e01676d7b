// The HTTP side: one request -> parameters -> faults -> gateway checks -> action -> JSON.

import { Buffer } from 'node:buffer';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_VERSION, isKnownAction, runAction } from './actions.js';
import { Authenticator } from './auth.js';
import { ImageCatalogue } from './catalogue.js';
import {
  EMULATOR_CREDENTIALS,
  EMULATOR_CREDENTIALS_URI_PATH,
  EMULATOR_EXPIRED_STS_CREDENTIALS,
  EMULATOR_FORBIDDEN_CREDENTIALS,
  EMULATOR_STS_CREDENTIALS,
} from './credentials.js';
import { credentialsUriAnswer } from './credentialsUri.js';
import { isControlPath, runControl } from './control.js';
import { ApiError, apiError, errorBody, missingParameter, newRequestId } from './errors.js';
import { FaultInjector } from './faults.js';
import { htmlErrorPage } from './html.js';
import { Lifecycle } from './lifecycle.js';
import { serializeJson } from './json.js';
import { METADATA_PATH_PREFIX, MetadataService, metadataTokenOf } from './metadata.js';
import { addV3Routing, isV3Request, v3Identity } from './signatureV3.js';
import { StatsRecorder } from './stats.js';
import { isStsRequest, runSts, STS_HOST_ID } from './sts.js';
import type { EmulatorOptions, EmulatorService, RunningEmulator, ServiceOutage } from './types.js';

const MAX_BODY_BYTES = 1024 * 1024;

type Params = Record<string, string>;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const catalogue = new ImageCatalogue(options.imagesPerRegion, options.recorded);
  const faults = new FaultInjector(options.faults);
  const lifecycle = new Lifecycle(catalogue, options.now ?? Date.now, options.creating);
  const recorder = new StatsRecorder();
  const auth = new Authenticator();
  const metadata = new MetadataService();
  const pendingDelays = new Set<() => void>();
  let closing = false;

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        pendingDelays.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pendingDelays.add(done);
    });

  const hostIdFor = (regionId: string | undefined): string =>
    regionId !== undefined && catalogue.hasRegion(regionId) ? `ecs.${regionId}.aliyuncs.com` : 'ecs.aliyuncs.com';

  const sendError = (res: ServerResponse, error: ApiError, regionId: string | undefined): void => {
    const requestId = newRequestId();
    const headers: Record<string, string> = {};
    const retryAfter = faults.retryAfterMs;
    if (retryAfter !== undefined && (error.status >= 500 || error.code.startsWith('Throttling'))) headers['x-acs-retry-after'] = String(retryAfter);
    send(res, error.status, 'application/json;charset=utf-8', serializeJson(errorBody(error, requestId, hostIdFor(regionId))), requestId, headers);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // The control API is the test's hand, not a client's request: not counted in the stats.
    if (isControlPath(new URL(req.url ?? '/', 'http://emulator.invalid').pathname)) {
      await serveControl(req, res);
      return;
    }
    recorder.begin();
    res.once('close', () => recorder.end());

    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    // A repeated parameter keeps its first value, the query string before the form body.
    const params: Params = {};
    const take = (pairs: URLSearchParams): void => {
      for (const [key, value] of pairs) if (!Object.hasOwn(params, key)) params[key] = value;
    };
    take(url.searchParams);
    let body = '';
    if (method === 'POST') {
      const read = await readBody(req);
      if (read === undefined) {
        res.destroy();
        return;
      }
      body = read;
      take(new URLSearchParams(body));
    }
    // Signature V3 names the action and version in headers, where they are not parameters
    // (V1 signs its parameters: nothing may be added to them).
    const v3 = isV3Request(req.headers);
    if (v3) addV3Routing(params, req.headers);
    const service = serviceOf(url.pathname, params);
    const metadataToken = service === 'metadata' ? metadataTokenOf(req.headers) : undefined;
    recorder.record({
      service,
      method,
      path: url.pathname,
      params,
      ...(metadataToken === undefined ? {} : { metadataToken }),
      ...(v3 ? { identity: v3Identity(req.headers) } : {}),
    });
    if (service !== 'ecs') {
      serveAround(service, req, res, method, url.pathname, params);
      return;
    }

    const regionId = params.RegionId;
    const decision = faults.decide(regionId);
    if (decision.kind === 'hang') return;
    const latency = faults.latencyMs(regionId);
    if (latency > 0) await delay(latency);
    if (closing) return;

    if (decision.kind === 'html') {
      const headers: Record<string, string> = {};
      if (faults.retryAfterMs !== undefined) headers['x-acs-retry-after'] = String(faults.retryAfterMs);
      send(res, decision.status, 'text/html', htmlErrorPage(decision.status), undefined, headers);
      return;
    }
    if (decision.kind === 'error') {
      sendError(res, apiError(decision.code), regionId);
      return;
    }

    try {
      if (url.pathname !== '/' || (method !== 'GET' && method !== 'POST')) throw apiError('InvalidAction.NotFound');
      if (!params.Action) throw new ApiError('MissingParameter', 400, 'The input parameter "Action" that is mandatory for processing this request is not supplied.');
      if (!params.Version) throw missingParameter('Version');
      if (params.Version !== API_VERSION) throw apiError('InvalidVersion');
      if (!isKnownAction(params.Action)) throw apiError('InvalidAction.NotFound');
      if (v3) auth.authenticateV3({ method, pathname: url.pathname, query: url.searchParams, headers: req.headers, body }, Date.now());
      else auth.authenticate(method, params, Date.now());
      const requestId = newRequestId();
      const result = runAction(params.Action, params, { catalogue, faults, lifecycle, requestId });
      send(res, 200, 'application/json;charset=utf-8', serializeJson(result), requestId);
    } catch (error) {
      if (error instanceof ApiError) {
        sendError(res, error, regionId);
      } else {
        // a bug in the emulator: say so in the body rather than hang the client
        sendError(res, apiError('InternalError', `emulator bug: ${error instanceof Error ? error.message : String(error)}`), regionId);
      }
    }
  };

  const serveControl = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = method === 'GET' ? '' : await readBody(req);
    if (body === undefined) {
      res.destroy();
      return;
    }
    const answer = runControl(method, url.pathname, url.searchParams, body, lifecycle, (id) => catalogue.hasRegion(id));
    send(res, answer.status, 'application/json;charset=utf-8', serializeJson(answer.body), undefined);
  };

  /** STS, the metadata service and the credentials URI; the ECS fault flags do not touch them */
  const serveAround = (service: Exclude<EmulatorService, 'ecs'>, req: IncomingMessage, res: ServerResponse, method: string, path: string, params: Params): void => {
    const current = faults.current;
    const down = current.down?.[service === 'credentials-uri' ? 'credentialsUri' : service];
    if (down !== undefined) {
      answerOutage(res, down, service);
      return;
    }
    const now = Date.now();
    if (service !== 'sts') {
      const answer = service === 'metadata' ? metadata.handle(method, path, req.headers, now, current) : credentialsUriAnswer(method, now, current);
      send(res, answer.status, answer.contentType, answer.body, undefined);
    } else {
      const requestId = newRequestId();
      try {
        if (method !== 'GET' && method !== 'POST') throw apiError('InvalidAction.NotFound');
        const result = runSts(method, params, { auth, faults: current, requestId, now });
        send(res, 200, 'application/json;charset=utf-8', serializeJson(result), requestId);
      } catch (error) {
        const apiErr = error instanceof ApiError ? error : apiError('InternalError', `emulator bug: ${error instanceof Error ? error.message : String(error)}`);
        send(res, apiErr.status, 'application/json;charset=utf-8', serializeJson(errorBody(apiErr, requestId, STS_HOST_ID, 'Sts')), requestId);
      }
    }
  };

  const answerOutage = (res: ServerResponse, how: ServiceOutage, service: Exclude<EmulatorService, 'ecs'>): void => {
    if (how === 'close') {
      res.destroy();
    } else if (service === 'sts') {
      const requestId = newRequestId();
      send(res, 503, 'application/json;charset=utf-8', serializeJson(errorBody(apiError('ServiceUnavailable'), requestId, STS_HOST_ID, 'Sts')), requestId);
    } else {
      send(res, 503, 'text/html', htmlErrorPage(503), undefined);
    }
  };

  const server = createServer((req, res) => {
    serve(req, res).catch(() => res.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    endpoint,
    credentialsUri: `${endpoint}${EMULATOR_CREDENTIALS_URI_PATH}`,
    port,
    credentials: { ...EMULATOR_CREDENTIALS },
    stsCredentials: { ...EMULATOR_STS_CREDENTIALS },
    expiredStsCredentials: { ...EMULATOR_EXPIRED_STS_CREDENTIALS },
    forbiddenCredentials: { ...EMULATOR_FORBIDDEN_CREDENTIALS },
    catalogue,
    stats: recorder.stats,
    setFaults(next) {
      faults.set(next);
      catalogue.resetChurn();
    },
    resetStats() {
      recorder.reset();
    },
    close() {
      if (closing) return Promise.resolve();
      closing = true;
      for (const done of [...pendingDelays]) done();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        // hung and keep-alive sockets would otherwise hold close() open
        server.closeAllConnections();
      });
    },
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string, requestId: string | undefined, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    ...extra,
  };
  if (requestId !== undefined) headers['x-acs-request-id'] = requestId;
  res.writeHead(status, headers);
  res.end(body);
}

/** undefined when the body is too large or the client went away */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
    req.on('close', () => resolve(undefined));
  });
}

/** One port serves them all: the metadata service under /latest/, the credentials URI at its path, STS by Version. */
function serviceOf(path: string, params: Params): EmulatorService {
  if (path.startsWith(METADATA_PATH_PREFIX) || path === METADATA_PATH_PREFIX.slice(0, -1)) return 'metadata';
  if (path === EMULATOR_CREDENTIALS_URI_PATH) return 'credentials-uri';
  if (path === '/' && isStsRequest(params)) return 'sts';
  return 'ecs';
}
