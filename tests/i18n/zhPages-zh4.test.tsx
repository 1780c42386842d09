// @vitest-environment jsdom
import { ElboPage } from '../../src/pages/ElboPage';
import { ElboPage as ZhElboPage } from '../../src/pages/zh/ElboPage';
import { describeTranslations, pageRenderer } from './zhPageHarness';

describeTranslations(pageRenderer(), [['ElboPage', ElboPage, ZhElboPage]], { paragraphsAndAnchors: true });
