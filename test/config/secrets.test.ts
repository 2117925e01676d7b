// Every message, hint and source string the config code produces, from inputs full of
// recognisable fake secrets: none may carry a secret, a token or a whole AccessKeyId.
import { describe, expect, it } from 'vitest';

import type { ConfigContext } from '../../src/config/context.js';
import { resolveCredentials } from '../../src/config/credentials.js';
import { resolveEndpoint, resolveRegion } from '../../src/config/region.js';
import { CONFIG_JSON, CREDENTIALS_INI, aliyunConfig, fakeContext, rejected } from './fakeContext.js';

const ID = 'LTAI5tFAKEKEYID0001';
const SECRET = 'SeCrEtFaKe0xDEADBEEF';
const TOKEN = 'ToKeNfAkEsTsCAFEBABE';
const FORBIDDEN = [ID, SECRET, TOKEN];

const keys = { access_key_id: ID, access_key_secret: SECRET, sts_token: TOKEN };
const config = (profile: Record<string, unknown>): Record<string, string> => ({ [CONFIG_JSON]: aliyunConfig('p', { name: 'p', ...profile }) });

const ERROR_CASES: [string, () => unknown][] = [
  ['env id without secret', () => resolveCredentials({}, fakeContext({}, { ALIBABA_CLOUD_ACCESS_KEY_ID: ID, ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN }))],
  ['env secret without id', () => resolveCredentials({}, fakeContext({}, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET }))],
  ['terraform id without secret', () => resolveCredentials({}, fakeContext({}, { ALICLOUD_ACCESS_KEY: ID, ALICLOUD_SECURITY_TOKEN: TOKEN }))],
  ['terraform secret without id', () => resolveCredentials({}, fakeContext({}, { ALICLOUD_SECRET_KEY: SECRET }))],
  ['unsupported mode', () => resolveCredentials({}, fakeContext(config({ mode: 'RamRoleArn', ...keys })))],
  ['StsToken without token', () => resolveCredentials({}, fakeContext(config({ mode: 'StsToken', ...keys, sts_token: '' })))],
  ['AK without secret', () => resolveCredentials({}, fakeContext(config({ mode: 'AK', ...keys, access_key_secret: '' })))],
  ['AK without id', () => resolveCredentials({}, fakeContext(config({ mode: 'AK', ...keys, access_key_id: '' })))],
  ['unknown --profile', () => resolveCredentials({ profile: 'q' }, fakeContext(config({ mode: 'AK', ...keys })))],
  ['unknown ALIBABA_CLOUD_PROFILE', () => resolveCredentials({}, fakeContext(config({ mode: 'AK', ...keys }), { ALIBABA_CLOUD_PROFILE: 'q' }))],
  ['empty --profile', () => resolveCredentials({ profile: ' ' }, fakeContext({}, { ALIBABA_CLOUD_ACCESS_KEY_ID: ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET }))],
  ['nothing found', () => resolveCredentials({}, fakeContext({ [CREDENTIALS_INI]: `[other]\naccess_key_secret = ${SECRET}\n` }))],
  ['JSON: unquoted secret', () => resolveCredentials({}, fakeContext({ [CONFIG_JSON]: `{"current": "p", "profiles": [{"name": "p", "access_key_secret": ${SECRET}}]}` }))],
  ['JSON: newline in token', () => resolveCredentials({}, fakeContext({ [CONFIG_JSON]: `{"profiles": [{"sts_token": "${TOKEN}\n${TOKEN}"}]}` }))],
  ['JSON: unterminated secret', () => resolveCredentials({}, fakeContext({ [CONFIG_JSON]: `{"profiles": [{"access_key_secret": "${SECRET}` }))],
  ['JSON: text after the end', () => resolveCredentials({}, fakeContext({ [CONFIG_JSON]: `{} ${SECRET}` }))],
  ['JSON: missing colon before id', () => resolveCredentials({}, fakeContext({ [CONFIG_JSON]: `{"access_key_id" "${ID}"}` }))],
  ['INI: line without =', () => resolveCredentials({}, fakeContext({ [CREDENTIALS_INI]: `[default]\naccess_key_secret ${SECRET}\n` }))],
  ['INI: key before section', () => resolveCredentials({}, fakeContext({ [CREDENTIALS_INI]: `access_key_id = ${ID}\n` }))],
  ['INI: = without key', () => resolveCredentials({}, fakeContext({ [CREDENTIALS_INI]: `[default]\n= ${SECRET}\n` }))],
  ['INI: unsupported type', () => resolveCredentials({}, fakeContext({ [CREDENTIALS_INI]: `[default]\ntype = sts\naccess_key_id = ${ID}\naccess_key_secret = ${SECRET}\nsecurity_token = ${TOKEN}\n` }))],
  ['INI: missing secret', () => resolveCredentials({}, fakeContext({ [CREDENTIALS_INI]: `[default]\ntype = access_key\naccess_key_id = ${ID}\n` }))],
  ['region: none found', () => resolveRegion({}, fakeContext(config({ mode: 'AK', ...keys })))],
  ['endpoint: password in URL', () => resolveEndpoint({ endpoint: `https://${ID}:${SECRET}@ecs.example.com` }, fakeContext())],
  ['endpoint: password, no host', () => resolveEndpoint({ endpoint: `https://${ID}:${SECRET}@` }, fakeContext())],
  ['endpoint: secret as a user, bad scheme', () => resolveEndpoint({}, fakeContext({}, { ALIBABA_CLOUD_ECS_ENDPOINT: `ftp://${SECRET}@x` }))],
  ['unreadable file', () => resolveCredentials({ profile: 'p' }, unreadable())],
];

