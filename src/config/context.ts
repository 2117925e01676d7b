// Everything the config code reads from the outside world comes in through a ConfigContext,
// so tests can hand in a fake environment, home directory and file system.
import { join, sep } from 'node:path';

import { EcsimgError, UsageError } from '../errors.js';
import { CONFIG_FILE_RULE, UnreadableFileError } from './configFile.js';

export interface ConfigContext {
  env: Record<string, string | undefined>;
  homeDir: string;
  /** file contents, or undefined when the file does not exist; other read errors throw (a file over maxBytes, 1 MiB unless given, too) */
  readFile(path: string, maxBytes?: number): string | undefined;
}

/** An environment variable's value; empty or blank counts as unset. */
export function envValue(ctx: ConfigContext, name: string): string | undefined {
  const value = ctx.env[name]?.trim();
  return value === '' ? undefined : value;
}

/** A flag's value when given; an empty one is an error rather than a silent fallback. */
export function flagValue(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  // `--region "$REGION"` with REGION unset must not quietly fall back to another region.
  if (trimmed === '') throw new UsageError(`${flag} is empty`, { hint: `Give ${flag} a value, or leave the option out.` });
  return trimmed;
}

export function homePath(ctx: ConfigContext, ...parts: string[]): string {
  return join(ctx.homeDir, ...parts);
}

/** `~/...` for paths under the home directory, as messages show them. */
export function displayPath(ctx: ConfigContext, path: string): string {
  const home = ctx.homeDir.endsWith(sep) ? ctx.homeDir.slice(0, -1) : ctx.homeDir;
  if (home !== '' && path.startsWith(home + sep)) return `~${path.slice(home.length)}`;
  return path;
}

/** Expands a leading `~/` in a path taken from the environment. */
export function expandHome(ctx: ConfigContext, path: string): string {
  return path === '~' || path.startsWith('~/') ? join(ctx.homeDir, path.slice(1)) : path;
}

export function readConfigFile(ctx: ConfigContext, path: string): string | undefined {
  try {
    return ctx.readFile(path);
  } catch (err) {
    if (err instanceof EcsimgError) throw err;
    if (err instanceof UnreadableFileError) {
      throw new UsageError(`cannot read ${displayPath(ctx, path)}: ${err.reason}`, {
        hint: `ecsimg reads only ${CONFIG_FILE_RULE}: replace it, or move it aside.`,
      });
    }
    const code = (err as { code?: unknown } | null)?.code;
    const why = typeof code === 'string' ? ` (${code})` : '';
    throw new UsageError(`cannot read ${displayPath(ctx, path)}${why}`, { cause: err });
  }
}
