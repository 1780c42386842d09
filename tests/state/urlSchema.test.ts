import { describe, expect, it } from 'vitest';
import { i18n } from '../../src/i18n';
import { noticeText } from '../../src/i18n/notices';
import { readFileSync } from 'node:fs';
import { BETA_MAX, defaultSettings, isDecimalText, parseSettings, serializeSettings } from '../../src/state/urlSchema';

const inEnglish = (search: string) => parseSettings(search).notices.map((n) => noticeText(i18n.getFixedT('en'), n));
const inChinese = (search: string) => parseSettings(search).notices.map((n) => noticeText(i18n.getFixedT('zh'), n));

describe('URL settings', () => {
  it('reads valid values and round-trips them', () => {
    const { settings, notices } = parseSettings('?beta=4.5&latent=8&lr=0.003&batch=64&recon=mse&reduce=mean&backend=wasm');
    expect(notices).toEqual([]);
    expect(settings).toMatchObject({ klWeight: 4.5, latentDim: 8, learningRate: 0.003, batchSize: 64, reconLoss: 'mse', reconReduction: 'mean', backend: 'wasm' });
    expect(parseSettings(serializeSettings(settings)).settings).toEqual(settings);
  });

  it('falls back to defaults with a notice for malformed, out-of-range or hostile values', () => {
    const hostile = [
      'beta=NaN', 'beta=Infinity', 'lr=1e308', 'batch=-5', 'latent=2.5', 'latent=0x10',
      'hidden=<script>alert(1)</script>', 'backend=javascript:alert(1)', 'beta=', 'seed=1e400',
      'lang=xx', 'lang=zh-CN', 'lang=',
    ];
    for (const h of hostile) {
      const { settings, notices } = parseSettings(`?${h}`);
      expect(settings, h).toEqual(defaultSettings());
      expect(notices.length, h).toBe(1);
    }
    expect(inEnglish('?beta=NaN')[0]).toBe('Ignored beta=NaN: beta must be a number from 0 to 100.');
    expect(inEnglish('?latent=2.5')[0]).toBe('Ignored latent=2.5: latent size must be a whole number from 2 to 16.');
    // The echoed value is cut short, so a long payload cannot flood the page.
    expect(inEnglish(`?hidden=${'9'.repeat(500)}`)[0]!.length).toBeLessThan(120);
  });

  it('words its notices in the reader\'s language; the URL keys stay as written', () => {
    expect(inChinese('?beta=NaN')[0]).toBe('已忽略 beta=NaN：β（KL 项的权重）必须是 0 到 100 之间的数。');
    expect(inChinese('?lang=fr')[0]).toBe('已忽略 lang=fr：界面语言只能是 auto, en, zh 之一。');
  });

  it('takes lang=en|zh|auto, leaves the automatic choice out of the URL, and refuses anything else', () => {
    expect(parseSettings('?lang=zh').settings.lang).toBe('zh');
    expect(parseSettings('?lang=en').settings.lang).toBe('en');
    expect(parseSettings('').settings.lang).toBe('auto');
    expect(serializeSettings({ ...defaultSettings(), lang: 'zh' })).toBe('?lang=zh');
    expect(serializeSettings({ ...defaultSettings(), lang: 'auto' })).toBe('');
    const { settings, notices } = parseSettings('?lang=xx&beta=2');
    expect(settings).toMatchObject({ lang: 'auto', klWeight: 2 });
    expect(notices).toEqual([{ kind: 'badChoice', setting: 'lang', key: 'lang', value: 'xx', values: 'auto, en, zh' }]);
    expect(inEnglish('?lang=xx')[0]).toBe('Ignored lang=xx: language must be one of auto, en, zh.');
  });

  it('leaves defaults out of the URL', () => {
    expect(serializeSettings(defaultSettings())).toBe('');
  });

  it('reads the pixel setting (grey by default) and beta up to BETA_MAX', () => {
    expect(defaultSettings().pixels).toBe('grey');
    expect(parseSettings('?pixels=binarized').settings.pixels).toBe('binarized');
    expect(inEnglish('?pixels=sepia')[0]).toMatch(/pixels must be one of grey, binarized/);
    expect(serializeSettings({ ...defaultSettings(), pixels: 'binarized' })).toBe('?pixels=binarized');
    expect(parseSettings(`?beta=${BETA_MAX}`).settings.klWeight).toBe(BETA_MAX);
    expect(parseSettings(`?beta=${BETA_MAX + 1}`).notices).toHaveLength(1);
  });
});

describe('?digit', () => {
  it('picks a test digit 0-9,999 and rejects anything else with a notice', () => {
    expect(parseSettings('?digit=42').settings.digit).toBe(42);
    expect(parseSettings('?digit=9999').settings.digit).toBe(9999);
    expect(parseSettings('').settings.digit).toBe(-1);
    for (const bad of ['-1', '10000', '3.5', 'seven', '']) {
      const { settings } = parseSettings(`?digit=${bad}`);
      expect(settings.digit, bad).toBe(-1);
      expect(inEnglish(`?digit=${bad}`)[0], bad).toMatch(/Ignored digit=.*test digit must be a whole number from 0 to 9999/);
    }
    expect(serializeSettings({ ...defaultSettings(), digit: 7 })).toBe('?digit=7');
  });
});

describe('URL numbers and repeated keys (issue 12, item 11)', () => {
  // The pattern the URL used before: it backtracked quadratically on a long run of digits.
  const OLD = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

  it('accepts exactly the numbers the old pattern accepted (every string of up to 5 characters)', () => {
    const alphabet = ['0', '7', '.', 'e', 'E', '-', '+', 'x'];
    let strings = [''];
    let checked = 0;
    for (let len = 1; len <= 5; len++) {
      strings = strings.flatMap((s) => alphabet.map((c) => s + c));
      for (const s of strings) {
        if (isDecimalText(s) !== OLD.test(s)) expect.fail(`"${s}": old ${OLD.test(s)}, new ${isDecimalText(s)}`);
        checked++;
      }
    }
    expect(checked).toBe(37448);
  });

  it('rejects 100,000 digits and an "x" by reading each character once (no backtracking pattern left)', () => {
    const hostile = `?lr=${'1'.repeat(100_000)}x`;
    const { settings, notices } = parseSettings(hostile);
    expect(settings.learningRate).toBe(defaultSettings().learningRate);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.value.length).toBeLessThanOrEqual(25);
    // The check is an automaton, not a regular expression: urlSchema.ts holds no pattern that could backtrack.
    const source = readFileSync(new URL('../../src/state/urlSchema.ts', import.meta.url), 'utf8');
    expect(source.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')).not.toMatch(/\.test\(|new RegExp|\.match\(/);
  });

  it('gives a repeated key a notice and keeps the default, whichever value came first', () => {
    for (const search of ['?lr=0.003&lr=0.1', '?beta=2&beta=2', '?pixels=binarized&pixels=grey', '?lang=zh&lang=en']) {
      const { settings, notices } = parseSettings(search);
      expect(settings, search).toEqual(defaultSettings());
      expect(notices.map((n) => n.kind), search).toEqual(['repeated']);
    }
    expect(inEnglish('?lr=0.003&lr=0.1&lr=1')).toEqual(['Ignored lr: the link gives it 3 times, so learning rate keeps its default.']);
    expect(inChinese('?lr=0.003&lr=0.1')).toEqual(['已忽略 lr：链接中给了它 2 次，因此学习率保持默认值。']);
  });
});
