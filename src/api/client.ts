// The only file that imports @alicloud/pop-core. It hides pop-core's traps (SPEC section 7
// and the README's notes): POST always, our own timeout, retries, HTTP status checked,
// BigNumber turned into bigint, and every failure mapped to a readable EcsimgError.
import type { Credentials } from '../config/credentials.js';
import { httpStatusError, toEcsimgError, unexpectedResponseError, type RequestContext } from './apiErrors.js';
import { redactParams } from './redact.js';
import { withRetries } from './retry.js';
import type { DescribeImagesResponse, DescribeRegionsResponse, EcsApi, RpcParams } from './types.js';

export const API_VERSION = '2014-05-26';

export interface ClientOptions {
  endpoint: string;
  /** asked before every request, so temporary credentials can be renewed during a run */
  credentials: Credentials | CredentialsProvider;
  timeoutSeconds: number;
  retries: number;
  /** --debug: one line per request, response and retry; secrets redacted */
  debug?: (line: string) => void;
  signal?: AbortSignal;
}

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

  return (action: string, params: RpcParams, signal = options.signal): Promise<Record<string, unknown>> => {
    const ctx = ctxOf(action, params);
    return withRetries(
      async () => {
        const started = Date.now();
        debug?.(`request ${action} ${options.endpoint} ${JSON.stringify(redactParams(params))}`);
        let body: unknown;
        let entry: PopEntry;
        try {
          // pop-core signs a fresh request (new nonce and timestamp) on every call, so a retry is a new request.
          [body, entry] = await pop.request(action, params, {
            method: 'POST',
            timeout: ctx.timeoutMs,
            formatParams: false,
          });
        } catch (err) {
          const mapped = toEcsimgError(err, ctx);
          // Not the body: an error's Message may quote the server's string to sign, and an
          // HTML page says nothing the report does not.
          debug?.(`response ${action} failed after ${Date.now() - started} ms: ${mapped.code ?? mapped.name}`);
          throw mapped;
        }
        const json = toPlain(body) as Record<string, unknown>;
        const status = entry.response.statusCode;
        const requestId = typeof json.RequestId === 'string' ? json.RequestId : undefined;
        const shown = options.showBody === false ? '' : ` ${bodyExcerpt(json)}`;
        debug?.(`response ${action} HTTP ${status} RequestId ${requestId ?? '-'} in ${Date.now() - started} ms${shown}`);
        if (status >= 400) throw httpStatusError(status, ctx, { RequestId: requestId }, entry.response.headers);
        return json;
      },
      {
        retries: options.retries,
        signal,
        onRetry: ({ attempt, delayMs, error }) =>
          debug?.(`retry ${attempt} of ${options.retries} for ${action} in ${delayMs} ms after ${error.code ?? error.message}`),
      },
    );
  };

  function ctxOf(action: string, params: RpcParams): RequestContext {
    return { action, endpoint: options.endpoint, regionId: params.RegionId, timeoutMs: Math.round(options.timeoutSeconds * 1000) };
  }
}

export async function createEcsApi(options: ClientOptions): Promise<EcsApi> {
  const call = await createRpcCaller({ ...options, apiVersion: API_VERSION });
  const ctxOf = (action: string, params: RpcParams): RequestContext => ({
    action,
    endpoint: options.endpoint,
    regionId: params.RegionId,
    timeoutMs: Math.round(options.timeoutSeconds * 1000),
  });

  return {
    async describeImages(params, signal) {
      const json = await call('DescribeImages', params, signal);
      const images = (json.Images as { Image?: unknown } | undefined)?.Image;
      if (typeof json.TotalCount !== 'number' || !Array.isArray(images)) {
        throw unexpectedResponseError('no TotalCount or Images', ctxOf('DescribeImages', params), {
          requestId: json.RequestId as string | undefined,
        });
      }
      return json as unknown as DescribeImagesResponse;
    },
    async describeRegions(params = {}) {
      const json = await call('DescribeRegions', params);
      const regions = (json.Regions as { Region?: unknown } | undefined)?.Region;
      if (!Array.isArray(regions)) {
        throw unexpectedResponseError('no Regions', ctxOf('DescribeRegions', params), {
          requestId: json.RequestId as string | undefined,
        });
      }
      return json as unknown as DescribeRegionsResponse;
    },
  };
}

/** --debug shows the start of each successful answer: enough for an odd one, not a page of images. */
const DEBUG_BODY_CHARS = 400;

function bodyExcerpt(body: Record<string, unknown>): string {
  const text = JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  return text.length > DEBUG_BODY_CHARS ? `${text.slice(0, DEBUG_BODY_CHARS)}… (${text.length} characters)` : text;
}

/**
 * pop-core parses with json-bigint: BigNumber objects for numbers longer than 15 digits.
 * They become exact bigint (or a plain number for the rare long fraction), and strings are
 * detached from the response text; in place: copying every image would double the garbage
 * of a large listing.
 */
export function toPlain(value: unknown): unknown {
  if (typeof value === 'string') return value.length < SLICE_MIN_LENGTH ? value : detachedString(value);
  if (value === null || typeof value !== 'object') return value;
  if (isBigNumber(value)) {
    const text = value.toFixed();
    return /^-?\d+$/.test(text) ? BigInt(text) : Number(text);
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const field = fields[key];
    if (typeof field === 'string' || (field !== null && typeof field === 'object')) fields[key] = toPlain(field);
  }
  return value;
}

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
