// A credentials URI (config.json's CredentialsURI mode, or ALIBABA_CLOUD_CREDENTIALS_URI):
// GET it, expect {"Code":"Success","AccessKeyId","AccessKeySecret","SecurityToken","Expiration"}.
import { CredentialsError, ServiceError } from '../../errors.js';
import { toEcsimgError } from '../../api/apiErrors.js';
import { httpRequest, HttpRequestError } from '../../net/httpRequest.js';
import { proxyAgentFor } from '../../net/proxy.js';
import { ProxyFailure } from '../../net/proxyFailure.js';
import type { ResolvedCredentials } from '../credentials.js';
import { fromSource, keepCredentials, parseJsonObject, temporary, temporaryCredentialsIn, type SourceContext } from './context.js';

export async function fromCredentialsUri(ctx: SourceContext, uri: string, source: string): Promise<ResolvedCredentials> {
  let url: URL;
  try {
    url = new URL(uri);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError();
  } catch {
    throw new CredentialsError(`${source}: the credentials URI is not an http:// or https:// URL`);
  }
  // Only the host: a URI can carry a token in its path or query.
  const where = `the credentials URI at ${url.host}`;
  let answer;
  const started = Date.now();
  try {
    const agent = await proxyAgentFor(uri, ctx.env, { debug: ctx.debug, secrets: ctx.secrets });
    answer = await httpRequest({ url: uri, timeoutMs: (ctx.timeoutSeconds ?? 10) * 1000, agent, signal: ctx.signal });
    ctx.debug?.(`credentials URI GET ${url.host}: HTTP ${answer.status} in ${Date.now() - started} ms`);
  } catch (err) {
    if (err instanceof ProxyFailure) throw fromSource(source, toEcsimgError(err, { action: 'GET', endpoint: uri }));
    if (!(err instanceof HttpRequestError)) throw err;
    ctx.debug?.(`credentials URI GET ${url.host}: ${err.code} after ${Date.now() - started} ms`);
    throw new ServiceError(`${source}: ${where} ${err.failure}`);
  }
  if (answer.status !== 200) {
    const Kind = answer.status >= 500 ? ServiceError : CredentialsError;
    throw new Kind(`${source}: ${where} refused to give credentials (HTTP ${answer.status})`);
  }
  const body = parseJsonObject(answer.body);
  if (body === undefined) throw new ServiceError(`${source}: ${where} sent no JSON object`);
  if (body.Code !== 'Success') {
    throw new CredentialsError(`${source}: ${where} answered Code ${typeof body.Code === 'string' ? body.Code : '(none)'}, not Success`);
  }
  const credentials = temporaryCredentialsIn(body);
  if (!credentials) throw new ServiceError(`${source}: ${where} sent no AccessKeyId, AccessKeySecret and SecurityToken`);
  keepCredentials(ctx, credentials);
  return temporary(credentials, `${source}: ${url.host}`, body.Expiration, () => fromCredentialsUri(ctx, uri, source));
}
