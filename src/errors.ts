// Every failure ecsimg reports is an EcsimgError: a readable message, an optional hint,
// the API's Code and RequestId when there is one, and the exit code of SPEC section 5.

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  credentials: 3,
  service: 4,
  notFound: 5,
  /** `wait`: --max-wait passed */
  timedOut: 6,
  /** `wait`: an image reached a status it cannot leave for the wanted one */
  unreachable: 7,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorDetails {
  hint?: string;
  /** the API's error Code */
  code?: string;
  requestId?: string;
  /** HTTP status of the answer, when known */
  status?: number;
  /** may the same request succeed if sent again (throttling, 5xx, timeouts) */
  retryable?: boolean;
  /** server-requested delay before a retry, in ms (x-acs-retry-after) */
  retryAfterMs?: number;
  cause?: unknown;
}

export class EcsimgError extends Error {
  readonly exitCode: ExitCode;
  readonly hint?: string;
  readonly code?: string;
  readonly requestId?: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(message: string, exitCode: ExitCode, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'EcsimgError';
    this.exitCode = exitCode;
    this.hint = details.hint;
    this.code = details.code;
    this.requestId = details.requestId;
    this.status = details.status;
    this.retryable = details.retryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** Bad flag, bad value, unknown profile or region: exit 2. */
export class UsageError extends EcsimgError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, ExitCode.usage, details);
    this.name = 'UsageError';
  }
}

/** No credentials, rejected credentials, missing permission: exit 3. */
export class CredentialsError extends EcsimgError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, ExitCode.credentials, details);
    this.name = 'CredentialsError';
  }
}

/** The service or the network failed (after retries): exit 4. */
export class ServiceError extends EcsimgError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, ExitCode.service, details);
    this.name = 'ServiceError';
  }
}

/** Exactly one image was asked for and none matched: exit 5. */
export class NotFoundError extends EcsimgError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, ExitCode.notFound, details);
    this.name = 'NotFoundError';
  }
}

/** Ctrl-C: exit 130. */
export class InterruptedError extends EcsimgError {
  constructor() {
    super('interrupted', ExitCode.interrupted);
    this.name = 'InterruptedError';
  }
}
