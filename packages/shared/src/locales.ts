// No zod here: the web app's first load (the sign-in page) needs the locales but not the schemas
// (bench/first-load.ts); the package is `sideEffects: false`, so importing these pulls in no schema.

/**
 * The formatting locales Workdiary offers (BCP 47). The language part picks the UI translation
 * (en, de); the region part the number/date conventions (e.g. de-CH groups with ’).
 */
export const LOCALES = ['en-GB', 'en-US', 'de-DE', 'de-AT', 'de-CH'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en-GB';
