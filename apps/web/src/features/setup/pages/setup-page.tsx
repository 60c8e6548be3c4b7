import { Card } from '../../../components/card';
import { useDocumentTitle } from '../../../lib/use-document-title';

/** First-run setup (outside the signed-in app). */
export function SetupPage() {
  useDocumentTitle('Set up Workdiary');
  return (
    <main className="auth-page">
      <div className="auth-card">
        <Card title="Set up Workdiary">
          <p className="muted">Organisation setup — coming in a later release</p>
        </Card>
      </div>
    </main>
  );
}
