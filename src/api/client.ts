// The only file that imports @alicloud/pop-core. It hides pop-core's traps (SPEC section 7
// and the README's notes): POST always, our own timeout, retries, HTTP status checked,
// answers bounded and shape-checked, BigNumber turned into a number or bigint, and every
// failure mapped to a readable EcsimgError.
import type { Agent } from 'node:http';
import type { Credentials } from '../config/credentials.js';
import { isRecord } from '../guards.js';
import { answerObject, checkedDescribeImageFromFamily, checkedDescribeImages, checkedDescribeRegions } from './answers.js';
import { endpointHost, httpStatusError, TIMED_OUT, toEcsimgError, type RequestContext } from './apiErrors.js';
import { redactParams } from './redact.js';
import { formatWait, withRetries } from './retry.js';
import { boundAnswers, keepAliveAgent, trackAnswer } from './transport.js';
import type { EcsApi, RpcParams } from './types.js';

export const API_VERSION = '2014-05-26';

export interface ClientOptions {
  endpoint: string;
  /** asked before every request, so temporary credentials can be renewed during a run */
  credentials: Credentials | CredentialsProvider;
  timeoutSeconds: number;
  retries: number;
  /** --debug: one line per request, response and retry; secrets redacted */
  debug?: (line: string) => void;
  /** a wait of more than WAIT_NOTICE_MS before a retry, in words, while it starts */
  onWait?: (text: string) => void;
  /** a shorter one, in words, for the spinner only */
  onRetry?: (text: string) => void;
  signal?: AbortSignal;
  /** the agent requests go through (a proxy's); by default a keep-alive agent of our own */
  agent?: Agent;
}

/** Waits longer than this are announced: a silent pause of seconds looks like a hang. */
export const WAIT_NOTICE_MS = 1000;

export interface CredentialsProvider {
  /** an unsigned request (AssumeRoleWithOIDC) gets {} */
  getCredentials(): Promise<Credentials | Record<string, never>>;
}

export interface RpcCallerOptions extends ClientOptions {
  apiVersion: string;
  /** false: --debug shows no answer body (an STS answer holds the new secret) */
  showBody?: boolean;
}

export type RpcCall = (action: string, params: RpcParams, signal?: AbortSignal) => Promise<Record<string, unknown>>;

interface PopEntry {
  response: { statusCode: number; headers: Record<string, string | string[] | undefined> };
}

interface PopClient {
  request(action: string, params: RpcParams, options: object): Promise<[unknown, PopEntry]>;
}

/** One signed RPC action with ecsimg's retries, timeout and error mapping: ECS and STS alike. */
export async function createRpcCaller(options: RpcCallerOptions): Promise<RpcCall> {
  const { default: RPCClient } = await import('@alicloud/pop-core');
  const { credentials } = options;
  const credentialsProvider = 'getCredentials' in credentials ? credentials : { getCredentials: () => Promise.resolve(credentials) };
  const pop = new RPCClient(
    { endpoint: options.endpoint, apiVersion: options.apiVersion, credentialsProvider },
    // @ts-expect-error pop-core's typings omit the verbose flag, which returns [body, entry] with the HTTP status
    true,
  ) as unknown as PopClient;
  const debug = options.debug;
  const agent = boundAnswers(options.agent ?? keepAliveAgent(options.endpoint));

  return (action: string, params: RpcParams, signal = options.signal): Promise<Record<string, unknown>> => {
    const ctx = requestContext(options, action, params);
    return withRetries(
      async () => {
        const started = Date.now();
        debug?.(`request ${action} ${options.endpoint} ${JSON.stringify(redactParams(params))}`);
        let json: unknown;
        let entry: PopEntry;
        // pop-core signs a fresh request (new nonce and timestamp) on every call, so a retry is a new request.
        const sent = trackAnswer(() => pop.request(action, params, { method: 'POST', timeout: ctx.timeoutMs, formatParams: false, agent }));
        try {
          let body: unknown;
          [body, entry] = await sent.result;
          json = toPlain(body);
        } catch (err) {
          const mapped = toEcsimgError(err, ctx, sent.answer);
          // Not the body: an error's Message may quote the server's string to sign, and an
          // HTML page says nothing the report does not.
          debug?.(`response ${action} failed after ${Date.now() - started} ms: ${mapped.code ?? mapped.name}`);
          throw mapped;
        }
        const status = entry.response.statusCode;
        const requestId = stringField(json, 'RequestId');
        const shown = options.showBody === false ? '' : ` ${bodyExcerpt(json)}`;
        debug?.(`response ${action} HTTP ${status} RequestId ${requestId ?? '-'} in ${Date.now() - started} ms${shown}`);
        if (status >= 400) throw httpStatusError(status, ctx, { RequestId: requestId }, entry.response.headers);
        return answerObject(json, ctx);
      },
      {
        retries: options.retries,
        signal,
        onRetry: ({ attempt, delayMs, askedByServer, error }) => {
          debug?.(`retry ${attempt} of ${options.retries} for ${action} in ${delayMs} ms after ${error.code ?? error.message}`);
          const why = error.message.endsWith(TIMED_OUT)
            ? 'a timeout'
            : (error.code ?? (error.status === undefined ? 'a network error' : `HTTP ${error.status}`));
          if (delayMs > WAIT_NOTICE_MS) {
            const as = askedByServer ? ' as the server asked' : '';
            options.onWait?.(
              `${action} to ${endpointHost(options.endpoint)} failed with ${why}; waiting ${formatWait(delayMs)}${as} (retry ${attempt} of ${options.retries})`,
            );
          } else {
            options.onRetry?.(`${action} to ${endpointHost(options.endpoint)}: retrying after ${why} (${attempt} of ${options.retries})…`);
          }
        },
      },
    );
  };
}

