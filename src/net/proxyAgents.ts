// The agents that send requests through a proxy: CONNECT tunnels for https:// targets,
// absolute-form requests for http:// targets (TooTallNate's https-proxy-agent and
// http-proxy-agent). Loaded by proxy.ts only when a proxy is in use. What they add: a proxy
// that cannot be reached or that refuses becomes a ProxyFailure naming the proxy, rather than
// an error that blames the endpoint or an answer that is not JSON.
import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

import type { ProxySetting } from './proxy.js';
import { ProxyFailure } from './proxyFailure.js';

type TunnelConnectOptions = Parameters<HttpsProxyAgent<string>['connect']>[1];
type ForwardRequest = Parameters<HttpProxyAgent<string>['addRequest']>[0];
type ForwardConnectOptions = Parameters<HttpProxyAgent<string>['addRequest']>[1];

interface ProxyAnswer {
  statusCode: number;
  statusText: string;
}

function unreachable(setting: ProxySetting, err: unknown): ProxyFailure {
  const code = (err as { code?: unknown } | null)?.code;
  return new ProxyFailure(setting.label, setting.variable, { code: typeof code === 'string' ? code : tunnelFailureCode(err) }, err);
}

/** https-proxy-agent's own errors have no code: the proxy hung up, or its answer to CONNECT was no HTTP. */
function tunnelFailureCode(err: unknown): string | undefined {
  const message = err instanceof Error ? err.message : '';
  if (message.startsWith('Proxy connection ended')) return 'EPROXYCLOSED';
  if (/^(No header received|Invalid header) from proxy/.test(message)) return 'EPROXYNOTHTTP';
  return undefined;
}

/** Bytes from the proxy that Node's HTTP parser rejects (HPE_*): the proxy, not the endpoint, sent them. */
function notHttp(setting: ProxySetting, err: unknown): ProxyFailure {
  return new ProxyFailure(setting.label, setting.variable, { code: 'EPROXYNOTHTTP' }, err);
}

function refused(setting: ProxySetting, answer: ProxyAnswer): ProxyFailure {
  return new ProxyFailure(setting.label, setting.variable, { status: answer.statusCode, statusText: answer.statusText });
}

class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(private readonly setting: ProxySetting) {
    super(setting.url.href, { keepAlive: true });
  }

  override async connect(req: ClientRequest, opts: TunnelConnectOptions): Promise<Socket> {
    let answer: ProxyAnswer | undefined;
    req.once('proxyConnect', (connect: ProxyAnswer) => (answer = connect));
    // The request's own timeout starts only once the tunnel is up: a proxy that accepts the
    // connection and never answers CONNECT is bounded here, by the same --timeout. The library
    // opens its socket before its first await, so a signal in connectOpts reaches only that socket.
    const bound = new AbortController();
    const timeoutMs = typeof opts.timeout === 'number' && opts.timeout > 0 ? opts.timeout : undefined;
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => bound.abort(), timeoutMs);
    const shared = this.connectOpts;
    this.connectOpts = { ...shared, signal: bound.signal };
    let socket: Socket;
    try {
      const tunnel = super.connect(req, opts);
      this.connectOpts = shared;
      socket = await tunnel;
    } catch (err) {
      throw bound.signal.aborted ? new ProxyFailure(this.setting.label, this.setting.variable, { code: 'ETIMEDOUT' }, err) : unreachable(this.setting, err);
    } finally {
      this.connectOpts = shared;
      clearTimeout(timer);
    }
    // On any answer but 200 the library hands back a socket that replays the proxy's answer
    // as if the endpoint had sent it.
    if (answer && answer.statusCode !== 200) {
      socket.destroy();
      throw Number.isInteger(answer.statusCode) && answer.statusCode > 0 ? refused(this.setting, answer) : notHttp(this.setting, answer);
    }
    return socket;
  }
}

class ForwardAgent extends HttpProxyAgent<string> {
  constructor(private readonly setting: ProxySetting) {
    super(setting.url.href, { keepAlive: true });
  }

  override addRequest(req: ForwardRequest, opts: ForwardConnectOptions): void {
    failOnProxyAuthentication(req, this.setting);
    super.addRequest(req, opts);
  }

  override async connect(req: ForwardRequest, opts: ForwardConnectOptions): Promise<Socket> {
    try {
      return await super.connect(req, opts);
    } catch (err) {
      throw unreachable(this.setting, err);
    }
  }
}

/**
 * A forwarded request's answer is the proxy's: garbage from it is the proxy's failure.
 * A forwarded request's 407 comes back as the answer itself, which pop-core would parse as
 * the endpoint's (not JSON). The request rejects with a ProxyFailure instead: its 'response'
 * becomes an 'error' before anyone listening sees it, and the page is drained.
 */
function failOnProxyAuthentication(req: ClientRequest, setting: ProxySetting): void {
  const emit = req.emit;
  req.emit = function emitUnless407(this: ClientRequest, event: string | symbol, ...args: unknown[]): boolean {
    const res = args[0] as IncomingMessage | undefined;
    if (event === 'response' && res?.statusCode === 407) {
      res.resume();
      return emit.call(this, 'error', refused(setting, { statusCode: 407, statusText: res.statusMessage ?? '' }));
    }
    const code = (args[0] as { code?: unknown } | undefined)?.code;
    if (event === 'error' && typeof code === 'string' && code.startsWith('HPE_')) return emit.call(this, 'error', notHttp(setting, args[0]));
    return emit.call(this, event, ...args);
  } as ClientRequest['emit'];
}

export function createProxyAgent(target: URL, setting: ProxySetting): Agent {
  return target.protocol === 'https:' ? new TunnelAgent(setting) : new ForwardAgent(setting);
}
