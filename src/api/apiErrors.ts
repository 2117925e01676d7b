// The one table that turns what pop-core throws into an EcsimgError (SPEC section 5).
// pop-core's err.message and err.url are never read: with GET they carry the AccessKeyId,
// the signature and the STS token, and a SignatureDoesNotMatch Message quotes the
// server's string to sign (which holds them too).

import {
  CredentialsError,
  EcsimgError,
  ExitCode,
  InterruptedError,
  NotFoundError,
  ServiceError,
  UsageError,
  type ErrorDetails,
} from '../errors.js';
import { scrubText } from './redact.js';
import { ANSWER_TOO_LARGE, MAX_ANSWER_BYTES } from './transport.js';
import { isObjectLike } from '../guards.js';
import { ProxyFailure } from '../net/proxyFailure.js';

export interface RequestContext {
  /** API action, e.g. DescribeImages */
  action: string;
  /** endpoint URL the request went to; only its host is ever shown */
  endpoint: string;
  regionId?: string;
  /** the per-request timeout (--timeout), to name it when a request times out */
  timeoutMs?: number;
}

type Kind = 'usage' | 'credentials' | 'service' | 'notFound';

interface ApiFailure {
  code: string;
  ctx: RequestContext;
  host: string;
  status?: number;
  /** the server's Message, one line, scrubbed */
  serverMessage?: string;
}

interface Rule {
  /** exact Code, or a prefix ending in '*'; matched case-insensitively */
  code: string;
  kind: Kind;
  retryable?: boolean;
  message: (f: ApiFailure) => string;
  hint?: (f: ApiFailure) => string | undefined;
}

const CREDENTIALS_SOURCES =
  'ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET, or the profile chosen with --profile or ALIBABA_CLOUD_PROFILE in ~/.aliyun/config.json';
const REGION_SOURCES = '--region, ALIBABA_CLOUD_REGION_ID or the profile\'s region_id';
const ENDPOINT_SOURCES = '--endpoint or ALIBABA_CLOUD_ECS_ENDPOINT';

function withServerMessage(text: string, f: ApiFailure): string {
  return f.serverMessage ? `${text}: ${f.serverMessage}` : text;
}

function region(f: ApiFailure): string {
  return f.ctx.regionId ? `'${f.ctx.regionId}'` : '(none given)';
}

const regionHint = (): string => `list valid regions with \`ecsimg regions\`; the region comes from ${REGION_SOURCES}`;
const clockHint = (): string =>
  'the request timestamp is taken from this computer\'s clock: check it is right (NTP: `timedatectl status`, `chronyc tracking`)';
const reportHint = (): string => 'this looks like an ecsimg bug: please report it with the output of --debug';
const supportHint = (f: ApiFailure): string | undefined =>
  f.status !== undefined && f.status >= 500 ? 'try again later; quote the request-id if you contact Alibaba Cloud support' : undefined;
const throttleHint = (): string => 'wait a little and try again, or send fewer requests at once (lower --concurrency, fewer regions)';