/** What an error report says about the request: action, host, region, timeout. */
function requestContext(options: ClientOptions, action: string, params: RpcParams): RequestContext {
  return { action, endpoint: options.endpoint, regionId: params.RegionId, timeoutMs: Math.round(options.timeoutSeconds * 1000) };
}

export async function createEcsApi(options: ClientOptions): Promise<EcsApi> {
  const call = await createRpcCaller({ ...options, apiVersion: API_VERSION });
  const ctxOf = (action: string, params: RpcParams): RequestContext => requestContext(options, action, params);

  return {
    async describeImages(params, signal) {
      return checkedDescribeImages(await call('DescribeImages', params, signal), ctxOf('DescribeImages', params));
    },
    async describeRegions(params = {}) {
      return checkedDescribeRegions(await call('DescribeRegions', params), ctxOf('DescribeRegions', params));
    },
    async describeImageFromFamily(params, signal) {
      return checkedDescribeImageFromFamily(await call('DescribeImageFromFamily', params, signal), ctxOf('DescribeImageFromFamily', params));
    },
  };
}

/** --debug shows the start of each successful answer: enough for an odd one, not a page of images. */
const DEBUG_BODY_CHARS = 400;

function stringField(body: unknown, field: string): string | undefined {
  const value = isRecord(body) ? body[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function bodyExcerpt(body: unknown): string {
  const text = JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  return text.length > DEBUG_BODY_CHARS ? `${text.slice(0, DEBUG_BODY_CHARS)}… (${text.length} characters)` : text;
}

/**
 * pop-core parses with json-bigint: BigNumber objects for numbers longer than 15 digits.
 * Integers a double holds exactly become plain numbers (most 16-digit account IDs), larger
 * ones exact bigint, the rare long fraction a plain number (SPEC section 4); strings are
 * detached from the response text; in place: copying every image would double the garbage
 * of a large listing.
 */
export function toPlain(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length < SLICE_MIN_LENGTH ? value : detachedString(value);
  if (value === null || typeof value !== 'object') return value;
  if (isBigNumber(value)) {
    const text = value.toFixed();
    if (!/^-?\d+$/.test(text)) return Number(text);
    const number = Number(text);
    return Number.isSafeInteger(number) ? number : BigInt(text);
  }
  // Everything after this (debug excerpts, formatters, --query) recurses too.
  if (depth >= MAX_ANSWER_DEPTH) throw new RangeError(`answer nested more than ${MAX_ANSWER_DEPTH} levels deep`);
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const field = fields[key];
    if (typeof field === 'string' || (field !== null && typeof field === 'object')) fields[key] = toPlain(field, depth + 1);
  }
  return value;
}

/** An ECS answer nests about six levels (Images.Image[].DiskDeviceMappings...); far more is no answer. */
const MAX_ANSWER_DEPTH = 64;

/** V8 copies shorter substrings; longer ones are slices that keep the whole text alive. */
const SLICE_MIN_LENGTH = 13;

/**
 * The same string, holding nothing else. json-bigint returns slices of the whole response
 * text, which is two bytes a character once any image has a CJK name: a page waiting its
 * turn (pages are printed in order) would keep its text alive, and V8 moves such large
 * strings to the old generation, freed only by a full GC. Latin-1 text becomes a one-byte
 * copy, half the size. (bench: 50,000 images as ndjson peaked 7 MiB lower.)
 */
export function detachedString(text: string): string {
  const oneByte = Buffer.from(text, 'latin1').toString('latin1');
  return oneByte === text ? oneByte : Buffer.from(text, 'utf16le').toString('utf16le');
}

function isBigNumber(value: object): value is { toFixed(): string } {
  return (value as { _isBigNumber?: unknown })._isBigNumber === true && typeof (value as { toFixed?: unknown }).toFixed === 'function';
}
