import { createIntl, createIntlCache, IntlContext, RawIntlProvider, type IntlShape } from 'react-intl';
import { use, useEffect, useState, type ReactNode } from 'react';
import type { Locale } from '@workdiary/shared';
import { cachedCatalog, loadCatalog, type Catalog } from './catalogs';
import { activeLocale, languageOf, useLocaleStore } from './locale-store';

type Values = Record<string, string | number | Date | ReactNode | ((chunks: ReactNode[]) => ReactNode)>;
/** Translates an English ICU message (`'{count, plural, one {# entry} other {# entries}}'`). */
export type Translate = {
  (message: string, values?: Record<string, string | number | Date>): string;
  rich: (message: string, values: Values) => ReactNode;
};

const cache = createIntlCache();

function makeIntl(locale: Locale, messages: Catalog): IntlShape {
  return createIntl({
    locale,
    messages,
    // English messages are their own ids; a missing German one falls back to English silently.
    onError: () => {},
  }, cache);
}

let current: IntlShape = makeIntl(activeLocale(), cachedCatalog(languageOf(activeLocale())) ?? {});

function translator(intl: IntlShape): Translate {
  const t = ((message: string, values?: Record<string, string | number | Date>) =>
    intl.formatMessage({ id: message, defaultMessage: message }, values)) as Translate;
  t.rich = (message, values) => intl.formatMessage({ id: message, defaultMessage: message }, values as never) as ReactNode;
  return t;
}

/** For code outside components (error messages, labels in helpers): the active language. */
export const translate: Translate = ((message: string, values?: Record<string, string | number | Date>) =>
  translator(current)(message, values)) as Translate;
translate.rich = (message, values) => translator(current).rich(message, values);

/** Loads the catalog of the stored locale before the first render, so the first paint is translated. */
export async function prepareI18n(): Promise<void> {
  const locale = activeLocale();
  current = makeIntl(locale, await loadCatalog(languageOf(locale)).catch(() => ({})));
  document.documentElement.lang = locale;
}

/**
 * Provides the active locale's messages. A switch keeps showing the old language until the new
 * catalog has loaded, then re-mounts the tree under it (`key`) so every formatted figure follows.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const locale = useLocaleStore((s) => s.locale);
  const [intl, setIntl] = useState<IntlShape>(current);

  useEffect(() => {
    if (intl.locale === locale) return;
    let cancelled = false;
    void loadCatalog(languageOf(locale)).catch(() => ({})).then((messages) => {
      if (cancelled) return;
      current = makeIntl(locale, messages);
      setIntl(current);
    });
    return () => { cancelled = true; };
  }, [locale, intl.locale]);

  useEffect(() => {
    document.documentElement.lang = intl.locale;
  }, [intl.locale]);

  return <RawIntlProvider key={intl.locale} value={intl}>{children}</RawIntlProvider>;
}

/** `const t = useT(); t('Start Work')`. Outside the provider (unit tests) the active language. */
export function useT(): Translate {
  return translator(use(IntlContext) ?? current);
}
