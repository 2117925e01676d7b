// Reading a profile's fields with messages that name the profile, its file and the field.
import { CredentialsError, UsageError } from '../../errors.js';
import type { FoundProfile } from '../profiles.js';
import { shellWord } from '../../output/shellWord.js';

/** A field the credentials need: missing means no credentials (exit 3). */
export function requireKeyField(profile: FoundProfile, field: string, hint: string): string {
  const value = profile.fields.get(field);
  if (value === undefined) throw new CredentialsError(`${profile.source} has no ${field}`, { hint });
  return value;
}

/** A field the mode needs: missing means a malformed profile (exit 2). */
export function requireSetting(profile: FoundProfile, field: string, mode: string): string {
  const value = profile.fields.get(field);
  if (value === undefined) {
    throw new UsageError(`${profile.source} (mode ${mode}) has no ${field}`, {
      hint: `Add "${field}" to the profile, e.g. with \`aliyun configure --profile ${shellWord(profile.name)} --mode ${mode}\`.`,
    });
  }
  return value;
}

/** A whole number of seconds in `field`, or undefined when the profile has none. */
export function secondsSetting(profile: FoundProfile, field: string): number | undefined {
  const value = profile.fields.get(field);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${profile.source}: ${field} is not a whole number of seconds`);
  return Number(value);
}
