import { instrumentsEn } from './strings/instruments.en';
import { panelEn } from './strings/panel.en';
import type { SettingName } from '../settings/schema';
import { figuresEn } from './strings/figures.en';

/**
 * VAE Lab's interface strings in English: the shell, the contents, the notices. Its shape is the
 * type every other language's file must match key for key (tsc says which are missing or extra).
 * Article prose is not here: a page's long text lives in its page component (src/pages/, one per
 * language), where the math and the figures sit beside it.
 */
export const en = {
  app: {
    skipLink: 'Skip to content',
    tagline: 'A variational autoencoder, trained live on MNIST in your browser.',
    menuOpen: 'Contents',
    menuClose: 'Close',
    titleHome: 'VAE Lab — train a variational autoencoder in your browser',
    titlePage: '{{title}} · VAE Lab',
    kicker: 'Section {{number}} of {{count}}',
    missingSection: 'There is no section called “{{id}}”; here is the start instead.',
    tocLabel: 'Sections',
    prevNextLabel: 'Previous and next section',
    previous: '← Previous',
    next: 'Next →',
  },
  language: {
    groupLabel: 'Language',
    switchTo: 'Language: English. Switch to {{name}}',
  },
  status: {
    /** Between "Main model" and its state. */
    colon: ': ',
    mainModel: 'Main model',
    loading: 'loading MNIST…',
    error: 'stopped (error)',
    training: 'training',
    paused: 'paused',
    notStarted: 'not started',
    step: 'step {{step}}',
    loss: 'loss {{loss}} {{unit}}',
    pause: 'Pause',
    resume: 'Resume',
    train: 'Train',
  },
  load: {
    label: 'Loading MNIST ({{train}} training + {{test}} test digits): {{progress}}',
    progress: '{{loaded}} of {{total}} MB',
    starting: 'starting…',
    failedFile: 'The MNIST download failed at {{file}}: {{reason}}. The files that arrived are kept; retry fetches the rest.',
    failed: 'The MNIST download failed: {{reason}}. The files that arrived are kept; retry fetches the rest.',
    retry: 'Retry',
  },
  banner: {
    dismiss: 'dismiss',
    crashed: 'The training worker stopped and cannot go on (it reported: {{reason}}). The model it was training is gone from memory.',
    crashSaved: 'This model was last saved in this browser at {{time}}.',
    crashRestart: 'A restart starts a new worker and loads the newest save in this browser; with no save, it begins a new model with the same settings.',
    restart: 'Restart from the last save',
    stalled: 'The training worker has not answered for {{seconds}} s (a read from the GPU may be stuck); the page shows the settings it last confirmed. A restart loads the newest save in this browser; training since that save is lost.',
  },
  urlNotice: {
    badChoice: 'Ignored {{key}}={{value}}: {{label}} must be one of {{values}}.',
    badNumber: 'Ignored {{key}}={{value}}: {{label}} must be a number from {{min}} to {{max}}.',
    badWholeNumber: 'Ignored {{key}}={{value}}: {{label}} must be a whole number from {{min}} to {{max}}.',
    repeated: 'Ignored {{key}}: the link gives it {{count}} times, so {{label}} keeps its default.',
  },
  /** The settings' names as notices show them (src/settings/schema.ts names each setting's key). */
  setting: {
    backend: 'backend',
    latentDim: 'latent size',
    hiddenDim: 'hidden size',
    learningRate: 'learning rate',
    batchSize: 'batch size',
    klWeight: 'beta',
    reconLoss: 'reconstruction loss',
    reconReduction: 'pixel reduction',
    pixels: 'pixels',
    seed: 'seed',
    wasmThreads: 'wasm threads',
    lang: 'language',
    digit: 'test digit',
  } satisfies Record<SettingName, string>,
  instruments: instrumentsEn,
  sections: {
    intro: {
      title: 'Start here',
      summary: 'How to use VAE Lab, and where the VAE sits among generative models.',
    },
    transform: {
      title: 'Distribution transform',
      summary: 'Generating data by pushing simple noise through a learned function.',
    },
    posterior: {
      title: 'A posterior per sample',
      summary: 'Each digit gets its own normal distribution over codes.',
    },
    kl: {
      title: 'The KL regularizer',
      summary: 'Why the codes are pulled toward N(0, I), and what β does.',
    },
    reparam: {
      title: 'The reparameterization trick',
      summary: 'Moving the randomness out of the gradient’s way.',
    },
    essence: {
      title: 'What a VAE is underneath',
      summary: 'An autoencoder with noise it tunes itself: a tug of war.',
    },
    'why-normal': {
      title: 'Why a normal posterior',
      summary: 'KL divergence is infinite wherever one density is zero.',
    },
    elbo: {
      title: 'Where the “variational” is',
      summary: 'The evidence lower bound, and forward versus reverse KL.',
    },
    cvae: {
      title: 'Conditional VAE',
      summary: 'One prior mean per class, so you can ask for a digit.',
    },
  },
  panel: panelEn,
  figures: figuresEn,
};

export type Resources = typeof en;
/** A section's route id; every language names each one (see src/content/sections.ts). */
export type SectionId = keyof Resources['sections'];
