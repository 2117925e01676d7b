// ~/.aliyun/config.json, the aliyun CLI's file: {"current": NAME, "profiles": [{"name", "mode",
// "access_key_id", "access_key_secret", "sts_token", "region_id", ...}, ...]}.
import { UsageError } from '../errors.js';
import { displayPath, homePath, readConfigFile, type ConfigContext } from './context.js';
import { findJsonSyntaxError, lineAt } from './json.js';
import { isRecord } from '../guards.js';

export interface AliyunProfile {
  name: string;
  /** the profile's non-empty string and non-zero number fields (mode, access_key_id, expired_seconds, ...), as strings */
  fields: ReadonlyMap<string, string>;
}

export interface AliyunConfig {
  /** as messages show it: ~/.aliyun/config.json */
  shownPath: string;
  current?: string;
  profiles: AliyunProfile[];
}

export function aliyunConfigPath(ctx: ConfigContext): string {
  return homePath(ctx, '.aliyun', 'config.json');
}

/** The parsed file, or undefined when there is none. */
export function loadAliyunConfig(ctx: ConfigContext): AliyunConfig | undefined {
  const path = aliyunConfigPath(ctx);
  const text = readConfigFile(ctx, path);
  return text === undefined ? undefined : parseAliyunConfig(text, displayPath(ctx, path));
}

/** Profile names in ~/.aliyun/config.json; [] when there is no file. */
export function listProfiles(ctx: ConfigContext): string[] {
  return loadAliyunConfig(ctx)?.profiles.map((profile) => profile.name) ?? [];
}

export function parseAliyunConfig(text: string, shownPath: string): AliyunConfig {
  const body = text.replace(/^\uFEFF/, '');
  const hint = `Fix ${shownPath} by hand, or move it aside and run \`aliyun configure\`.`;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    // Never pass on JSON.parse's message: it quotes the text near the error.
    const error = findJsonSyntaxError(body);
    const where = error ? `, line ${lineAt(body, error.offset)}` : '';
    const why = error ? `: ${error.reason}` : '';
    throw new UsageError(`${shownPath}${where}: not valid JSON${why}`, { hint });
  }

  function malformed(what: string): never {
    throw new UsageError(`${shownPath}: ${what}`, { hint });
  }
  if (!isRecord(data)) malformed('expected a JSON object with a "profiles" list');
  const { current, profiles = [] } = data;
  if (!Array.isArray(profiles)) malformed('"profiles" is not a list');
  if (current !== undefined && typeof current !== 'string') malformed('"current" is not a string');

  return {
    shownPath,
    current: current === '' ? undefined : current,
    profiles: profiles.map((entry: unknown, index) => {
      if (!isRecord(entry) || typeof entry.name !== 'string' || entry.name === '') {
        malformed(`profile #${index + 1} has no "name"`);
      }
      const fields = new Map<string, string>();
      for (const [key, value] of Object.entries(entry)) {
        if (typeof value === 'string' && value !== '') fields.set(key, value);
        // expired_seconds and other numbers the aliyun CLI writes as JSON numbers
        else if (typeof value === 'number' && Number.isFinite(value) && value !== 0) fields.set(key, String(value));
      }
      return { name: entry.name, fields };
    }),
  };
}

