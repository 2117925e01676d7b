// The locale -> AcceptLanguage rule of `ecsimg regions`.
import { describe, expect, it } from 'vitest';
import { acceptLanguageOf, messagesLocale } from '../../src/commands/acceptLanguage.js';

describe('acceptLanguageOf', () => {
  it.each([
    [{ LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LANG: 'zh_CN.GB18030' }, 'zh-CN'],
    [{ LANG: 'zh_TW.UTF-8' }, 'zh-CN'],
    [{ LANG: 'zh_HK.Big5-HKSCS' }, 'zh-CN'],
    [{ LANG: 'zh' }, 'zh-CN'],
    [{ LANG: 'ja_JP.UTF-8' }, 'ja'],
    [{ LANG: 'ja_JP.eucJP@modifier' }, 'ja'],
    [{ LANG: 'ja' }, 'ja'],
    [{ LANG: 'en_GB.UTF-8' }, 'en-US'],
    [{ LANG: 'de_DE.UTF-8' }, 'en-US'],
    [{ LANG: 'C' }, 'en-US'],
    [{ LANG: 'C.UTF-8' }, 'en-US'],
    [{ LANG: 'POSIX' }, 'en-US'],
    [{ LANG: 'zhx_CN' }, 'en-US'],
    [{}, 'en-US'],
    [{ LANG: '' }, 'en-US'],
  ])('%o -> %s', (env, expected) => {
    expect(acceptLanguageOf(env)).toBe(expected);
  });

  it('takes LC_ALL over LC_MESSAGES over LANG, an empty one counting as unset', () => {
    expect(acceptLanguageOf({ LC_ALL: 'ja_JP.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'C' })).toBe('ja');
    expect(acceptLanguageOf({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'ja_JP.UTF-8' })).toBe('zh-CN');
    expect(acceptLanguageOf({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).toBe('en-US');
    expect(acceptLanguageOf({ LC_ALL: '', LC_MESSAGES: '', LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(messagesLocale({ LC_CTYPE: 'ja_JP.UTF-8' })).toBeUndefined();
  });
});
