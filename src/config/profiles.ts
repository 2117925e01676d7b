// Which profile applies, and where it lives. A name is looked up in ~/.aliyun/config.json
// first, then as a section of the INI credentials file (SPEC section 2).
import { UsageError } from '../errors.js';
import { listProfiles, loadAliyunConfig } from './aliyunConfig.js';
import { envValue, type ConfigContext } from './context.js';
import { loadCredentialsFile } from './credentialsFile.js';
import { shellWord } from '../output/shellWord.js';

export interface FoundProfile {
  name: string;
  file: 'aliyun' | 'ini';
  /** the file as messages show it */
  shownPath: string;
  /** the profile's settings: config.json fields or INI keys */
  fields: ReadonlyMap<string, string>;
  /** "profile 'dev' in ~/.aliyun/config.json" */
  source: string;
}

export type ProfileOrigin = '--profile' | 'ALIBABA_CLOUD_PROFILE';

function found(name: string, file: FoundProfile['file'], shownPath: string, fields: ReadonlyMap<string, string>): FoundProfile {
  return { name, file, shownPath, fields, source: `profile '${name}' in ${shownPath}` };
}

/** The profile called `name` in either file; the INI file is read only when config.json lacks it. */
export function findProfile(name: string, ctx: ConfigContext): FoundProfile | undefined {
  const config = loadAliyunConfig(ctx);
  const profile = config?.profiles.find((candidate) => candidate.name === name);
  if (config && profile) return found(name, 'aliyun', config.shownPath, profile.fields);
  const ini = loadCredentialsFile(ctx);
  const section = ini?.sections.get(name);
  return ini && section ? found(name, 'ini', ini.shownPath, section) : undefined;
}

/** The profile called `name`; an unknown name is an error listing the profiles that exist. */
export function requireProfile(name: string, origin: ProfileOrigin, ctx: ConfigContext): FoundProfile {
  const profile = findProfile(name, ctx);
  if (profile) return profile;

  const fromJson = listProfiles(ctx);
  const fromIni = loadCredentialsFile(ctx)?.sections.keys() ?? [];
  const names = [...new Set([...fromJson, ...fromIni])];
  const existing = names.length > 0 ? `profiles that exist: ${names.join(', ')}` : 'no profiles exist yet';
  const named = origin === '--profile' ? `unknown profile '${name}'` : `unknown profile '${name}' (from ALIBABA_CLOUD_PROFILE)`;
  throw new UsageError(`${named}; ${existing}`, {
    hint: `Create it with \`aliyun configure --profile ${shellWord(name)}\`${names.length > 0 ? ', or pick one of the existing profiles' : ''}.`,
  });
}

/**
 * The effective profile: --profile, else the one ALIBABA_CLOUD_PROFILE names, else
 * config.json's `current`, else the INI file's [default]. `strict` makes an unknown
 * ALIBABA_CLOUD_PROFILE an error: credentials need it, while region and endpoint only
 * consult it and must not fail a command whose credentials came from elsewhere.
 */
export function effectiveProfile(explicit: string | undefined, ctx: ConfigContext, strict: boolean): FoundProfile | undefined {
  if (explicit !== undefined) return requireProfile(explicit, '--profile', ctx);

  const fromEnv = envValue(ctx, 'ALIBABA_CLOUD_PROFILE');
  if (fromEnv !== undefined) return strict ? requireProfile(fromEnv, 'ALIBABA_CLOUD_PROFILE', ctx) : findProfile(fromEnv, ctx);

  const config = loadAliyunConfig(ctx);
  const current = config?.current === undefined ? undefined : config.profiles.find((p) => p.name === config.current);
  if (config && current) return found(current.name, 'aliyun', config.shownPath, current.fields);

  return iniDefaultProfile(ctx);
}

/** The [default] section of the INI credentials file: the last place SPEC section 2 looks. */
export function iniDefaultProfile(ctx: ConfigContext): FoundProfile | undefined {
  const ini = loadCredentialsFile(ctx);
  const section = ini?.sections.get('default');
  return ini && section ? found('default', 'ini', ini.shownPath, section) : undefined;
}
