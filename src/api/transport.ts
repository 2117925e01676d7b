// What the HTTP layer under pop-core may receive. httpx (pop-core's HTTP client) reads a
// whole answer into memory and inflates gzip/deflate whenever the server says so, asked or
// not: a 448 KB gzip answer once inflated to 450 MB. This hook on the agent bounds every
// answer, raw and inflated, and asks for no compression. The agent is the one place pop-core
// lets us in: it passes opts.agent to http.request, and the agent's addRequest runs inside
// the ClientRequest constructor, before httpx listens for the response.
import { AsyncLocalStorage } from 'node:async_hooks';
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable, Writable } from 'node:stream';

/** What one answer may hold, after any decompression; a page of 100 images is well under 1 MiB. */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** The code of the error an answer past the bound fails with (apiErrors.ts names it). */
export const ANSWER_TOO_LARGE = 'ERR_ECSIMG_ANSWER_TOO_LARGE';

type AddRequest = (req: ClientRequest, options: object) => void;
type Pushable = Readable & { push(chunk: unknown, encoding?: BufferEncoding): boolean };

const BOUND = Symbol('ecsimg.boundAnswers');

/** A keep-alive agent for the endpoint's scheme, as pop-core would make. */
export function keepAliveAgent(endpoint: string): http.Agent {
  const options = { keepAlive: true, keepAliveMsecs: 3000 };
  return endpoint.startsWith('https:') ? new https.Agent(options) : new http.Agent(options);
}

/** Patches this agent instance (a proxy agent too) so every answer it carries is bounded. */
export function boundAnswers<A extends http.Agent>(agent: A, maxBytes = MAX_ANSWER_BYTES): A {
  const patched = agent as A & { addRequest: AddRequest; [BOUND]?: true };
  if (patched[BOUND]) return agent;
  const addRequest = patched.addRequest;
  patched.addRequest = function (this: A, req: ClientRequest, options: object): void {
    req.setHeader('accept-encoding', 'identity');
    const answer = answers.getStore();
    req.prependListener('response', (res: IncomingMessage) => limitAnswer(res, maxBytes, answer));
    addRequest.call(this, req, options);
  };
  patched[BOUND] = true;
  return agent;
}

/** Whether the answer to one request arrived in full. */
export interface AnswerState {
  complete: boolean;
}

const answers = new AsyncLocalStorage<AnswerState>();

/**
 * Runs one request and tells afterwards whether its whole answer arrived: a failure after
 * that (pop-core choking on `null`, or json-bigint's recursion on deep nesting) is the
 * answer's fault, not ecsimg's.
 */
export function trackAnswer<T>(send: () => Promise<T>): { result: Promise<T>; answer: AnswerState } {
  const answer: AnswerState = { complete: false };
  return { result: answers.run(answer, send), answer };
}

function limitAnswer(res: IncomingMessage, maxBytes: number, answer: AnswerState | undefined): void {
  let over = false;
  let inflating: Writable | undefined;
  const fail = (): void => {
    if (over) return;
    over = true;
    const error = Object.assign(new Error(`answer larger than ${maxBytes} bytes`), { code: ANSWER_TOO_LARGE, limit: maxBytes });
    // Deferred: a first chunk arrives with the headers, before httpx listens for 'error'.
    setImmediate(() => {
      inflating?.destroy(error);
      res.destroy(error);
    });
  };
  countPushes(res as Pushable, maxBytes, fail, () => {
    if (answer) answer.complete = true;
  });
  // httpx inflates with response.pipe(zlib...): count what comes out of it, too.
  const pipe = res.pipe;
  res.pipe = function <T extends NodeJS.WritableStream>(this: IncomingMessage, destination: T, options?: { end?: boolean }): T {
    inflating = destination as unknown as Writable;
    countPushes(destination as unknown as Pushable, maxBytes, fail);
    // A corrupt stream fails the inflater only: the answer's socket must not stay open.
    inflating.once('error', () => res.destroy());
    return pipe.call(this, destination, options) as T;
  };
}

/** Counts the bytes a stream is given; past maxBytes they are dropped and onOver is called. */
function countPushes(stream: Pushable, maxBytes: number, onOver: () => void, onEnd?: () => void): void {
  let total = 0;
  const push = stream.push;
  stream.push = function (this: Pushable, chunk: unknown, encoding?: BufferEncoding): boolean {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) total += chunk.length;
    if (total > maxBytes) {
      onOver();
      return false;
    }
    if (chunk === null) onEnd?.();
    return push.call(this, chunk, encoding);
  };
}
