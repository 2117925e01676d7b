// The ECS instance metadata service: the credentials of the RAM role attached to the
// instance. IMDSv2 (a session token first), v1 as the fallback unless
// ALIBABA_CLOUD_IMDSV1_DISABLED=true. Never through a proxy: the address is link-local.
import { CredentialsError, ServiceError, UsageError } from '../../errors.js';
import { httpRequest, HttpRequestError, type HttpAnswer } from '../../net/httpRequest.js';
import { envValue } from '../context.js';
import type { ResolvedCredentials } from '../credentials.js';
import { envFlag, parseJsonObject, keepCredentials, keepSecret, temporary, temporaryCredentialsIn, type SourceContext } from './context.js';

const DEFAULT_BASE = 'http://100.100.100.200';
/** Per request. Without a metadata service (a laptop), the chain moves on after this. */
export const METADATA_TIMEOUT_MS = 1000;
const TOKEN_TTL_SECONDS = '21600';
const ROLES_PATH = '/latest/meta-data/ram/security-credentials/';
/** RAM role names: letters, digits, '.', '-' (and '_' to be lenient), at most 64. */
const ROLE_NAME = /^[\w.-]{1,64}$/;
/** An IMDSv2 token: visible ASCII, as a header value must be. */
const TOKEN_TEXT = /^[\x21-\x7e]+$/;

/** ECSIMG_METADATA_ENDPOINT exists for tests and emulators. */
export function metadataBase(ctx: SourceContext): string {
  const given = envValue(ctx, 'ECSIMG_METADATA_ENDPOINT');
  if (given !== undefined && !(URL.canParse(given) && /^https?:$/.test(new URL(given).protocol))) {
    throw new UsageError('ECSIMG_METADATA_ENDPOINT is not an http:// or https:// URL', { hint: 'Give a base URL such as http://127.0.0.1:8787, or unset it.' });
  }
  return (given ?? DEFAULT_BASE).replace(/\/+$/, '');
}

export interface MetadataRequest {
  /** the role; undefined: the one attached to the instance */
  roleName?: string;
  /** how messages name this source: "profile 'ecs' in ~/.aliyun/config.json (EcsRamRole)" */
  source: string;
  /** a step of the default chain: no metadata service, or no role, means nothing found */
  probe: boolean;
}

class Unreachable extends Error {}

