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
import { HOME_ID, hrefFor } from './router';

export interface Section {
  /** The route (`#/<id>`) and the test hooks `page-<id>` and `nav-<id>`. */
  id: string;
  title: string;
  /** One line for the table of contents' tooltip and the home screen's list. */
  summary: string;
  page: ComponentType;
}

/** The home screen: how to use the lab, and where the VAE sits among generative models. */
export const home: Section = {
  id: HOME_ID,
  title: 'Start here',
  summary: 'How to use VAE Lab, and where the VAE sits among generative models.',
  page: IntroPage,
};

/** The article, in reading order. This array drives the routes, the contents and prev/next. */
export const sections: readonly Section[] = [
  { id: 'transform', title: 'Distribution transform', summary: 'Generating data by pushing simple noise through a learned function.', page: TransformPage },
  { id: 'posterior', title: 'A posterior per sample', summary: 'Each digit gets its own normal distribution over codes.', page: PosteriorPage },
  { id: 'kl', title: 'The KL regularizer', summary: 'Why the codes are pulled toward N(0, I), and what β does.', page: KlPage },
  { id: 'reparam', title: 'The reparameterization trick', summary: 'Moving the randomness out of the gradient’s way.', page: ReparamPage },
  { id: 'essence', title: 'What a VAE is underneath', summary: 'An autoencoder with noise it tunes itself: a tug of war.', page: EssencePage },
  { id: 'why-normal', title: 'Why a normal posterior', summary: 'KL divergence is infinite wherever one density is zero.', page: WhyNormalPage },
  { id: 'elbo', title: 'Where the “variational” is', summary: 'The evidence lower bound, and forward versus reverse KL.', page: ElboPage },
  { id: 'cvae', title: 'Conditional VAE', summary: 'One prior mean per class, so you can ask for a digit.', page: CvaePage },
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

export { hrefFor };
