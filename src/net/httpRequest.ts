// The one way ecsimg sends an HTTP request that is not an API call through pop-core: the
// instance metadata service and a credentials URI. Bounded in time and size. The caller
// hands in the proxy's agent (net/proxy.ts) where HTTP(S)_PROXY applies: never for the
// metadata service.
import type { Agent } from 'node:http';

import { EcsimgError, InterruptedError } from '../errors.js';
import { ProxyFailure } from './proxyFailure.js';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'PUT';
  headers?: Record<string, string>;
  /** the whole exchange, connect to last byte */
  timeoutMs: number;
  /** a proxy's agent (proxyAgentFor); undefined: connect directly */
  agent?: Agent;
  signal?: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  body: string;
}

/** Credential answers are a few hundred bytes; more is no credential answer. */
const MAX_BODY_BYTES = 64 * 1024;

export class HttpRequestError extends Error {
  constructor(
    /** a Node error code (ECONNREFUSED, ...), 'ETIMEDOUT' or 'ETOOLARGE' */
    readonly code: string,
  ) {
    super(code);
    this.name = 'HttpRequestError';
  }

  /** What the server did, for a message that starts with its name: "did not answer (ECONNRESET)". */
  get failure(): string {
    return this.code === 'ETOOLARGE' ? `sent an answer larger than ${MAX_BODY_BYTES / 1024} KiB, which is no credential answer` : `did not answer (${this.code})`;
  }
}

export async function httpRequest(request: HttpRequest): Promise<HttpAnswer> {
  const url = new URL(request.url);
  const { request: send } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = send(url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      agent: request.agent,
      signal: request.signal,
    });
    const fail = (code: string): void => {
      req.destroy();
      reject(new HttpRequestError(code));
    };
    const timer = setTimeout(() => fail('ETIMEDOUT'), request.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // Ctrl-C is exit 130, not a service that did not answer.
      if (err.name === 'AbortError') reject(request.signal?.reason instanceof EcsimgError ? request.signal.reason : new InterruptedError());
      // The proxy failed, not the service: the report names the proxy.
      else if (err instanceof ProxyFailure) reject(err);
      else reject(new HttpRequestError(err.code ?? 'ERROR'));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) fail('ETOOLARGE');
        else chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', () => undefined);
    });
    req.end();
  });
}