const RULES: readonly Rule[] = [
  // The seed's error table (DescribeImages).
  {
    code: 'InvalidImageOwnerAlias.ValueNotSupported',
    kind: 'usage',
    message: () => 'the API does not accept this image owner alias',
    hint: () => '--owner takes system, self, others or marketplace',
  },
  {
    code: 'InvalidImageOwnerAlias*',
    kind: 'usage',
    message: (f) => withServerMessage('the image owner alias was rejected', f),
    hint: () => '--owner takes system, self, others or marketplace',
  },
  {
    code: 'InvalidTag.Mismatch',
    kind: 'usage',
    message: () => 'the tag filters do not pair up: every Tag.N.Value needs a Tag.N.Key',
    hint: () => 'write each filter as --tag key=value; --tag key alone matches any value',
  },
  {
    code: 'InvalidTagCount',
    kind: 'usage',
    message: () => 'too many tag filters for the API',
    hint: () => 'pass fewer --tag options (at most 20)',
  },
  {
    code: 'InvalidUsage',
    kind: 'usage',
    message: () => 'the API does not accept this image usage value',
    hint: () => '--usage takes instance or none',
  },

  // Region and endpoint.
  {
    code: 'InvalidRegionId.NotFound',
    kind: 'usage',
    message: (f) => `region ${region(f)} does not exist for ECS`,
    hint: regionHint,
  },
  {
    code: 'InvalidRegionId.MalFormed',
    kind: 'usage',
    message: (f) => `${region(f)} is not a well-formed region ID (they look like cn-hangzhou)`,
    hint: regionHint,
  },
  {
    code: 'InvalidRegionId*',
    kind: 'usage',
    message: (f) => withServerMessage(`region ${region(f)} was rejected`, f),
    hint: regionHint,
  },
  {
    code: 'InvalidAction.NotFound',
    kind: 'usage',
    message: (f) => `the endpoint ${f.host} does not offer the ECS action ${f.ctx.action}`,
    hint: () => `check ${ENDPOINT_SOURCES}: it must be an ECS endpoint such as https://ecs.cn-hangzhou.aliyuncs.com`,
  },

  // Credentials and permissions: exit 3.
  {
    code: 'InvalidAccessKeyId.NotFound',
    kind: 'credentials',
    message: () => 'the AccessKeyId is not known to Alibaba Cloud',
    hint: () => `check ${CREDENTIALS_SOURCES}; an expired STS token can also cause this`,
  },
  {
    code: 'InvalidAccessKeyId.Inactive',
    kind: 'credentials',
    message: () => 'the AccessKey is disabled',
    hint: () => 'enable it in the RAM console, or use another AccessKey',
  },
  {
    code: 'InvalidAccessKeyId*',
    kind: 'credentials',
    message: () => 'the AccessKeyId was rejected',
    hint: () => `check ${CREDENTIALS_SOURCES}`,
  },
  {
    // The server's Message quotes its string to sign: never shown.
    code: 'SignatureDoesNotMatch',
    kind: 'credentials',
    message: () => 'the request signature was rejected: the AccessKey secret does not match the AccessKeyId',
    hint: () =>
      'check ALIBABA_CLOUD_ACCESS_KEY_SECRET (or the profile\'s access_key_secret) belongs to the AccessKeyId, with no stray spaces or quotes',
  },
  {
    code: 'IncompleteSignature',
    kind: 'credentials',
    message: () => 'the request signature is incomplete or malformed',
    hint: () => `check the AccessKeyId and secret (${CREDENTIALS_SOURCES}) hold no spaces or line breaks`,
  },
  {
    code: 'InvalidSecurityToken.Expired',
    kind: 'credentials',
    message: () => 'the STS security token has expired',
    hint: () => 'get a new token (AssumeRole) and set ALIBABA_CLOUD_SECURITY_TOKEN, or refresh the StsToken profile',
  },
  {
    code: 'InvalidSecurityToken.Malformed',
    kind: 'credentials',
    message: () => 'the STS security token is malformed',
    hint: () => 'check ALIBABA_CLOUD_SECURITY_TOKEN (or the profile\'s sts_token) was copied whole',
  },
  {
    code: 'InvalidSecurityToken.MismatchWithAccessKey',
    kind: 'credentials',
    message: () => 'the STS security token does not belong to this AccessKeyId',
    hint: () => 'use the AccessKeyId, secret and token from the same STS answer',
  },
  {
    // The gateway's answer to an STS AccessKeyId (STS.…) sent without its token; the
    // generic Missing* rule would call it an ecsimg bug and exit 2.
    code: 'MissingSecurityToken',
    kind: 'credentials',
    message: () => 'the AccessKeyId is a temporary STS key, but no security token was sent with it',
    hint: () =>
      'set ALIBABA_CLOUD_SECURITY_TOKEN (or ALICLOUD_SECURITY_TOKEN) to the token from the same STS answer, or use a profile in StsToken mode',
  },
  {
    code: 'InvalidSecurityToken*',
    kind: 'credentials',
    message: () => 'the STS security token was rejected',
    hint: () => 'get a new token and set ALIBABA_CLOUD_SECURITY_TOKEN, or refresh the StsToken profile',
  },
  {
    code: 'Forbidden.RAM',
    kind: 'credentials',
    message: (f) => `not authorized: the RAM user or role may not call ecs:${f.ctx.action}`,
    hint: (f) => `grant ecs:${f.ctx.action} in a RAM policy (AliyunECSReadOnlyAccess includes it)`,
  },
  {
    code: 'Forbidden*',
    kind: 'credentials',
    message: (f) => withServerMessage(`access to ecs:${f.ctx.action} was refused`, f),
    hint: () => 'check the RAM policies of the user or role these credentials belong to',
  },
  {
    code: 'InvalidTimeStamp.Expired',
    kind: 'credentials',
    message: () => 'the request timestamp was rejected as expired: this computer\'s clock is probably off by more than 15 minutes',
    hint: clockHint,
  },
  {
    // pop-core always writes a well-formed UTC timestamp: a rejected one means a clock far off.
    code: 'InvalidTimeStamp.Format',
    kind: 'credentials',
    message: () => 'the request timestamp was rejected as malformed: this computer\'s clock is probably wrong',
    hint: clockHint,
  },

  // STS (AssumeRole, AssumeRoleWithOIDC): the role a profile or ALIBABA_CLOUD_ROLE_ARN names.
  {
    code: 'NoPermission',
    kind: 'credentials',
    message: () => 'STS refused to let these credentials assume the role',
    hint: () => 'the role\'s trust policy must trust the caller, and the caller needs sts:AssumeRole (AliyunSTSAssumeRoleAccess)',
  },
  {
    code: 'AuthenticationFail.NoPermission',
    kind: 'credentials',
    message: () => 'STS refused to let this OIDC identity assume the role',
    hint: () => 'check the OIDC provider ARN, and that the role\'s trust policy trusts that provider and the token\'s subject',
  },
  {
    code: 'AuthenticationFail.OIDCToken.Expired',
    kind: 'credentials',
    message: () => 'the OIDC token has expired',
    hint: () => 'the token file must be kept fresh by its issuer (on ACK, RRSA rotates it); check the file is the one being rotated',
  },
  {
    code: 'AuthenticationFail.OIDCToken*',
    kind: 'credentials',
    message: () => 'STS rejected the OIDC token',
    hint: () => 'check the token file holds a current token from the OIDC provider the role trusts',
  },
  {
    code: 'AuthenticationFail*',
    kind: 'credentials',
    message: () => 'STS refused the authentication',
    hint: () => 'check the role ARN, the OIDC provider ARN and the token file',
  },
  {
    code: 'EntityNotExist.Role',
    kind: 'credentials',
    message: () => 'the RAM role does not exist',
    hint: () => 'check the role ARN (ram_role_arn, role_arn or ALIBABA_CLOUD_ROLE_ARN): acs:ram::<account>:role/<name>',
  },
  {
    code: 'EntityNotExist*',
    kind: 'credentials',
    message: (f) => withServerMessage('STS does not know an entity the request names', f),
    hint: () => 'check the role ARN and the OIDC provider ARN',
  },
  {
    code: 'InvalidParameter.RoleArn',
    kind: 'usage',
    message: () => 'STS rejected the role ARN as malformed',
    hint: () => 'a role ARN looks like acs:ram::1234567890123456:role/name (ram_role_arn, role_arn or ALIBABA_CLOUD_ROLE_ARN)',
  },
  {
    code: 'InvalidParameter.RoleSessionName',
    kind: 'usage',
    message: () => 'STS rejected the role session name',
    hint: () => 'ram_session_name (or ALIBABA_CLOUD_ROLE_SESSION_NAME) takes 2 to 64 letters, digits and . @ - _',
  },
  {
    code: 'InvalidParameter.DurationSeconds',
    kind: 'usage',
    message: () => 'STS rejected the session duration',
    hint: () => 'expired_seconds takes 900 up to the role\'s maximum session duration (3600 unless raised)',
  },
  {
    code: 'InvalidParameter.ExternalId',
    kind: 'usage',
    message: () => 'STS rejected the external_id',
    hint: () => 'external_id takes 2 to 1224 letters, digits and = , . @ : / -',
  },
  {
    code: 'InvalidParameter.OIDCProviderArn',
    kind: 'usage',
    message: () => 'STS rejected the OIDC provider ARN as malformed',
    hint: () => 'it looks like acs:ram::1234567890123456:oidc-provider/name (oidc_provider_arn or ALIBABA_CLOUD_OIDC_PROVIDER_ARN)',
  },
  {
    code: 'InvalidParameter.PolicyGrammar',
    kind: 'usage',
    message: () => 'STS rejected the policy as malformed',
    hint: () => 'check the profile\'s policy is a JSON RAM policy with a Statement',
  },

  // Replayed nonce: a fresh signed request (new nonce) can succeed.
  {
    code: 'SignatureNonceUsed',
    kind: 'service',
    retryable: true,
    message: () => 'the service had already seen this request\'s signature nonce (a duplicated or replayed request)',
    hint: () => 'try again; if it keeps happening, something between you and the API is replaying requests',
  },

  // The service: exit 4, retried.
  {
    code: 'Throttling.User',
    kind: 'service',
    retryable: true,
    message: () => 'requests are being throttled: this account has sent too many requests',
    hint: throttleHint,
  },
  {
    code: 'Throttling.Api',
    kind: 'service',
    retryable: true,
    message: (f) => `requests are being throttled: ${f.ctx.action} is receiving too many requests`,
    hint: throttleHint,
  },
  {
    code: 'Throttling*',
    kind: 'service',
    retryable: true,
    message: () => 'requests are being throttled by the API',
    hint: throttleHint,
  },
  {
    code: 'ServiceUnavailable*',
    kind: 'service',
    retryable: true,
    message: (f) => `the ECS API at ${f.host} is temporarily unavailable`,
    hint: () => 'try again later',
  },
  {
    code: 'InternalError*',
    kind: 'service',
    retryable: true,
    message: (f) => `the ECS API at ${f.host} failed with an internal error`,
    hint: () => 'try again later; quote the request-id if you contact Alibaba Cloud support',
  },
  {
    code: 'UnknownError',
    kind: 'service',
    retryable: true,
    message: (f) => `the ECS API at ${f.host} failed with an unknown error`,
    hint: () => 'try again later; quote the request-id if you contact Alibaba Cloud support',
  },

  // Request parameters: exit 2.
  {
    code: 'InvalidParameter',
    kind: 'usage',
    message: (f) => withServerMessage('the API rejected a parameter', f),
    hint: () => 'check the flag values (`ecsimg list --help`); --dry-run shows the parameters sent',
  },
  {
    code: 'InvalidPageSize',
    kind: 'usage',
    message: () => 'the API rejected the page size',
    hint: () => '--page-size takes a whole number from 1 to 100',
  },
  {
    code: 'InvalidPageNumber',
    kind: 'usage',
    message: () => 'the API rejected the page number',
    hint: reportHint,
  },
  {
    code: 'InvalidInstanceType*',
    kind: 'usage',
    message: () => 'the API does not know the instance type given with --instance-type',
    hint: (f) =>
      `check its spelling (e.g. ecs.g7.large); instance types differ by region${f.ctx.regionId ? ` (this is ${f.ctx.regionId})` : ''}`,
  },
  {
    code: 'InvalidImageId.NotFound',
    kind: 'notFound',
    message: () => 'no image has the ID given',
    hint: () => 'check the ID and the region: images belong to one region (`ecsimg list --owner self` lists yours)',
  },
  {
    code: 'InvalidImageId*',
    kind: 'usage',
    message: (f) => withServerMessage('the image ID was rejected', f),
    hint: () => 'image IDs look like m-bp1g7004ksh0oeuc**** or ubuntu_22_04_x64_20G_alibase_20240926.vhd',
  },
  {
    // MissingParameter, MissingParameter.X and the Missing{ParameterName} form (MissingRegionId).
    code: 'Missing*',
    kind: 'usage',
    message: (f) => withServerMessage('a required parameter is missing', f),
    hint: reportHint,
  },
  {
    code: 'Invalid*',
    kind: 'usage',
    message: (f) => withServerMessage('the API rejected the request', f),
    hint: () => 'check the flag values (`ecsimg list --help`); --dry-run shows the parameters sent',
  },
];

