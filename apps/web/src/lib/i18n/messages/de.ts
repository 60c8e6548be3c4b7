import type { Catalog } from '../catalogs';

/** German. Keys are the English messages (ICU); keep placeholders and plural forms in step. */
export const de: Catalog = {
};
