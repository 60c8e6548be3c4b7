import { PlaceholderPage } from '../../../components/placeholder-page';

export function AtWorkPage() {
  return <PlaceholderPage title="At work" />;
}
