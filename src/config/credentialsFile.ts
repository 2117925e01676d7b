// ~/.alibabacloud/credentials (or ALIBABA_CLOUD_CREDENTIALS_FILE), the INI file the
// Alibaba Cloud SDKs read: [profile] sections with type = access_key and the key pair.
import { CredentialsError } from '../errors.js';
import { displayPath, envValue, expandHome, homePath, readConfigFile, type ConfigContext } from './context.js';
import { parseIni, type IniFile } from './ini.js';

export interface CredentialsFile {
  shownPath: string;
  sections: IniFile;
}

/** The parsed file, or undefined when the default file does not exist. */
export function loadCredentialsFile(ctx: ConfigContext): CredentialsFile | undefined {
  const fromEnv = envValue(ctx, 'ALIBABA_CLOUD_CREDENTIALS_FILE');
  const path = fromEnv === undefined ? homePath(ctx, '.alibabacloud', 'credentials') : expandHome(ctx, fromEnv);
  const shownPath = displayPath(ctx, path);
  const text = readConfigFile(ctx, path);
  if (text === undefined) {
    if (fromEnv === undefined) return undefined;
    throw new CredentialsError(`ALIBABA_CLOUD_CREDENTIALS_FILE names ${shownPath}, which does not exist`, {
      hint: 'Point it at an existing INI credentials file, or unset it.',
    });
  }
  return { shownPath, sections: parseIni(text, shownPath) };
}
