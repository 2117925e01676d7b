// A TLS front for a plain-HTTP server on 127.0.0.1 (the emulator), with the test-only
// certificate in test/fixtures/tls/: an https:// endpoint for the CONNECT proxy tests.
import { readFileSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createServer } from 'node:tls';
import { fileURLToPath } from 'node:url';

/** The certificate to trust (NODE_EXTRA_CA_CERTS) for the terminator's https:// URL. */
export const TEST_CERT = fileURLToPath(new URL('../fixtures/tls/cert.pem', import.meta.url));
const TEST_KEY = fileURLToPath(new URL('../fixtures/tls/key.pem', import.meta.url));

export interface RunningTlsTerminator {
  /** https://127.0.0.1:port */
  url: string;
  close(): Promise<void>;
}

export async function startTlsTerminator(targetPort: number): Promise<RunningTlsTerminator> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer({ cert: readFileSync(TEST_CERT), key: readFileSync(TEST_KEY) }, (client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    track(client);
    track(upstream);
    client.pipe(upstream).on('error', () => client.destroy());
    upstream.pipe(client).on('error', () => upstream.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
