import { useSyncExternalStore } from 'react';

/**
 * Routes live in the URL's hash (`#/kl`), so a deep link works from any static host and any
 * base path, a reload keeps the page, and the query string stays free for the settings.
 */
export const HOME_ID = 'intro';

/** The section id a hash names; '' for the home screen. Tolerates `#kl`, `#/kl/`, `#/KL`. */
export function idFromHash(hash: string): string {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const first = path.split('/')[0] ?? '';
  try {
    return decodeURIComponent(first).toLowerCase();
  } catch {
    return '';
  }
}

/** The href of a section; relative to the current document, so path and query are kept. */
export function hrefFor(id: string): string {
  return id === HOME_ID ? '#/' : `#/${id}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The id in the current URL's hash, re-read on every hash change. */
export function useHashId(): string {
  return useSyncExternalStore(subscribe, () => idFromHash(window.location.hash), () => '');
}