function findRule(code: string): Rule | undefined {
  const lower = code.toLowerCase();
  const exact = RULES.find((r) => !r.code.endsWith('*') && r.code.toLowerCase() === lower);
  if (exact) return exact;
  let best: Rule | undefined;
  for (const rule of RULES) {
    if (!rule.code.endsWith('*')) continue;
    const prefix = rule.code.slice(0, -1).toLowerCase();
    if (lower.startsWith(prefix) && (!best || prefix.length > best.code.length - 1)) best = rule;
  }
  return best;
}

function build(kind: Kind, message: string, details: ErrorDetails): EcsimgError {
  switch (kind) {
    case 'usage':
      return new UsageError(message, details);
    case 'credentials':
      return new CredentialsError(message, details);
    case 'service':
      return new ServiceError(message, details);
    case 'notFound':
      return new NotFoundError(message, details);
  }
}

/** The endpoint's host (with port), never its path or query. */
export function endpointHost(endpoint: string): string {
  try {
    const host = new URL(endpoint).host;
    if (host) return host;
  } catch {
    // fall through
  }
  return endpoint.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/?#@].*$/s, '') || 'the endpoint';
}

/** x-acs-retry-after, in milliseconds, as asked: retry.ts refuses waits past its bound. */
export function parseRetryAfter(headers: unknown): number | undefined {
  if (!isObjectLike(headers)) return undefined;
  let value: unknown = headers['x-acs-retry-after'];
  if (Array.isArray(value)) value = value[0];
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 0 || String(value).trim() === '') return undefined;
  return Math.ceil(ms);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A server Message fit to show: scrubbed, one line, bounded. */
