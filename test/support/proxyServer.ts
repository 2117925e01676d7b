// A real HTTP proxy on 127.0.0.1 for the proxy tests: forwards absolute-form requests
// (http://host/path) and opens CONNECT tunnels, optionally behind Basic auth (407
// otherwise), and records what passed through so a test can tell a request went via the
// proxy, or that NO_PROXY sent it past. It only ever connects to loopback targets.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxyServerOptions {
  /** require Proxy-Authorization: Basic user:password, else 407 */
  auth?: { user: string; password: string };
  /** answer every CONNECT with this status instead of opening the tunnel (403, 502, ...) */
  refuseConnect?: number;
}

export interface Passage {
  /** 'CONNECT' for a tunnel, else the forwarded request's method */
  method: string;
  /** host:port of the target */
  target: string;
  /** what the proxy answered itself (407, a refused CONNECT), when it did not pass the request on */
  refusedWith?: number;
}

export interface RunningProxy {
  /** http://127.0.0.1:port */
  url: string;
  port: number;
  /** every request or tunnel that reached the proxy, in order */
  passages: Passage[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function authorized(req: IncomingMessage, options: ProxyServerOptions): boolean {
  if (!options.auth) return true;
  const expected = `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`;
  return req.headers['proxy-authorization'] === expected;
}

function hostOf(target: string): string {
  return target.replace(/:\d+$/, '');
}

export async function startProxyServer(options: ProxyServerOptions = {}): Promise<RunningProxy> {
  const passages: Passage[] = [];
  const sockets = new Set<Socket>();

  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute-form requests only');
      return;
    }
    const passage: Passage = { method: req.method ?? 'GET', target: target.host };
    passages.push(passage);
    if (!authorized(req, options)) {
      passage.refusedWith = 407;
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="ecsimg-test"', 'Content-Type': 'text/html' });
      res.end('<html><head><title>407 Proxy Authentication Required</title></head></html>');
      return;
    }
    if (!LOOPBACK.has(target.hostname)) {
      passage.refusedWith = 403;
      res.writeHead(403).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = request(
      { host: target.hostname, port: target.port || 80, method: req.method, path: `${target.pathname}${target.search}`, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  };

  const server: Server = createServer(forward);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    const passage: Passage = { method: 'CONNECT', target };
    passages.push(passage);
    const refuse = (status: number, reason: string, extra = ''): void => {
      passage.refusedWith = status;
      client.end(`HTTP/1.1 ${status} ${reason}\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`);
    };
    if (!authorized(req, options)) return refuse(407, 'Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="ecsimg-test"\r\n');
    if (options.refuseConnect !== undefined) return refuse(options.refuseConnect, 'Refused By Test Proxy');
    if (!LOOPBACK.has(hostOf(target))) return refuse(403, 'Forbidden');
    const port = Number(/:(\d+)$/.exec(target)?.[1]);
    let open = false;
    const upstream = connect({ host: hostOf(target).replace(/^\[|\]$/g, ''), port }, () => {
      open = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => (open ? client.destroy() : refuse(502, 'Bad Gateway')));
    client.on('error', () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    passages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
