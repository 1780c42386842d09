// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { CvaePage } from '../../src/pages/CvaePage';
import { KlPage } from '../../src/pages/KlPage';
import { CvaePage as ZhCvaePage } from '../../src/pages/zh/CvaePage';
import { KlPage as ZhKlPage } from '../../src/pages/zh/KlPage';
import { idleLab, testLabs } from '../helpers/labs';
import { describeTranslations, pageRenderer, SPACE_INSIDE_CJK } from './zhPageHarness';

// The CVAE page reads the lab its section names; the test keeps hold of it to feed it a reading.
const cvae = idleLab({ conditional: true });
const renderPage = pageRenderer(testLabs(idleLab(), cvae));
describeTranslations(renderPage, [
  ['KlPage', KlPage, ZhKlPage],
  ['CvaePage', CvaePage, ZhCvaePage],
]);

describe('Chinese CvaePage, once the classifier has scored the reader’s model', () => {
  it('states the live accuracy in Chinese, under the same test hook as the English page', () => {
    act(() => cvae.store.setState({ classAccuracy: { step: 1500, accuracy: 0.913, perClass: Array<number>(10).fill(0.913) } }));
    const en = renderPage(CvaePage);
    const zh = renderPage(ZhCvaePage);
    expect(en.testIds).toContain('cvae-accuracy-prose');
    expect(zh.testIds).toEqual(en.testIds);
    expect(zh.text).toMatch(/你的模型此刻（原文的 CVAE，隐变量维数 2，第 1,500 步）：生成的样本中有 91\.3% 被认作生成时指定的类别。/);
    expect(zh.text.match(SPACE_INSIDE_CJK)?.[0] ?? null).toBeNull();
  });
});