function cleanServerMessage(message: unknown): string | undefined {
  const text = str(message);
  if (!text) return undefined;
  // Cut the string to sign before anything else: nothing after it may be shown.
  const cut = text.replace(/string\s*to\s*sign[\s\S]*$/i, '').replace(/[\s:,;-]*server\s*$/i, '');
  let line = scrubText(cut).replace(/\s+/g, ' ').trim();
  if (line.length > 300) line = `${line.slice(0, 297)}...`;
  return line === '' ? undefined : line;
}

function apiError(err: Record<string, unknown>, data: Record<string, unknown>, ctx: RequestContext): EcsimgError {
  const code = str(data.Code) ?? str(err.code) ?? 'UnknownError';
  const entry = isObjectLike(err.entry) ? err.entry : undefined;
  const response = entry && isObjectLike(entry.response) ? entry.response : undefined;
  const statusValue = response?.statusCode;
  const status = typeof statusValue === 'number' && Number.isInteger(statusValue) ? statusValue : undefined;
  const failure: ApiFailure = {
    code,
    ctx,
    host: endpointHost(ctx.endpoint),
    status,
    serverMessage: cleanServerMessage(data.Message),
  };
  const rule = findRule(code);
  const common = {
    code,
    requestId: str(data.RequestId),
    status,
    retryAfterMs: parseRetryAfter(response?.headers),
    cause: err,
  };
  if (rule) {
    return build(rule.kind, rule.message(failure), { ...common, hint: rule.hint?.(failure), retryable: rule.retryable ?? false });
  }
  // A Code this table does not know: the server's own words, the exit code from the status.
  const kind = kindForStatus(status);
  const message = failure.serverMessage
    ? `${ctx.action} failed: ${failure.serverMessage}`
    : `${ctx.action} failed with error ${code}`;
  const retryable = status !== undefined && (status >= 500 || status === 408 || status === 429);
  return build(kind, message, { ...common, hint: supportHint(failure), retryable });
}

