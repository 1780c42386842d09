import { isLanguageCode, LANGUAGES, SOURCE_LANGUAGE, type LanguageCode } from './languages';

/** Where the reader's language was decided; only an explicit choice goes into shared links. */
export type LanguageSource = 'url' | 'storage' | 'browser' | 'default';

/**
 * The language to open in: the URL's `?lang=` (a shared link opens in the sender's language),
 * else the reader's last choice in this browser, else the first of the browser's preferred
 * languages we speak (any zh-* is Chinese), else English.
 */
export function chooseLanguage(
  urlLang: string,
  stored: string | null,
  preferred: readonly string[],
): { code: LanguageCode; source: LanguageSource } {
  if (isLanguageCode(urlLang)) return { code: urlLang, source: 'url' };
  if (isLanguageCode(stored)) return { code: stored, source: 'storage' };
  for (const tag of preferred) {
    const found = LANGUAGES.find((l) => l.match.test(tag.trim()));
    if (found) return { code: found.code, source: 'browser' };
  }
  return { code: SOURCE_LANGUAGE, source: 'default' };
}
