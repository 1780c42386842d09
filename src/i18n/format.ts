import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguageCode, languageOf, SOURCE_LANGUAGE } from './languages';

/**
 * Numbers and dates for the reader's language, through Intl. Formatters are cached per locale
 * and option set: building an Intl.NumberFormat costs far more than using one, and the status
 * line formats on every metrics update.
 */
const cache = new Map<string, Intl.NumberFormat>();

export interface NumberOptions {
  /** Digits after the decimal point (fixed). */
  digits?: number;
  /** Thousands separators. Off for values tests and readers copy as plain numbers. */
  grouping?: boolean;
}

export function localeOf(language: string): string {
  return languageOf(isLanguageCode(language) ? language : SOURCE_LANGUAGE).htmlLang;
}

export function formatNumber(language: string, value: number, { digits, grouping = true }: NumberOptions = {}): string {
  if (!Number.isFinite(value)) return value !== value ? 'NaN' : value > 0 ? '∞' : '−∞';
  const locale = localeOf(language);
  const id = `${locale}|${digits ?? ''}|${grouping}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      useGrouping: grouping,
      ...(digits === undefined ? { maximumFractionDigits: 6 } : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    });
    cache.set(id, f);
  }
  return f.format(value);
}

const dateCache = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(language: string, date: Date | string | number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  // Cached like the numbers: the model menu formats its save time on every metrics update.
  const locale = localeOf(language);
  const id = `${locale}|${JSON.stringify(options)}`;
  let f = dateCache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    dateCache.set(id, f);
  }
  return f.format(new Date(date));
}

/** The formatters bound to the current language; the component re-renders when it changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  // One object per language, so memos and effects that use it can list it as a dependency.
  return useMemo(() => ({
    number: (value: number, options?: NumberOptions) => formatNumber(lang, value, options),
    dateTime: (date: Date | string | number, options?: Intl.DateTimeFormatOptions) => formatDateTime(lang, date, options),
  }), [lang]);
}
