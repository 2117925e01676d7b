// What every credential source gets: the config context, the list where each secret it
// obtains is registered (so no message or --debug line can print it), and the request settings.
import { CredentialsError, EcsimgError } from '../../errors.js';
import { isRecord } from '../../guards.js';
import { envValue, type ConfigContext } from '../context.js';
import type { Credentials, ResolvedCredentials } from '../credentials.js';

export interface SourceContext extends ConfigContext {
  /** every secret obtained is added here: key secrets, tokens, the OIDC token */
  secrets?: string[];
  signal?: AbortSignal;
  /** --timeout, --retries and --debug for STS calls */
  timeoutSeconds?: number;
  retries?: number;
  debug?: (line: string) => void;
}

/** Registers secrets before anything can print them. */
export function keepSecret(ctx: SourceContext, ...values: (string | undefined)[]): void {
  for (const value of values) if (value !== undefined && value.length >= 4 && !ctx.secrets?.includes(value)) ctx.secrets?.push(value);
}

export function keepCredentials(ctx: SourceContext, credentials: Credentials): void {
  keepSecret(ctx, credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken);
}

export function envFlag(ctx: ConfigContext, name: string): boolean {
  return envValue(ctx, name)?.toLowerCase() === 'true';
}

/** The same failure, its message prefixed with the source that failed. */
export function fromSource(source: string, err: unknown): unknown {
  if (!(err instanceof EcsimgError)) return err;
  const wrapped = new EcsimgError(`${source}: ${err.message}`, err.exitCode, {
    hint: err.hint,
    code: err.code,
    requestId: err.requestId,
    status: err.status,
    cause: err,
  });
  wrapped.name = err.name;
  return wrapped;
}

/** Temporary credentials and the time they end, from an `Expiration` like 2026-12-04T17:00:00Z. */
export function temporary(
  credentials: Credentials,
  source: string,
  expiration: unknown,
  renew: () => Promise<ResolvedCredentials>,
): ResolvedCredentials {
  const expiresAt = typeof expiration === 'string' ? Date.parse(expiration) : NaN;
  // Already over: the ECS API would refuse them with advice about env variables; say who gave them.
  if (expiresAt <= Date.now()) {
    throw new CredentialsError(`${source}: the credentials it handed out expired at ${String(expiration)}`, {
      hint: 'The source gave stale credentials, or this computer\'s clock is ahead: check both.',
    });
  }
  return Number.isFinite(expiresAt) ? { credentials, source, expiresAt, renew } : { credentials, source };
}

/**
 * The AccessKeyId, AccessKeySecret and SecurityToken of an answer (STS, metadata service,
 * credentials URI), or undefined unless all three are non-empty strings: an empty one signs
 * requests the API rejects as if ecsimg had left the parameter out.
 */
export function temporaryCredentialsIn(fields: unknown): Required<Credentials> | undefined {
  if (!isRecord(fields)) return undefined;
  const { AccessKeyId: accessKeyId, AccessKeySecret: accessKeySecret, SecurityToken: securityToken } = fields;
  const given = (value: unknown): value is string => typeof value === 'string' && value !== '';
  return given(accessKeyId) && given(accessKeySecret) && given(securityToken) ? { accessKeyId, accessKeySecret, securityToken } : undefined;
}

/** A small JSON answer (metadata service, credentials URI, an External process) as an object, or undefined. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
