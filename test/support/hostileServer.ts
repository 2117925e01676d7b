// A server that speaks just enough HTTP to read one request per connection, then writes
// exactly the bytes a test gives: invalid status lines, huge headers, gzip bombs, `null`
// bodies. Raw TCP, because node:http would refuse to send most of them.
import { createServer, type Socket } from 'node:net';

/** Bytes to send and close, or a function that writes to the socket itself. */
export type HostileAnswer = string | Buffer | ((socket: Socket) => void);

export interface HostileServer {
  /** http://127.0.0.1:<port> */
  readonly endpoint: string;
  /** the head (request line and headers) of every request read, in order */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A complete HTTP/1.1 response with a body, JSON unless `headers` says otherwise. */
export function httpAnswer(body: string | Buffer, headers: Record<string, string> = {}, status = '200 OK'): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const all: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(bytes.length), connection: 'close', ...headers };
  const head = [`HTTP/1.1 ${status}`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes]);
}

/** Answers request number n (from 0) with answer(n). */
export async function startHostileServer(answer: (n: number) => HostileAnswer): Promise<HostileServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = received.subarray(0, end).toString('latin1');
      const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? 0);
      if (received.length < end + 4 + length) return;
      socket.off('data', onData);
      const reply = answer(requests.length);
      requests.push(head);
      if (typeof reply === 'function') reply(socket);
      else socket.end(reply);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
