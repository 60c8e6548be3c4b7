import { Card } from './card';
import { PageHeader } from './page-header';

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
        <p className="muted">{feature ?? title} — coming in a later release</p>
      </Card>
    </>
  );
}
