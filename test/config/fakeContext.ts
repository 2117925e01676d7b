// An in-memory ConfigContext: files by absolute path, a fake env, home /home/test.
import type { ConfigContext } from '../../src/config/context.js';
import { EcsimgError } from '../../src/errors.js';

export const HOME = '/home/test';
export const CONFIG_JSON = `${HOME}/.aliyun/config.json`;
export const CREDENTIALS_INI = `${HOME}/.alibabacloud/credentials`;

export interface FakeContext extends ConfigContext {
  /** every path read, in order */
  reads: string[];
}

/** No test may reach for a real instance metadata service: every fake env turns it off unless a test says otherwise. */
export const NO_METADATA = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' } as const;

export function fakeContext(files: Record<string, string> = {}, env: Record<string, string | undefined> = {}): FakeContext {
  const reads: string[] = [];
  return {
    env: { ...NO_METADATA, ...env },
    homeDir: HOME,
    reads,
    readFile(path) {
      reads.push(path);
      return Object.hasOwn(files, path) ? files[path] : undefined;
    },
  };
}

/** A ~/.aliyun/config.json as the aliyun CLI writes it. */
export function aliyunConfig(current: string | undefined, ...profiles: Record<string, unknown>[]): string {
  return JSON.stringify({ current, profiles }, null, 2);
}

export function akProfile(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, mode: 'AK', access_key_id: `LTAI-${name}-id`, access_key_secret: `${name}-secret`, sts_token: '', ...extra };
}

/** The error fn throws; fails the test when it throws nothing. */
export function thrown(fn: () => unknown): EcsimgError {
  try {
    fn();
  } catch (err) {
    if (err instanceof EcsimgError) return err;
    throw err;
  }
  throw new Error('expected an error, got none');
}

/** The error fn throws or its promise rejects with; fails the test when there is none. */
export async function rejected(fn: () => unknown): Promise<EcsimgError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof EcsimgError) return err;
    throw err;
  }
  throw new Error('expected an error, got none');
}