/**
 * 401/403: credentials or permission (exit 3); 408, 429 and 5xx: may pass later (exit 4, retried);
 * a success or redirect status with an error body is no verdict on the request but a malformed
 * answer (exit 4); else the request (exit 2).
 */
function kindForStatus(status: number | undefined): Kind {
  if (status === undefined) return 'usage';
  if (status === 401 || status === 403) return 'credentials';
  if (status < 400 || status >= 500 || status === 408 || status === 429) return 'service';
  return 'usage';
}

interface NetworkKind {
  /** exact codes, or a prefix ending in '*' */
  codes: readonly string[];
  retryable: boolean;
  message: (host: string) => string;
  hint?: (ctx: RequestContext) => string;
}

const endpointHint = (): string => `check ${ENDPOINT_SOURCES}, and any proxy or firewall in the way`;

const NETWORK_KINDS: readonly NetworkKind[] = [
  {
    codes: ['ECONNREFUSED'],
    retryable: false,
    message: (host) => `could not connect to ${host}: connection refused`,
    hint: endpointHint,
  },
  {
    codes: ['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE'],
    retryable: true,
    message: (host) => `the connection to ${host} was reset`,
    hint: () => 'try again; a proxy or an unstable network may be dropping connections',
  },
  {
    codes: ['ENOTFOUND'],
    retryable: false,
    message: (host) => `could not resolve the host name ${host} (DNS)`,
    hint: (ctx) =>
      ctx.regionId
        ? `check the region '${ctx.regionId}' (\`ecsimg regions\` lists them) or ${ENDPOINT_SOURCES}`
        : `check ${ENDPOINT_SOURCES} and your DNS settings`,
  },
  {
    // A temporary DNS failure: the resolver itself says to try again.
    codes: ['EAI_AGAIN'],
    retryable: true,
    message: (host) => `could not resolve the host name ${host}: DNS lookup failed for now`,
    hint: () => 'check your network and DNS settings',
  },
  {
    codes: ['ETIMEDOUT', 'ESOCKETTIMEDOUT'],
    retryable: true,
    message: (host) => `the connection to ${host} timed out`,
    hint: () => 'check your network, or any proxy or firewall in the way',
  },
  {
    codes: ['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL'],
    retryable: false,
    message: (host) => `${host} cannot be reached: no route to it on this network`,
    hint: () => 'check your network connection, VPN or proxy',
  },
  {
    // Our bound (transport.ts), and what Node says of an answer no string or buffer can hold.
    codes: [ANSWER_TOO_LARGE, 'ERR_STRING_TOO_LONG', 'ERR_BUFFER_TOO_LARGE'],
    retryable: false,
    message: (host) => `the answer from ${host} is larger than ecsimg accepts (${MAX_ANSWER_BYTES / 2 ** 20} MiB, after decompression)`,
    hint: () => `an ECS answer is far smaller: check ${ENDPOINT_SOURCES} points at the ECS API, and any proxy in the way`,
  },
  {
    // Node's HTTP parser: more than 16 KiB of headers (a proxy can send megabytes).
    codes: ['HPE_HEADER_OVERFLOW'],
    retryable: false,
    message: (host) => `the answer from ${host} has more header data than ecsimg reads (16 KiB)`,
    hint: () => `check ${ENDPOINT_SOURCES} points at the ECS API, and any proxy in the way`,
  },
  {
    // Node's HTTP parser: an invalid status line, header or chunk.
    codes: ['HPE_*'],
    retryable: false,
    message: (host) => `${host} did not answer with valid HTTP`,
    hint: () => `check ${ENDPOINT_SOURCES} points at an HTTP(S) ECS endpoint, and any proxy in the way`,
  },
];

