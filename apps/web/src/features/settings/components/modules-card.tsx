import { Card } from '../../../components/card';
import { Switch } from '../../../components/checkbox';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useModules, useSaveModules } from '../api/modules';
import { translate as t } from '../../../lib/i18n/i18n';

/** Modules: the Client Timer switch (the header's Start Work / Stop work and live counter). */
export function ModulesCard() {
  const modules = useModules();
  const save = useSaveModules();

  return (
    <Card title={t('Modules')} className="settings-card">
      {modules.isPending ? (
        <Spinner label={t('Loading the modules…')} />
      ) : modules.isError ? (
        <ErrorState error={modules.error} title={t('Could not load the modules')} onRetry={() => void modules.refetch()} retrying={modules.isFetching} />
      ) : (
        <>
          <Switch
            label={t('Client Timer')}
            checked={save.isPending && save.variables ? save.variables.clientTimer : modules.data.clientTimer}
            disabled={save.isPending}
            description={t('Start Work / Stop work and the live Entry Time counter in everyone\'s header. When off, nobody can start a timer; manual entries and the diary keep working.')}
            onChange={(clientTimer) => save.mutate({ clientTimer }, {
              onSuccess: (m) => toast.success(m.clientTimer ? t('The Client Timer is on.') : t('The Client Timer is off.')),
            })}
          />
          {save.isError ? <p className="form-alert" role="alert">{getErrorMessage(save.error)}</p> : null}
        </>
      )}
    </Card>
  );
}
