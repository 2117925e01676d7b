// Keys written in a profile: config.json's AK and StsToken modes, the INI file's access_key type.
import type { ResolvedCredentials } from '../credentials.js';
import type { FoundProfile } from '../profiles.js';
import { requireKeyField } from './profileFields.js';
import { shellWord } from '../../output/shellWord.js';

export function fromKeyProfile(profile: FoundProfile, kind: 'ak' | 'ststoken'): ResolvedCredentials {
  const hint = `Set it with \`aliyun configure --profile ${shellWord(profile.name)} --mode ${kind === 'ak' ? 'AK' : 'StsToken'}\`.`;
  const accessKeyId = requireKeyField(profile, 'access_key_id', hint);
  const accessKeySecret = requireKeyField(profile, 'access_key_secret', hint);
  if (kind === 'ak') return { credentials: { accessKeyId, accessKeySecret }, source: profile.source };
  const securityToken = requireKeyField(profile, 'sts_token', hint);
  return { credentials: { accessKeyId, accessKeySecret, securityToken }, source: profile.source };
}

export function fromIniAccessKey(profile: FoundProfile): ResolvedCredentials {
  const hint = `Add it to the [${profile.name}] section of ${profile.shownPath}.`;
  const accessKeyId = requireKeyField(profile, 'access_key_id', hint);
  const accessKeySecret = requireKeyField(profile, 'access_key_secret', hint);
  return { credentials: { accessKeyId, accessKeySecret }, source: profile.source };
}
