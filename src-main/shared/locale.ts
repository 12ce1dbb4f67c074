/**
 * The app's locale, handed from main to the window: main adds it to the page's address as
 * `?locale=en-GB` (from Electron's app.getLocale()), and the window writes every date and time
 * in it (src-renderer/src/local-clock.ts). The query is ignored by the page check (samePage) and
 * by the app scheme's file handler.
 */

/** The parameter's name in the page's address. */
export const LOCALE_PARAMETER = 'locale';

/**
 * The locale as a canonical BCP 47 tag ("en-gb" → "en-GB"), or undefined when it is empty or not a
 * valid tag (Intl.getCanonicalLocales throws a RangeError then; nothing else is thrown).
 */
export function canonicalLocale(locale: string | null | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

/** `pageUrl` with the app's locale added as `?locale=…` (unchanged when the locale is not valid). */
export function pageUrlWithLocale(pageUrl: string, locale: string | undefined): string {
  const tag = canonicalLocale(locale);
  if (tag === undefined) return pageUrl;
  const url = new URL(pageUrl);
  url.searchParams.set(LOCALE_PARAMETER, tag);
  return url.href;
}

/** The locale main passed in the page's query string (`location.search`), or undefined. */
export function localeFromSearch(search: string): string | undefined {
  return canonicalLocale(new URLSearchParams(search).get(LOCALE_PARAMETER));
}
