// STS (API 2015-04-01): AssumeRole signed with a key, AssumeRoleWithOIDC unsigned. Both go
// through the same pop-core path as ECS calls: retries, timeout and error mapping.
import { EcsimgError, ExitCode, ServiceError, UsageError } from '../../errors.js';
import { endpointHost } from '../../api/apiErrors.js';
import { proxyAgentFor } from '../../net/proxy.js';
import { ProxyFailure } from '../../net/proxyFailure.js';
import { envValue } from '../context.js';
import type { Credentials } from '../credentials.js';
import { envFlag, keepCredentials, temporaryCredentialsIn, type SourceContext } from './context.js';

export const STS_API_VERSION = '2015-04-01';

/** What the aliyun CLI asks for when a profile says nothing (its expired_seconds default). */
export const DEFAULT_DURATION_SECONDS = 3600;

export interface StsCredentials {
  credentials: Credentials;
  /** e.g. 2026-12-04T17:00:00Z */
  expiration: unknown;
}

/**
 * ALIBABA_CLOUD_STS_ENDPOINT, else the profile's sts_endpoint, else the regional endpoint
 * of sts_region or ALIBABA_CLOUD_STS_REGION (sts-vpc. when ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED),
 * else sts.aliyuncs.com. A value without a scheme gets https://.
 */
export function stsEndpoint(ctx: SourceContext, fields?: ReadonlyMap<string, string>): string {
  const given = envValue(ctx, 'ALIBABA_CLOUD_STS_ENDPOINT') ?? fields?.get('sts_endpoint');
  if (given !== undefined) return withScheme(given);
  const region = fields?.get('sts_region') ?? envValue(ctx, 'ALIBABA_CLOUD_STS_REGION');
  if (region === undefined) return 'https://sts.aliyuncs.com';
  const prefix = envFlag(ctx, 'ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED') ? 'sts-vpc' : 'sts';
  return `https://${prefix}.${region}.aliyuncs.com`;
}

function withScheme(endpoint: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
}

export function defaultSessionName(): string {
  return `ecsimg-${Date.now()}`;
}

export interface AssumeRoleRequest {
  endpoint: string;
  /** the key that signs; undefined for AssumeRoleWithOIDC, which is unsigned */
  signer?: Credentials;
  action: 'AssumeRole' | 'AssumeRoleWithOIDC';
  params: Record<string, string>;
}

export async function callSts(ctx: SourceContext, request: AssumeRoleRequest): Promise<StsCredentials> {
  const endpoint = usableEndpoint(request.endpoint);
  const { createRpcCaller } = await import('../../api/client.js');
  const { signer } = request;
  const agent = await proxyAgentFor(endpoint, ctx.env, { debug: ctx.debug, secrets: ctx.secrets });
  const call = await createRpcCaller({
    endpoint,
    apiVersion: STS_API_VERSION,
    credentials: { getCredentials: () => Promise.resolve(signer ?? {}) },
    timeoutSeconds: ctx.timeoutSeconds ?? 10,
    retries: ctx.retries ?? 3,
    debug: ctx.debug,
    signal: ctx.signal,
    showBody: false,
    agent,
  });
  let answer: Record<string, unknown>;
  try {
    answer = await call(request.action, request.params);
  } catch (err) {
    throw asStsFailure(err, endpoint);
  }
  const found = answer.Credentials as Record<string, unknown> | undefined;
  const credentials = temporaryCredentialsIn(found);
  if (!credentials) {
    throw new ServiceError(`the ${request.action} answer from ${endpointHost(endpoint)} holds no Credentials`, {
      requestId: typeof answer.RequestId === 'string' ? answer.RequestId : undefined,
    });
  }
  keepCredentials(ctx, credentials);
  return { credentials, expiration: found?.Expiration };
}

/** The endpoint with its scheme in lower case (all pop-core reads); any other would fail there as an internal error. */
function usableEndpoint(endpoint: string): string {
  const url = URL.canParse(endpoint) ? new URL(endpoint) : undefined;
  if (url && /^https?:$/.test(url.protocol) && url.hostname !== '') return url.protocol + endpoint.slice(url.protocol.length);
  // A URL with user:password@ would carry a secret into the message.
  const shown = endpoint.includes('@') ? 'the value' : `'${endpoint}'`;
  throw new UsageError(`the STS endpoint ${shown} is not an http:// or https:// URL`, {
    hint: "It comes from ALIBABA_CLOUD_STS_ENDPOINT, the profile's sts_endpoint or sts_region, or ALIBABA_CLOUD_STS_REGION: fix that setting.",
  });
}

/** The shared error table speaks of the ECS API and its endpoint settings; here it was STS. */
function asStsFailure(err: unknown, endpoint: string): unknown {
  if (!(err instanceof EcsimgError) || err.exitCode !== ExitCode.service) return err;
  // A failing proxy is named as such, with its own hint.
  if (err.cause instanceof ProxyFailure) return err;
  const failure = new ServiceError(err.message.replace(/\bthe ECS API\b/g, 'STS'), {
    code: err.code,
    requestId: err.requestId,
    status: err.status,
    cause: err,
    hint: `STS is at ${endpointHost(endpoint)} (from ALIBABA_CLOUD_STS_ENDPOINT, the profile's sts_endpoint or sts_region, or ALIBABA_CLOUD_STS_REGION); try again later, or check that setting`,
  });
  return failure;
}
