// @vitest-environment jsdom
import { PosteriorPage } from '../../src/pages/PosteriorPage';
import { ReparamPage } from '../../src/pages/ReparamPage';
import { TransformPage } from '../../src/pages/TransformPage';
import { PosteriorPage as ZhPosteriorPage } from '../../src/pages/zh/PosteriorPage';
import { ReparamPage as ZhReparamPage } from '../../src/pages/zh/ReparamPage';
import { TransformPage as ZhTransformPage } from '../../src/pages/zh/TransformPage';
import { describeTranslations, pageRenderer } from './zhPageHarness';

describeTranslations(pageRenderer(), [
  ['TransformPage', TransformPage, ZhTransformPage],
  ['PosteriorPage', PosteriorPage, ZhPosteriorPage],
  ['ReparamPage', ReparamPage, ZhReparamPage],
]);
