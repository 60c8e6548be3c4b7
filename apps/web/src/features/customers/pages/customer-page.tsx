import { PlaceholderPage } from '../../../components/placeholder-page';

export function CustomerPage() {
  return <PlaceholderPage title="Customer" feature="Customer details and Working Time" />;
}
