// A scripted HTTP server on 127.0.0.1 for a test file (or a describe block), and a port on
// 127.0.0.1 where nothing listens.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export interface LoopbackServer {
  /** 127.0.0.1:port, once the server listens */
  readonly host: string;
  /** http://127.0.0.1:port */
  readonly base: string;
}

/** Listens before the tests, and closes after them with every connection (a hung answer too). */
export function useLoopbackServer(handler: RequestListener): LoopbackServer {
  const server = createServer(handler);
  const address = { host: '', base: '' };
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    address.base = `http://${address.host}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return address;
}

/** A port on 127.0.0.1 where nothing listens (it did a moment ago). */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const spare = createServer();
    spare.listen(0, '127.0.0.1', () => {
      const { port } = spare.address() as AddressInfo;
      spare.close(() => resolve(port));
    });
  });
}
