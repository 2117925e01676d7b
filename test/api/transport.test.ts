// boundAnswers with a small bound, through httpx (pop-core's HTTP client, which reads a
// whole answer) over real HTTP: the bound holds raw and inflated, its error reaches the
// reader even when the first chunk (read with the headers) already passes it, and an agent
// handed in (a proxy's) is patched once.
import http from 'node:http';
import { createRequire } from 'node:module';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWER_TOO_LARGE, boundAnswers, trackAnswer } from '../../src/api/transport.js';
import { httpAnswer, startHostileServer, type HostileServer } from '../support/hostileServer.js';

interface Httpx {
  request(url: string, opts: object): Promise<http.IncomingMessage>;
  read(response: http.IncomingMessage): Promise<Buffer>;
}
// pop-core's own reader, as pop-core loads it
const popCore = createRequire(import.meta.url).resolve('@alicloud/pop-core');
const httpx = createRequire(popCore)('httpx') as Httpx;

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function fetchThrough(agent: http.Agent, answer: Buffer): Promise<Buffer> {
  server = await startHostileServer(() => answer);
  const response = await httpx.request(`${server.endpoint}/`, { method: 'POST', data: 'x=1', agent, timeout: 5000 });
  return httpx.read(response);
}

describe('boundAnswers', () => {
  it('passes an answer within the bound, and asks for no compression', async () => {
    const body = await fetchThrough(boundAnswers(new http.Agent(), 100), httpAnswer('{"ok":true}'));
    expect(body.toString()).toBe('{"ok":true}');
    expect(server!.requests[0]).toMatch(/^accept-encoding: identity$/im);
  });

  it.each([
    ['a raw', httpAnswer('x'.repeat(5000))],
    ['a gzip', httpAnswer(gzipSync('x'.repeat(5000)), { 'content-encoding': 'gzip' })],
    ['a deflate', httpAnswer(deflateSync('x'.repeat(5000)), { 'content-encoding': 'deflate' })],
  ])('fails %s answer past the bound at once, with its own code', async (_name, answer) => {
    const started = Date.now();
    // the whole answer arrives in the first chunk, before httpx listens for errors
    const error = await fetchThrough(boundAnswers(new http.Agent(), 1000), answer).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe(ANSWER_TOO_LARGE);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('patches an agent instance once, however often it is given', async () => {
    const agent = new http.Agent({ keepAlive: true });
    const original = (agent as unknown as { addRequest: unknown }).addRequest;
    expect(boundAnswers(agent)).toBe(agent);
    const patched = (agent as unknown as { addRequest: unknown }).addRequest;
    expect(patched).not.toBe(original);
    boundAnswers(agent);
    expect((agent as unknown as { addRequest: unknown }).addRequest).toBe(patched);
    expect(http.globalAgent).not.toHaveProperty('addRequest', patched);
    agent.destroy();
  });

  it('trackAnswer tells whether the whole answer had arrived', async () => {
    const agent = boundAnswers(new http.Agent());
    const whole = trackAnswer(() => fetchThrough(agent, httpAnswer('{}')));
    expect(whole.answer.complete).toBe(false);
    await whole.result;
    expect(whole.answer.complete).toBe(true);
    await server?.close();
    const cut = trackAnswer(() => fetchThrough(agent, httpAnswer('{}', { 'content-length': '100' })));
    await expect(cut.result).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(cut.answer.complete).toBe(false);
  });
});
