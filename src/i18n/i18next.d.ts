import 'i18next';
import type { Resources } from './en';

// Typed keys: t('app.nope') or a key missing from a language's file fails tsc.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources };
  }
}
