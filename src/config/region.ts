// Region and endpoint, in the order of SPEC section 2: flag, env, the effective profile.
import { UsageError } from '../errors.js';
import { envValue, flagValue, type ConfigContext } from './context.js';
import { effectiveProfile } from './profiles.js';

export interface Resolved {
  value: string;
  /** where the value came from: "--region", "env ALIBABA_CLOUD_REGION_ID", "profile 'dev' in ..." */
  source: string;
}

/** The raw value: one region, a comma list or `all`; the caller parses it. */
export function resolveRegion(input: { region?: string; profile?: string }, ctx: ConfigContext): Resolved {
  const flag = flagValue(input.region, '--region');
  if (flag !== undefined) return { value: flag, source: '--region' };
  for (const name of ['ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION']) {
    const value = envValue(ctx, name);
    if (value !== undefined) return { value, source: `env ${name}` };
  }

  const profile = effectiveProfile(flagValue(input.profile, '--profile'), ctx, false);
  const value = profile?.fields.get('region_id')?.trim();
  if (profile && value) return { value, source: profile.source };

  const setProfileRegion = profile
    ? `or add region_id to ${profile.source}`
    : 'or give a profile a region_id (`aliyun configure set --region cn-hangzhou`) and select it with --profile';
  throw new UsageError('no region: pass --region or set ALIBABA_CLOUD_REGION_ID', {
    hint: `For example --region cn-hangzhou; ${setProfileRegion}.`,
  });
}

/**
 * An explicit endpoint (--endpoint, else ALIBABA_CLOUD_ECS_ENDPOINT), or undefined: the
 * caller then uses https://ecs.<region>.aliyuncs.com (SPEC section 2; profiles give none).
 */
export function resolveEndpoint(input: { endpoint?: string }, ctx: ConfigContext): Resolved | undefined {
  if (input.endpoint !== undefined) return checkedEndpoint(input.endpoint, '--endpoint', '--endpoint');
  const fromEnv = envValue(ctx, 'ALIBABA_CLOUD_ECS_ENDPOINT');
  if (fromEnv !== undefined) return checkedEndpoint(fromEnv, 'env ALIBABA_CLOUD_ECS_ENDPOINT', 'ALIBABA_CLOUD_ECS_ENDPOINT');
  return undefined;
}

function checkedEndpoint(raw: string, source: string, where: string): Resolved {
  const value = raw.trim();
  // A URL with user:password@ would carry a secret into messages and debug output.
  const shown = value.includes('@') ? 'the value' : `'${value}'`;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new UsageError(`${where}: ${shown} is not an http:// or https:// URL`, {
      hint: 'For example https://ecs.cn-hangzhou.aliyuncs.com or http://127.0.0.1:8080 (the emulator).',
    });
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(`${where}: the URL must not contain a user name or password`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new UsageError(`${where}: ${shown} must not have a ?query or #fragment`);
  }
  // Written back from the parsed URL: `HTTP://`, `https:host` and `http:\\host` parse as
  // http(s)://host, and pop-core accepts only the lower-case `http://` / `https://` form.
  return { value: `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, ''), source };
}
