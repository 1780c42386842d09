import type { LanguageCode } from './languages';
import { en, type Resources } from './en';
import { zh } from './zh';

/** Each language's interface strings; tsc refuses a language of languages.ts without its file. */
export const RESOURCES: Record<LanguageCode, Resources> = { en, zh };