function networkKind(code: string): NetworkKind | undefined {
  return (
    NETWORK_KINDS.find((k) => k.codes.includes(code)) ??
    NETWORK_KINDS.find((k) => k.codes.some((c) => c.endsWith('*') && code.startsWith(c.slice(0, -1))))
  );
}

/** What went wrong reaching a proxy, by socket error code; the rest say their code. */
const PROXY_UNREACHABLE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'its host name does not resolve (DNS)',
  EAI_AGAIN: 'DNS lookup failed for now',
  ETIMEDOUT: 'timed out',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'no route to it on this network',
  ENETUNREACH: 'no route to it on this network',
  // proxyAgents.ts: connected, but no usable answer
  EPROXYCLOSED: 'it closed the connection without answering',
  EPROXYNOTHTTP: 'it answered with something that is not HTTP',
};

/** The proxy, not the endpoint, failed: the message names it (never its password). */
function proxyError(failure: ProxyFailure, ctx: RequestContext): ServiceError {
  const host = endpointHost(ctx.endpoint);
  const proxy = `the proxy ${failure.proxy} (from ${failure.variable})`;
  const { code, status, statusText } = failure.details;
  if (status === 407) {
    return new ServiceError(`${proxy} refused the request: 407 Proxy Authentication Required`, {
      status,
      retryable: false,
      hint: `check the user name and password in ${failure.variable} (http://user:password@host:port, special characters percent-encoded)`,
      cause: failure,
    });
  }
  if (status !== undefined) {
    const reason = statusText && HTTP_REASON.test(statusText) ? ` ${statusText}` : '';
    return new ServiceError(`${proxy} refused to connect to ${host}: HTTP ${status}${reason}`, {
      status,
      retryable: status >= 500,
      hint: `the proxy may not allow this host or port: ask whoever runs it, or list ${host} in NO_PROXY if it can be reached directly`,
      cause: failure,
    });
  }
  if (code === 'ETIMEDOUT' && ctx.timeoutMs !== undefined) {
    return new ServiceError(`${proxy} did not open a connection to ${host} within ${formatSeconds(ctx.timeoutMs)} (--timeout)`, {
      code,
      retryable: true,
      hint: `check ${failure.variable} and that the proxy is up, or list ${host} in NO_PROXY to connect directly`,
      cause: failure,
    });
  }
  const why = code === undefined ? 'network error' : (PROXY_UNREACHABLE[code] ?? (isTlsCode(code) ? `secure connection failed (${code})` : code));
  return new ServiceError(`could not connect to ${proxy}: ${why}`, {
    code,
    retryable: NETWORK_KINDS.find((kind) => code !== undefined && kind.codes.includes(code))?.retryable ?? false,
    hint: `check ${failure.variable}, or list ${host} in NO_PROXY to connect directly`,
    cause: failure,
  });
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code.startsWith('CERT_');
}

