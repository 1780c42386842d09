import { describe, expect, it } from 'vitest';
import { chooseLanguage } from '../../src/i18n/chooseLanguage';
import { formatNumber } from '../../src/i18n/format';
import { languageOf } from '../../src/i18n/languages';

describe('choosing the language', () => {
  it('takes the URL first, then the stored choice, then the browser, then English', () => {
    expect(chooseLanguage('zh', 'en', ['en-US'])).toEqual({ code: 'zh', source: 'url' });
    expect(chooseLanguage('auto', 'zh', ['en-US'])).toEqual({ code: 'zh', source: 'storage' });
    expect(chooseLanguage('auto', null, ['zh-TW', 'en'])).toEqual({ code: 'zh', source: 'browser' });
    expect(chooseLanguage('auto', null, ['fr-FR', 'de'])).toEqual({ code: 'en', source: 'default' });
  });

  it('reads any zh-* as Chinese, takes the first language it speaks, and ignores junk', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-Hans-CN', 'zh-HK', 'ZH-sg']) expect(chooseLanguage('auto', null, [tag]).code, tag).toBe('zh');
    expect(chooseLanguage('auto', null, ['fr', 'en-GB', 'zh-CN']).code).toBe('en');
    expect(chooseLanguage('auto', null, ['fr', 'zh-CN', 'en']).code).toBe('zh');
    expect(chooseLanguage('auto', null, ['zhx', 'eng']).code).toBe('en');
    expect(chooseLanguage('auto', 'klingon', []).source).toBe('default');
  });

  it('gives <html lang> its codes', () => {
    expect(languageOf('en').htmlLang).toBe('en');
    expect(languageOf('zh').htmlLang).toBe('zh-CN');
  });
});

describe('formatting numbers', () => {
  it('uses the language\'s locale, with fixed digits and optional grouping', () => {
    expect(formatNumber('en', 12345.678, { digits: 1 })).toBe('12,345.7');
    expect(formatNumber('zh', 12345.678, { digits: 1 })).toBe('12,345.7');
    expect(formatNumber('en', 12345.678, { digits: 2, grouping: false })).toBe('12345.68');
    expect(formatNumber('en', -0.5, { digits: 2 })).toBe(new Intl.NumberFormat('en', { minimumFractionDigits: 2 }).format(-0.5));
    expect(formatNumber('en', Infinity)).toBe('∞');
    expect(formatNumber('en', NaN)).toBe('NaN');
  });
});
