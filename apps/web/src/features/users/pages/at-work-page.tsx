import { Badge } from '../../../components/badge';
import { Card } from '../../../components/card';
import { PageHeader } from '../../../components/page-header';
import { useCurrentUser } from '../../../lib/current-user';
import { useAtWork } from '../api/at-work';
import { AtWorkTable } from '../components/at-work-table';

/** Who is at work now (managers, admins): live, with Stop for a forgotten timer. */
export function AtWorkPage() {
  const me = useCurrentUser();
  const atWork = useAtWork();
  const count = atWork.data?.length;
  return (
    <>
      <PageHeader
        title="At work now"
        subtitle="Everyone whose timer is running. Updates live as people start and stop."
        actions={count === undefined ? null : <Badge tone={count > 0 ? 'success' : 'neutral'} dot={count > 0 ? 'pulse' : false}>{count} at work</Badge>}
      />
      <Card flush>
        <AtWorkTable
          items={atWork.data}
          timeZone={me.organization.timeZone}
          loading={atWork.isPending}
          error={atWork.error}
          onRetry={() => void atWork.refetch()}
        />
      </Card>
    </>
  );
}
