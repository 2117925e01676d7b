// A request that failed at the proxy rather than at the endpoint: the proxy could not be
// reached, or it refused the tunnel or the request (407, 403, 502, ...). The proxy agents
// (proxyAgents.ts) throw it; src/api/apiErrors.ts turns it into a message that names the
// proxy. It lives apart from the agents so that mapping it loads no proxy library.

export interface ProxyFailureDetails {
  /** the socket error's code (ECONNREFUSED, ENOTFOUND, ...) when the proxy could not be reached */
  code?: string;
  /** the proxy's own answer: to CONNECT, or 407 to a forwarded request */
  status?: number;
  statusText?: string;
}

export class ProxyFailure extends Error {
  /**
   * @param proxy the proxy's URL without its password (describeProxy)
   * @param variable the environment variable it came from, as spelt there (https_proxy, HTTPS_PROXY, ...)
   */
  constructor(
    readonly proxy: string,
    readonly variable: string,
    readonly details: ProxyFailureDetails,
    cause?: unknown,
  ) {
    const what = details.status !== undefined ? `HTTP ${details.status}` : (details.code ?? 'failed');
    super(`proxy ${proxy} (from ${variable}): ${what}`, cause === undefined ? undefined : { cause });
    this.name = 'ProxyFailure';
  }
}
