// Error codes the emulator answers with, each with the HTTP status and message the real
// ECS endpoint (POP gateway + ECS) uses for it.

import { randomUUID } from 'node:crypto';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

const KNOWN: Record<string, readonly [status: number, message: string]> = {
  // gateway: credentials and signature
  'InvalidAccessKeyId.NotFound': [404, 'Specified access key is not found.'],
  SignatureDoesNotMatch: [400, 'Specified signature is not matched with our calculation.'],
  IncompleteSignature: [400, 'The request signature does not conform to Aliyun standards.'],
  'InvalidTimeStamp.Expired': [400, 'Specified time stamp or date value is expired.'],
  'InvalidTimeStamp.Format': [400, 'Specified time stamp or date value is not well formatted.'],
  SignatureNonceUsed: [400, 'Specified signature nonce was used already.'],
  'InvalidSecurityToken.Malformed': [400, 'Specified SecurityToken is malformed.'],
  'InvalidSecurityToken.Expired': [400, 'Specified SecurityToken is expired.'],
  'InvalidSecurityToken.MismatchWithAccessKey': [400, 'Specified SecurityToken mismatch with the AccessKey.'],
  'Forbidden.RAM': [403, "User not authorized to operate on the specified resource, or this API doesn't support RAM."],
  'InvalidAction.NotFound': [404, 'Specified api is not found, please check your url and method.'],
  InvalidVersion: [400, 'Specified parameter Version is not valid.'],
  'Throttling.User': [400, 'Request was denied due to user flow control.'],
  InternalError: [500, 'The request processing has failed due to some unknown error, exception or failure.'],
  ServiceUnavailable: [503, 'The request has failed due to a temporary failure of the server.'],
  // ECS
  'InvalidRegionId.NotFound': [404, 'The specified RegionId does not exist.'],
  'InvalidRegionId.MalFormed': [400, 'The specified parameter RegionId is not valid.'],
  'InvalidImageOwnerAlias.ValueNotSupported': [400, 'The specified ImageOwnerAlias value is not supported.'],
  'InvalidTag.Mismatch': [400, 'The specified Tag.n.Key and Tag.n.Value are not match.'],
  InvalidTagCount: [400, 'The specified tags are beyond the permitted range.'],
  'InvalidTagKey.Malformed': [400, 'The specified Tag.n.Key is not valid.'],
  'InvalidImageId.Malformed': [400, 'The specified parameter ImageId is not valid.'],
  // the typo is the API's own (seed/DescribeImages.md)
  InvalidUsage: [404, 'The specifed Usage is not valid'],
  'InvalidInstanceType.ValueNotSupported': [400, 'The specified InstanceType does not exist or beyond the permitted range.'],
  DryRunOperation: [400, 'Request validation has been passed with DryRun flag set.'],
  // STS (2015-04-01)
  NoPermission: [403, 'You are not authorized to do this action. You should be authorized by RAM.'],
  'InvalidParameter.RoleArn': [400, 'The parameter RoleArn is wrongly formed.'],
  'InvalidParameter.RoleSessionName': [400, 'The parameter RoleSessionName is wrongly formed.'],
  'InvalidParameter.DurationSeconds': [400, 'The Min/Max value of DurationSeconds is 15min/12hr.'],
  'InvalidParameter.ExternalId': [400, 'The parameter ExternalId is wrongly formed.'],
  'InvalidParameter.PolicyGrammar': [400, 'The parameter Policy has not passed grammar check.'],
  'InvalidParameter.OIDCProviderArn': [400, 'The parameter OIDCProviderArn is wrongly formed.'],
  'AuthenticationFail.OIDCToken.Invalid': [400, 'This JsonWebToken is invalid.'],
  'AuthenticationFail.OIDCToken.Expired': [400, 'This JsonWebToken is expired.'],
  'AuthenticationFail.NoPermission': [403, 'There is no permission'],
  'EntityNotExist.Role': [404, 'The role not exists.'],
};

export function apiError(code: string, message?: string): ApiError {
  const known = KNOWN[code];
  if (!known) throw new Error(`emulator: unknown error code ${code}`);
  return new ApiError(code, known[0], message ?? known[1]);
}

/** `MissingRegionId`, `MissingAccessKeyId`, ...: how the gateway names a missing mandatory parameter. */
export function missingParameter(name: string): ApiError {
  return new ApiError(`Missing${name}`, 400, `${name} is mandatory for this action.`);
}

/** The ECS form for a value outside its range or format. */
export function invalidParameter(name: string): ApiError {
  return new ApiError('InvalidParameter', 400, `The specified parameter "${name}" is not valid.`);
}

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

export interface ErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}

export function errorBody(error: ApiError, requestId: string, hostId: string, product = 'Ecs'): ErrorBody {
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${product}&requestId=${requestId}`,
  };
}
