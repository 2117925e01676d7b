// STS (API 2015-04-01): AssumeRole, signed like ECS, and AssumeRoleWithOIDC, unsigned. Both
// hand out the emulator's STS test key, which its ECS API accepts.

import type { Authenticator, Params } from './auth.js';
import {
  EMULATOR_EXTERNAL_ID,
  EMULATOR_EXTERNAL_ID_ROLE_ARN,
  EMULATOR_EXPIRED_OIDC_TOKEN,
  EMULATOR_OIDC_PROVIDER_ARN,
  EMULATOR_OIDC_TOKEN,
  EMULATOR_ROLE_ARN,
  handOutCredentials,
} from './credentials.js';
import { ApiError, apiError, missingParameter } from './errors.js';
import type { Faults } from './types.js';

export const STS_API_VERSION = '2015-04-01';
export const STS_HOST_ID = 'sts.aliyuncs.com';

const ACTIONS = ['AssumeRole', 'AssumeRoleWithOIDC'];

const ROLE_ARN = /^acs:ram::(\d+):role\/([A-Za-z0-9.@_-]{1,64})$/i;
const OIDC_PROVIDER_ARN = /^acs:ram::\d+:oidc-provider\/[A-Za-z0-9._-]{1,128}$/i;
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
const EXTERNAL_ID = /^[A-Za-z0-9=,.@:/_-]{2,1224}$/;
const MIN_DURATION_S = 900;
const MAX_DURATION_S = 43_200;
const DEFAULT_DURATION_S = 3600;
/** the role's id, as AssumedRoleId shows it before the session name */
const ROLE_ID = '300012345678901234';
const OIDC_SUBJECT = 'system:serviceaccount:default:ecsimg-emulator';

/** No Version and an STS action still goes to STS, which then asks for the Version as STS does. */
export function isStsRequest(params: Params): boolean {
  return params.Version === STS_API_VERSION || (!params.Version && ACTIONS.includes(params.Action ?? ''));
}

export interface StsContext {
  auth: Authenticator;
  faults: Readonly<Faults>;
  requestId: string;
  now: number;
}

/** The answer of a 200, or throws the ApiError STS sends. */
export function runSts(method: string, params: Params, ctx: StsContext): object {
  if (!params.Action) throw missingParameter('Action');
  if (!params.Version) throw missingParameter('Version');
  if (params.Action === 'AssumeRole') return assumeRole(method, params, ctx);
  if (params.Action === 'AssumeRoleWithOIDC') return assumeRoleWithOidc(params, ctx);
  throw apiError('InvalidAction.NotFound');
}

function roleNotTrusting(): ApiError {
  return apiError('NoPermission', 'No permission perform sts:AssumeRole on this Role. Maybe the role does not exist or you are not trusted by the role.');
}

function assumeRole(method: string, params: Params, ctx: StsContext): object {
  ctx.auth.authenticate(method, params, ctx.now, 'NoPermission');
  const roleArn = required(params, 'RoleArn');
  const sessionName = required(params, 'RoleSessionName');
  const role = parseRoleArn(roleArn);
  if (!SESSION_NAME.test(sessionName)) throw apiError('InvalidParameter.RoleSessionName');
  const durationS = duration(params);
  const externalId = params.ExternalId;
  if (externalId !== undefined && externalId !== '' && !EXTERNAL_ID.test(externalId)) throw apiError('InvalidParameter.ExternalId');
  checkPolicy(params);

  if (ctx.faults.assumeRoleDenied) throw roleNotTrusting();
  const known = sameArn(roleArn, EMULATOR_ROLE_ARN) || sameArn(roleArn, EMULATOR_EXTERNAL_ID_ROLE_ARN);
  if (!known) throw roleNotTrusting();
  if (sameArn(roleArn, EMULATOR_EXTERNAL_ID_ROLE_ARN) && externalId !== EMULATOR_EXTERNAL_ID) throw roleNotTrusting();
  return answer(role, sessionName, durationS, ctx);
}

function assumeRoleWithOidc(params: Params, ctx: StsContext): object {
  const roleArn = required(params, 'RoleArn');
  const providerArn = required(params, 'OIDCProviderArn');
  const token = required(params, 'OIDCToken');
  if (!OIDC_PROVIDER_ARN.test(providerArn)) throw apiError('InvalidParameter.OIDCProviderArn');
  const role = parseRoleArn(roleArn);
  const sessionName = params.RoleSessionName || 'ecsimg-emulator-oidc';
  if (!SESSION_NAME.test(sessionName)) throw apiError('InvalidParameter.RoleSessionName');
  const durationS = duration(params);
  checkPolicy(params);

  if (!sameArn(providerArn, EMULATOR_OIDC_PROVIDER_ARN)) throw apiError('AuthenticationFail.NoPermission', 'No such OIDC Provider registered.');
  if (token === EMULATOR_EXPIRED_OIDC_TOKEN) throw apiError('AuthenticationFail.OIDCToken.Expired');
  if (token !== EMULATOR_OIDC_TOKEN) throw apiError('AuthenticationFail.OIDCToken.Invalid');
  if (sameArn(roleArn, EMULATOR_EXTERNAL_ID_ROLE_ARN) || ctx.faults.assumeRoleDenied) throw apiError('AuthenticationFail.NoPermission');
  if (!sameArn(roleArn, EMULATOR_ROLE_ARN)) throw apiError('EntityNotExist.Role', `The role not exists: ${roleArn}.`);
  return {
    ...answer(role, sessionName, durationS, ctx),
    OIDCTokenInfo: { Subject: OIDC_SUBJECT, Issuer: 'https://oidc.emulator.invalid', ClientIds: 'sts.aliyuncs.com' },
  };
}

function required(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

interface Role {
  account: string;
  name: string;
}

function parseRoleArn(arn: string): Role {
  const m = ROLE_ARN.exec(arn);
  if (!m) throw apiError('InvalidParameter.RoleArn');
  return { account: m[1]!, name: m[2]! };
}

/** RAM names are case-insensitive */
function sameArn(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function duration(params: Params): number {
  const text = params.DurationSeconds;
  if (text === undefined || text === '') return DEFAULT_DURATION_S;
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(n >= MIN_DURATION_S && n <= MAX_DURATION_S)) throw apiError('InvalidParameter.DurationSeconds');
  return n;
}

function checkPolicy(params: Params): void {
  const policy = params.Policy;
  if (policy === undefined || policy === '') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw apiError('InvalidParameter.PolicyGrammar');
  }
  if (typeof parsed !== 'object' || parsed === null || !('Statement' in parsed)) throw apiError('InvalidParameter.PolicyGrammar');
}

function answer(role: Role, sessionName: string, durationS: number, ctx: StsContext): object {
  const { credentials, expiration } = handOutCredentials(ctx.now, durationS * 1000, ctx.faults);
  return {
    RequestId: ctx.requestId,
    AssumedRoleUser: {
      Arn: `acs:ram::${role.account}:assumed-role/${role.name}/${sessionName}`,
      AssumedRoleId: `${ROLE_ID}:${sessionName}`,
    },
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      AccessKeySecret: credentials.accessKeySecret,
      SecurityToken: credentials.securityToken,
      Expiration: expiration,
    },
  };
}
