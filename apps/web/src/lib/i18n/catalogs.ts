/**
 * Message catalogs. English is the source language: every message's id IS its English text (an
 * ICU message), so English needs no catalog and a string another branch adds untranslated still
 * reads correctly. Other languages are their own chunk, loaded only when that language is used.
 */
export type Catalog = Readonly<Record<string, string>>;

const loaded = new Map<string, Catalog>([['en', {}]]);

export async function loadCatalog(language: 'en' | 'de'): Promise<Catalog> {
  const cached = loaded.get(language);
  if (cached) return cached;
  const catalog = (await import('./messages/de')).de;
  loaded.set(language, catalog);
  return catalog;
}

/** The catalog when it is already in memory (no flash of English after the first load). */
export const cachedCatalog = (language: string): Catalog | undefined => loaded.get(language);
