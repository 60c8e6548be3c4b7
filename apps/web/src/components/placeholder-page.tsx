import { Card } from './card';
import { PageHeader } from './page-header';
import { translate as t } from '../lib/i18n/i18n';

export type PlaceholderPageProps = {
  /** The page's title (h1). */
  title: string;
  /** The feature named in the notice; defaults to the title. */
  feature?: string;
};

/** An honest stand-in for a page that a later release fills in. */
export function PlaceholderPage({ title, feature }: PlaceholderPageProps) {
  return (
    <>
      <PageHeader title={title} />
      <Card title={title}>
        <p className="muted">{feature ?? title} {t('— coming in a later release')}</p>
      </Card>
    </>
  );
}