function tlsError(code: string, ctx: RequestContext, cause: unknown): ServiceError {
  const host = endpointHost(ctx.endpoint);
  const why =
    code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID'
      ? 'its certificate is expired or not yet valid'
      : code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH'
        ? 'its certificate is for another host name'
        : code === 'EPROTO' || code.startsWith('ERR_SSL_')
          ? 'the TLS handshake failed (is it an http:// endpoint?)'
          : 'its certificate is not trusted';
  const hint =
    code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID'
      ? 'check this computer\'s clock; a proxy inspecting HTTPS may also present its own certificate'
      : 'a proxy inspecting HTTPS? give Node its CA with NODE_EXTRA_CA_CERTS; otherwise check --endpoint';
  return new ServiceError(`secure connection to ${host} failed: ${why}`, { code, hint, retryable: false, cause });
}

/** How a timed-out request's message ends (retries name it "a timeout"). */
export const TIMED_OUT = '(timed out)';

function timeoutError(err: Record<string, unknown>, ctx: RequestContext): ServiceError {
  const host = endpointHost(ctx.endpoint);
  // httpx: 'ConnectTimeout: ...' while connecting, 'ReadTimeout(ms)' / 'ReadTimeout: ms' waiting
  // for or reading the answer. Only the kind and the number are taken from its message.
  const text = typeof err.message === 'string' ? err.message : '';
  const connecting = /^\s*ConnectTimeout/.test(text);
  const fromMessage = /ReadTimeout[(:]\s*(\d+)/.exec(text)?.[1];
  const ms = ctx.timeoutMs ?? (fromMessage === undefined ? undefined : Number(fromMessage));
  const within = ms === undefined ? '' : ` within ${formatSeconds(ms)}`;
  const message = connecting ? `could not connect to ${host}${within} ${TIMED_OUT}` : `no answer from ${host}${within} ${TIMED_OUT}`;
  const hint =
    ms === undefined
      ? 'raise --timeout (seconds) or check your network'
      : `raise --timeout (seconds; now ${formatSeconds(ms, false)}) or check your network`;
  return new ServiceError(message, { hint, retryable: true, cause: err });
}

function formatSeconds(ms: number, unit = true): string {
  const s = Math.round((ms / 1000) * 100) / 100;
  return unit ? `${s} s` : String(s);
}

const HTTP_REASON = /^[A-Za-z][A-Za-z '-]{0,40}$/;

/** The status of an HTML error page, from its <title> or first <h1>, e.g. "502 Bad Gateway". */
function statusFromHtml(text: string): { status: number; reason?: string } | undefined {
  for (const re of [/<title[^>]*>([^<]*)<\/title>/i, /<h1[^>]*>([^<]*)<\/h1>/i]) {
    const inner = re.exec(text)?.[1];
    const m = inner ? /^\s*(?:HTTP\s*)?([1-5]\d\d)\b[\s:-]*([^<]*)$/i.exec(inner) : null;
    if (m?.[1]) {
      const reason = m[2]?.trim();
      return { status: Number(m[1]), reason: reason && HTTP_REASON.test(reason) ? reason : undefined };
    }
  }
  return undefined;
}

function notJsonError(err: Record<string, unknown>, ctx: RequestContext): ServiceError {
  const host = endpointHost(ctx.endpoint);
  const text = typeof err.text === 'string' ? err.text : '';
  const page = statusFromHtml(text);
  let what: string;
  if (page) what = `HTTP ${page.status}${page.reason ? ` ${page.reason}` : ''}`;
  else if (text.trim() === '') what = 'an empty answer';
  else if (/^\s*</.test(text)) what = 'an HTML or XML page';
  else what = 'unreadable text';
  const status = page?.status;
  // A 4xx page (other than 408/429) will not change on retry: most likely a wrong endpoint.
  const clientSide = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
  const hint = clientSide
    ? `check ${ENDPOINT_SOURCES}: it must be an ECS API endpoint`
    : 'a proxy or load balancer answered instead of the API; try again later, or check ' + ENDPOINT_SOURCES;
  return new ServiceError(`the service at ${host} answered with something that is not JSON (${what})`, {
    status,
    hint,
    retryable: !clientSide,
    cause: err,
  });
}

function internalError(err: unknown): EcsimgError {
  let detail = '';
  if (err instanceof Error || isObjectLike(err)) {
    const name = typeof err.name === 'string' ? err.name : 'Error';
    const message = typeof err.message === 'string' ? scrubText(err.message).replace(/\s+/g, ' ').trim() : '';
    detail = message ? `${name}: ${message.length > 200 ? `${message.slice(0, 197)}...` : message}` : name;
  } else if (typeof err === 'string') {
    detail = scrubText(err).slice(0, 200);
  }
  return new EcsimgError(detail ? `unexpected error (${detail})` : 'unexpected error', ExitCode.internal, {
    hint: 'this is probably an ecsimg bug: run again with --debug and report the output',
    cause: err,
  });
}

/** What the request's transport knew when it failed (transport.ts, trackAnswer). */
export interface AnswerSeen {
  /** the whole answer had arrived: a failure after that is in reading it */
  complete: boolean;
}

function classify(err: unknown, ctx: RequestContext, answer?: AnswerSeen): EcsimgError {
  if (err instanceof EcsimgError) return err;
  if (!isObjectLike(err)) return internalError(err);

  // An API error body: pop-core sets err.data to the parsed JSON with its Code.
  if (isObjectLike(err.data) && str(err.data.Code)) return apiError(err, err.data, ctx);
  if (err instanceof ProxyFailure) return proxyError(err, ctx);

  const name = typeof err.name === 'string' ? err.name : '';
  const code = typeof err.code === 'string' ? err.code : '';

  // json-bigint throws a plain object {name: 'SyntaxError', message, at, text}.
  if (name === 'SyntaxError' && ('text' in err || 'at' in err || !(err instanceof Error))) return notJsonError(err, ctx);

  if (name === 'AbortError' || code === 'ABORT_ERR') return new InterruptedError();
  if (/TimeoutError$/.test(name)) return timeoutError(err, ctx);

  if (code) {
    const kind = networkKind(code);
    if (kind) {
      return new ServiceError(kind.message(endpointHost(ctx.endpoint)), {
        code,
        hint: kind.hint?.(ctx),
        retryable: kind.retryable,
        cause: err,
      });
    }
    if (isTlsCode(code)) return tlsError(code, ctx, err);
    if (code.startsWith('Z_')) {
      return new ServiceError(`the answer from ${endpointHost(ctx.endpoint)} could not be decompressed`, {
        code,
        hint: 'try again; a proxy may be corrupting answers',
        retryable: true,
        cause: err,
      });
    }
    // Any other socket-level failure.
    if (typeof err.syscall === 'string' || /^E[A-Z]+$/.test(code)) {
      return new ServiceError(`network error talking to ${endpointHost(ctx.endpoint)} (${code})`, {
        code,
        hint: endpointHint(),
        retryable: false,
        cause: err,
      });
    }
  }
  // pop-core reads `json.Code` of a `null` answer; json-bigint recurses into deep nesting.
  if (answer?.complete) {
    return unexpectedResponseError(name === 'RangeError' ? 'JSON nested too deeply to read' : 'not a JSON object', ctx, { cause: err });
  }
  return internalError(err);
}

/** What ecsimg reports for anything a request threw. Never throws. */
export function toEcsimgError(err: unknown, ctx: RequestContext, answer?: AnswerSeen): EcsimgError {
  try {
    return classify(err, ctx, answer);
  } catch (bug) {
    return new EcsimgError('unexpected error', ExitCode.internal, { cause: bug });
  }
}

/** A successful answer without the fields it must have (e.g. no TotalCount or Images). */
export function unexpectedResponseError(
  what: string,
  ctx: RequestContext,
  details: { status?: number; requestId?: string; cause?: unknown } = {},
): ServiceError {
  const host = endpointHost(ctx.endpoint);
  return new ServiceError(`unexpected answer to ${ctx.action} from ${host}: ${what}`, {
    status: details.status,
    requestId: details.requestId,
    cause: details.cause,
    retryable: false,
    hint: `check ${ENDPOINT_SOURCES} points at the ECS API; --debug shows the answer`,
  });
}

/** A success-shaped answer that came with an HTTP error status (pop-core does not check it). */
export function httpStatusError(status: number, ctx: RequestContext, body: { RequestId?: string } = {}, headers?: unknown): ServiceError {
  const host = endpointHost(ctx.endpoint);
  const retryable = status >= 500 || status === 408 || status === 429;
  const hint =
    status >= 500
      ? 'try again later'
      : status === 429 || status === 408
        ? throttleHint()
        : `check ${ENDPOINT_SOURCES} points at the ECS API`;
  return new ServiceError(`${ctx.action} failed: ${host} answered with HTTP ${status}`, {
    status,
    requestId: str(body.RequestId),
    retryable,
    retryAfterMs: retryable ? parseRetryAfter(headers) : undefined,
    hint,
  });
}
