import { LOCALES, type Locale } from '@workdiary/shared';
import { create } from 'zustand';

const STORAGE_KEY = 'wd.locale';

/** Before anyone signs in: the locale last used on this device, else the browser's language. */
function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale;
  } catch {
    // Storage blocked (private mode): fall through to the browser's language.
  }
  const browser = typeof navigator === 'undefined' ? '' : navigator.language;
  return browser.toLowerCase().startsWith('de') ? 'de-DE' : 'en-GB';
}

type LocaleState = { locale: Locale; setLocale: (locale: Locale) => void };

/**
 * The active locale of the SPA: the signed-in user's override, else the organisation's (set by
 * the auth guard), remembered on the device so the sign-in page speaks the same language.
 */
export const useLocaleStore = create<LocaleState>((set) => ({
  locale: initialLocale(),
  setLocale: (locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Not remembered across visits; this visit still switches.
    }
    set({ locale });
  },
}));

/** The active locale outside React (formatters, error messages). */
export const activeLocale = (): Locale => useLocaleStore.getState().locale;

/** The UI language of a locale: 'de-AT' → 'de'. */
export const languageOf = (locale: string): 'en' | 'de' => (locale.toLowerCase().startsWith('de') ? 'de' : 'en');