const SUCCESS_CASES: [string, () => { source: string } | Promise<{ source: string }>][] = [
  ['env with token', () => resolveCredentials({}, fakeContext({}, { ALIBABA_CLOUD_ACCESS_KEY_ID: ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET, ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN }))],
  ['terraform env with token', () => resolveCredentials({}, fakeContext({}, { ALICLOUD_ACCESS_KEY: ID, ALICLOUD_SECRET_KEY: SECRET, ALICLOUD_SECURITY_TOKEN: TOKEN }))],
  ['StsToken profile', () => resolveCredentials({}, fakeContext(config({ mode: 'StsToken', ...keys })))],
  ['INI section', () => resolveCredentials({}, fakeContext({ [CREDENTIALS_INI]: `[default]\ntype = access_key\naccess_key_id = ${ID}\naccess_key_secret = ${SECRET}\n` }))],
  ['region from a profile', () => resolveRegion({}, fakeContext(config({ mode: 'StsToken', ...keys, region_id: 'cn-hangzhou' })))],
];

function unreadable(): ConfigContext {
  const ctx = fakeContext();
  ctx.readFile = (path) => {
    throw Object.assign(new Error(`EACCES: cannot open ${path}, it holds ${SECRET}`), { code: 'EACCES' });
  };
  return ctx;
}

describe('no secret leaks', () => {
  it('into any error message or hint', async () => {
    const texts = await Promise.all(
      ERROR_CASES.map(async ([name, run]) => {
        const error = await rejected(run);
        return `${name}: ${error.message} | ${error.hint ?? ''}`;
      }),
    );
    expect(texts).toHaveLength(ERROR_CASES.length);
    expect(texts.filter((text) => FORBIDDEN.some((secret) => text.includes(secret)))).toEqual([]);
  });

  it('into any source string, while the credentials themselves come through', async () => {
    const results = await Promise.all(SUCCESS_CASES.map(([, run]) => run()));
    expect(results[0]).toMatchObject({ credentials: { accessKeyId: ID, accessKeySecret: SECRET, securityToken: TOKEN } });
    expect(results.map((r) => r.source).filter((source) => FORBIDDEN.some((secret) => source.includes(secret)))).toEqual([]);
  });
});
