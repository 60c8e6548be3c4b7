import { Link } from 'react-router';
import { StatusPage } from './status-page';

export function NotFound({ message }: { message?: string }) {
  return (
    <StatusPage
      code="404"
      title="Page not found"
      message={<p>{message ?? 'The page you asked for does not exist or has moved.'}</p>}
      actions={<Link className="btn btn--secondary" to="/customers">Go to Customers</Link>}
    />
  );
}
