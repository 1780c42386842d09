import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { chooseLanguage, type LanguageSource } from './chooseLanguage';
import { isLanguageCode, languageOf, LANGUAGE_CODES, SOURCE_LANGUAGE, type LanguageCode } from './languages';
import { RESOURCES } from './resources';

/**
 * The app's one i18next instance, set up on import (in English) so any component or test that
 * renders text has it. main.tsx then picks the reader's language with startLanguage().
 * Changing language re-renders the text in place: no page, figure or lab is remounted.
 */
const STORAGE_KEY = 'vae-lab-language';

void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(LANGUAGE_CODES.map((code) => [code, { translation: RESOURCES[code] }])),
  lng: SOURCE_LANGUAGE,
  fallbackLng: SOURCE_LANGUAGE,
  supportedLngs: [...LANGUAGE_CODES],
  // Resources are bundled, so init finishes before the first render.
  initAsync: false,
  // React escapes what it renders; escaping here too would show &quot; in the text.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const i18n = i18next;

/** Whether the language was chosen (URL or switch): only then does it belong in shared links. */
let explicit = false;

export function currentLanguage(): LanguageCode {
  const lng = i18next.resolvedLanguage ?? i18next.language;
  return isLanguageCode(lng) ? lng : SOURCE_LANGUAGE;
}

/** The value of `?lang=` the address bar should carry: the choice, or nothing when it was automatic. */
export function languageForUrl(): LanguageCode | 'auto' {
  return explicit ? currentLanguage() : 'auto';
}

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked (private mode, sandboxed frame): the choice just isn't remembered
  }
}

function apply(code: LanguageCode): void {
  document.documentElement.lang = languageOf(code).htmlLang;
}

/** Opens in the URL's language, else the stored choice, else the browser's. */
export function startLanguage(urlLang: string): LanguageSource {
  const { code, source } = chooseLanguage(urlLang, readStored(), typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
  explicit = source === 'url' || source === 'storage';
  void i18next.changeLanguage(code);
  apply(code);
  return source;
}

/** The reader's choice from the switch: remembered in this browser and written into the URL. */
export function setLanguage(code: LanguageCode): void {
  explicit = true;
  try {
    window.localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // storage blocked: the URL still carries the choice
  }
  void i18next.changeLanguage(code);
  apply(code);
}

export { useTranslation } from 'react-i18next';
