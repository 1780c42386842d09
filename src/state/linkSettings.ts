/**
 * Which URL settings describe the model a link promises (its shape, training settings, loss and
 * seed), as opposed to how this browser runs it (backend, threads, language, picked digit). A URL
 * naming any of them is a link to reproduce, and must win over a restored save.
 */
import { parseSettings, URL_PROPS, type UrlSettingName, type UrlSettings } from './urlSchema';

/** Every setting the schema scopes to the model or its training: the page-only ones are left out. */
export const MODEL_URL_SETTINGS: readonly UrlSettingName[] = (Object.keys(URL_PROPS) as UrlSettingName[])
  .filter((name) => URL_PROPS[name].scope !== 'page');

/** True when the query string sets at least one model setting to a value the app accepts. */
export function urlNamesModel(search: string): boolean {
  const params = new URLSearchParams(search);
  const { notices } = parseSettings(search);
  return MODEL_URL_SETTINGS.some((name) => params.has(URL_PROPS[name].key) && !notices.some((n) => n.setting === name));
}

/** The model settings as one comparable string (defaults included, so `?latent=2` equals no key). */
export function canonicalModelSettings(settings: Partial<UrlSettings>): string {
  return JSON.stringify(MODEL_URL_SETTINGS.map((name) => settings[name] ?? URL_PROPS[name].def));
}
