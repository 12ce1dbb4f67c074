import { describe, expect, it } from 'vitest';
import { canonicalLocale, localeFromSearch, pageUrlWithLocale } from '../../src-main/shared/locale';

describe('the app locale handed from main to the window', () => {
  it('adds the locale to the page address, canonical, and reads it back', () => {
    const url = pageUrlWithLocale('stance://app/index.html', 'en-gb');
    expect(url).toBe('stance://app/index.html?locale=en-GB');
    expect(localeFromSearch(new URL(url).search)).toBe('en-GB');
  });

  it('leaves the address alone for a missing or invalid locale, and the window falls back', () => {
    expect(pageUrlWithLocale('stance://app/index.html', '')).toBe('stance://app/index.html');
    expect(pageUrlWithLocale('stance://app/index.html', 'not a locale!')).toBe('stance://app/index.html');
    expect(localeFromSearch('?locale=%3Cscript%3E')).toBeUndefined();
    expect(localeFromSearch('')).toBeUndefined();
    expect(canonicalLocale('de-DE')).toBe('de-DE');
  });
});
