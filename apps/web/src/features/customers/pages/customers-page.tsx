import { PlaceholderPage } from '../../../components/placeholder-page';

export function CustomersPage() {
  return <PlaceholderPage title="Customers" />;
}
