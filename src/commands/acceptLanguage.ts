// DescribeRegions' AcceptLanguage from the user's locale, so `regions` prints LocalName in
// the user's language.
//
// ECS documents zh-CN, en-US and ja (InvalidAcceptLanguage.NotFound: "Only Chinese (zh-CN),
// English (en-US), and Japanese (ja) are allowed"). Newer pages also list zh-TW, fr, de and
// ko, but a region answering by the older list would refuse them, so every Chinese locale
// (zh_TW and zh_HK included) asks for zh-CN and everything but Chinese and Japanese for en-US.

export type AcceptLanguage = 'zh-CN' | 'ja' | 'en-US';

/** The locale that names messages, as POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG; empty is unset. */
export function messagesLocale(env: Record<string, string | undefined>): string | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** zh_CN.UTF-8, zh_TW, zh -> zh-CN; ja_JP.UTF-8, ja -> ja; C, POSIX, unset, anything else -> en-US. */
export function acceptLanguageOf(env: Record<string, string | undefined>): AcceptLanguage {
  // language[_territory][.codeset][@modifier]
  const language = /^[a-z]+/i.exec(messagesLocale(env) ?? '')?.[0]?.toLowerCase();
  if (language === 'zh') return 'zh-CN';
  if (language === 'ja') return 'ja';
  return 'en-US';
}
