import type { ComponentType } from 'react';
import { CvaePage } from '../pages/CvaePage';
import { ElboPage } from '../pages/ElboPage';
import { EssencePage } from '../pages/EssencePage';
import { IntroPage } from '../pages/IntroPage';
import { KlPage } from '../pages/KlPage';
import { PosteriorPage } from '../pages/PosteriorPage';
import { ReparamPage } from '../pages/ReparamPage';
import { TransformPage } from '../pages/TransformPage';
import { WhyNormalPage } from '../pages/WhyNormalPage';
import { CvaePage as ZhCvaePage } from '../pages/zh/CvaePage';
import { ElboPage as ZhElboPage } from '../pages/zh/ElboPage';
import { EssencePage as ZhEssencePage } from '../pages/zh/EssencePage';
import { IntroPage as ZhIntroPage } from '../pages/zh/IntroPage';
import { KlPage as ZhKlPage } from '../pages/zh/KlPage';
import { PosteriorPage as ZhPosteriorPage } from '../pages/zh/PosteriorPage';
import { ReparamPage as ZhReparamPage } from '../pages/zh/ReparamPage';
import { TransformPage as ZhTransformPage } from '../pages/zh/TransformPage';
import { WhyNormalPage as ZhWhyNormalPage } from '../pages/zh/WhyNormalPage';
import type { LabName } from '../hooks/sectionLab';
import type { SectionId } from '../i18n/en';
import { SOURCE_LANGUAGE, type LanguageCode } from '../i18n/languages';
import { HOME_ID, hrefFor } from './router';

/**
 * A section's page in each language. The article's prose is long, with math and figures inline,
 * so each language gets a whole page component (src/pages/<code>/...) rather than hundreds of
 * keys; the page composes the same figures, which read the section's lab and the URL settings.
 * Until a language's page exists, the English one is shown.
 */
export type PagesByLanguage = { [K in typeof SOURCE_LANGUAGE]: ComponentType } & Partial<Record<LanguageCode, ComponentType>>;

export interface Section {
  /** The route (`#/<id>`) and the test hooks `page-<id>` and `nav-<id>`. Its title and summary
   * (one line for the contents' tooltip) are `sections.<id>.title` / `.summary` in src/i18n. */
  id: SectionId;
  page: PagesByLanguage;
  /** The model the page's figures and panel read; the shell (App.tsx) provides it, and the CVAE's
   * worker starts on the first visit to a section that names it. */
  lab: LabName;
}

/** The home screen: how to use the lab, and where the VAE sits among generative models. */
export const home: Section = { id: HOME_ID, page: { en: IntroPage, zh: ZhIntroPage }, lab: 'main' };

/** The article, in reading order. This array drives the routes, the contents and prev/next. */
export const sections: readonly Section[] = [
  { id: 'transform', page: { en: TransformPage, zh: ZhTransformPage }, lab: 'main' },
  { id: 'posterior', page: { en: PosteriorPage, zh: ZhPosteriorPage }, lab: 'main' },
  { id: 'kl', page: { en: KlPage, zh: ZhKlPage }, lab: 'main' },
  { id: 'reparam', page: { en: ReparamPage, zh: ZhReparamPage }, lab: 'main' },
  { id: 'essence', page: { en: EssencePage, zh: ZhEssencePage }, lab: 'main' },
  { id: 'why-normal', page: { en: WhyNormalPage, zh: ZhWhyNormalPage }, lab: 'main' },
  { id: 'elbo', page: { en: ElboPage, zh: ZhElboPage }, lab: 'main' },
  { id: 'cvae', page: { en: CvaePage, zh: ZhCvaePage }, lab: 'cvae' },
];

/** Every routable page: the home screen, then the sections. */
export const pages: readonly Section[] = [home, ...sections];

/** The page a route id names; an empty id is the home screen. */
export function findPage(id: string): Section | undefined {
  if (id === '') return home;
  return pages.find((p) => p.id === id);
}

/** The pages before and after one in reading order (the home screen leads into section 1). */
export function neighbours(id: string): { prev?: Section; next?: Section } {
  const i = pages.findIndex((p) => p.id === id);
  if (i < 0) return {};
  return { prev: pages[i - 1], next: pages[i + 1] };
}

/** The section's number in the article (1-based), or undefined for the home screen. */
export function sectionNumber(id: string): number | undefined {
  const i = sections.findIndex((s) => s.id === id);
  return i < 0 ? undefined : i + 1;
}

/** The page component for a language: its translation, or the English page until that lands. */
export function pageFor(section: Section, language: LanguageCode): ComponentType {
  return section.page[language] ?? section.page[SOURCE_LANGUAGE];
}

/** The language the page shown for `language` is written in (its `lang` attribute). */
export function pageLanguage(section: Section, language: LanguageCode): LanguageCode {
  return section.page[language] ? language : SOURCE_LANGUAGE;
}

/**
 * The sections a language has no page of yet (they would show in English). A test requires this
 * to be empty for every language, so a new section ships with its translations.
 */
export function sectionsWithoutPage(language: LanguageCode): SectionId[] {
  return pages.filter((p) => !p.page[language]).map((p) => p.id);
}

export { hrefFor };
