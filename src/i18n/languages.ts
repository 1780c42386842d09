/**
 * The one list of the languages VAE Lab speaks. Adding a language: an entry here, a resource file
 * beside this one (copy en.ts; tsc lists every missing key), its line in resources.ts, and, when
 * its pages are translated, page components under src/pages/<code>/ named in src/content/sections.ts.
 * This module imports nothing, so the URL schema (state/) can read the codes too.
 */
export const LANGUAGES = [
  // `match`: the browser language tags (navigator.languages) that pick this language.
  { code: 'en', htmlLang: 'en', name: 'EN', nameInEnglish: 'English', match: /^en\b/i },
  { code: 'zh', htmlLang: 'zh-CN', name: '中文', nameInEnglish: 'Chinese', match: /^zh\b/i },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_CODES: readonly LanguageCode[] = LANGUAGES.map((l) => l.code);

/** The language of the pages every other language falls back to while its translation is missing. */
export const SOURCE_LANGUAGE = 'en' satisfies LanguageCode;

export function languageOf(code: LanguageCode): Language {
  return LANGUAGES.find((l) => l.code === code) ?? LANGUAGES[0];
}

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && (LANGUAGE_CODES as readonly string[]).includes(value);
}