export async function fromMetadata(ctx: SourceContext, request: MetadataRequest): Promise<ResolvedCredentials | undefined> {
  // As in the SDKs, the switch turns the metadata service off for every source, not only the chain's step.
  if (envFlag(ctx, 'ALIBABA_CLOUD_ECS_METADATA_DISABLED')) {
    if (request.probe) return undefined;
    throw new CredentialsError(`${request.source}: the instance metadata service is turned off by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`, {
      hint: 'Unset ALIBABA_CLOUD_ECS_METADATA_DISABLED on an ECS instance, or use another profile.',
    });
  }
  const base = metadataBase(ctx);
  const host = new URL(base).host;
  const get = async (path: string, headers: Record<string, string>, method: 'GET' | 'PUT' = 'GET'): Promise<HttpAnswer> => {
    const started = Date.now();
    try {
      const answer = await httpRequest({ url: `${base}${path}`, method, headers, timeoutMs: METADATA_TIMEOUT_MS, signal: ctx.signal });
      ctx.debug?.(`metadata ${method} ${host}${path}: HTTP ${answer.status} in ${Date.now() - started} ms`);
      return answer;
    } catch (err) {
      if (!(err instanceof HttpRequestError)) throw err;
      ctx.debug?.(`metadata ${method} ${host}${path}: ${err.code} after ${Date.now() - started} ms`);
      if (request.probe) throw new Unreachable();
      throw new ServiceError(`${request.source}: the instance metadata service at ${host} ${err.failure}`, {
        hint: 'This works only on an ECS instance (or with ECSIMG_METADATA_ENDPOINT pointing at an emulator).',
      });
    }
  };
  const refuse = (what: string, answer: HttpAnswer): never => {
    const Kind = answer.status >= 500 || answer.status < 400 ? ServiceError : CredentialsError;
    throw new Kind(`${request.source}: the instance metadata service at ${host} ${what} (HTTP ${answer.status})`);
  };

  try {
    const headers = await sessionHeaders(ctx, get, refuse);
    // An empty name (an INI `role_name =`) means the attached role, as no name does.
    let roleName = request.roleName === '' ? undefined : request.roleName;
    if (roleName === undefined) {
      const listing = await get(ROLES_PATH, headers);
      roleName = listing.status === 200 ? listing.body.split('\n')[0]?.trim() : undefined;
      // A captive portal or a catch-all web server answers 200 with a page: no metadata service.
      const notAListing = roleName !== undefined && roleName !== '' && !ROLE_NAME.test(roleName);
      if (notAListing && request.probe) return undefined;
      if (notAListing) throw new ServiceError(`${request.source}: the instance metadata service at ${host} answered with something that is not a RAM role listing`);
      if (!roleName) {
        if (request.probe) return undefined;
        if (listing.status !== 200 && listing.status !== 404) refuse('did not list the instance\'s RAM roles', listing);
        throw new CredentialsError(`${request.source}: this instance has no RAM role attached`, {
          hint: 'Attach a RAM role to the instance in the ECS console, or name one with ram_role_name.',
        });
      }
    }
    const answer = await get(`${ROLES_PATH}${encodeURIComponent(roleName)}`, headers);
    if (answer.status === 404) {
      throw new CredentialsError(`${request.source}: no RAM role '${roleName}' is attached to this instance`, {
        hint: `Check the role name (ram_role_name or ALIBABA_CLOUD_ECS_METADATA); \`curl ${DEFAULT_BASE}${ROLES_PATH}\` lists the attached one.`,
      });
    }
    if (answer.status !== 200) refuse(`refused the credentials of role '${roleName}'`, answer);
    const source = `${request.source}: role ${roleName}`;
    const body = parseJsonObject(answer.body);
    const credentials = body?.Code === 'Success' ? temporaryCredentialsIn(body) : undefined;
    if (!body || !credentials) throw new ServiceError(`${request.source}: the instance metadata service at ${host} sent no credentials for role '${roleName}'`);
    keepCredentials(ctx, credentials);
    const renew = async (): Promise<ResolvedCredentials> => {
      const next = await fromMetadata(ctx, { ...request, roleName, probe: false });
      return next as ResolvedCredentials;
    };
    return temporary(credentials, source, body.Expiration, renew);
  } catch (err) {
    if (err instanceof Unreachable) return undefined;
    throw err;
  }
}

type Get = (path: string, headers: Record<string, string>, method?: 'GET' | 'PUT') => Promise<HttpAnswer>;

/** The IMDSv2 session token header, or none when falling back to v1. */
async function sessionHeaders(ctx: SourceContext, get: Get, refuse: (what: string, answer: HttpAnswer) => never): Promise<Record<string, string>> {
  const answer = await get('/latest/api/token', { 'X-aliyun-ecs-metadata-token-ttl-seconds': TOKEN_TTL_SECONDS }, 'PUT');
  const token = answer.body.trim();
  // A catch-all web server answers the PUT with a page: no header can carry it, and no token looks like it.
  if (answer.status === 200 && TOKEN_TEXT.test(token)) {
    keepSecret(ctx, token);
    return { 'X-aliyun-ecs-metadata-token': token };
  }
  if (envFlag(ctx, 'ALIBABA_CLOUD_IMDSV1_DISABLED')) {
    refuse('gave no IMDSv2 token and ALIBABA_CLOUD_IMDSV1_DISABLED=true forbids the v1 fallback', answer);
  }
  return {};
}
