import { useState, type FormEvent } from 'react';
import { WEBHOOK_EVENTS, type WebhookEvent } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Checkbox } from '../../../components/checkbox';
import { TextField } from '../../../components/text-field';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { useCreateWebhook } from '../api/webhooks';
import { useEventLabel } from './event-labels';

/** Adds a webhook: its URL and the events it receives; then shows the signing secret once. */
export function WebhookForm() {
  const t = useT();
  const eventLabel = useEventLabel();
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS]);
  const [errors, setErrors] = useState<{ url?: string; events?: string; form?: string }>({});
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    const next: typeof errors = {};
    if (!/^https?:\/\/\S+$/i.test(url.trim())) next.url = t('Enter an http:// or https:// URL');
    if (events.length === 0) next.events = t('Choose at least one event');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    create.mutate({ url: url.trim(), events }, {
      onSuccess: (created) => {
        setSecret({ url: url.trim(), secret: created.secret });
        setUrl('');
        setErrors({});
      },
      onError: (error) => {
        if (isApiError(error, 'VALIDATION_ERROR')) {
          const issues = (error.details as { issues?: Array<{ path?: string; message?: string }> } | undefined)?.issues ?? [];
          const first = issues[0];
          setErrors(first?.path === 'events' ? { events: first.message } : { url: first?.message ?? getErrorMessage(error) });
        } else if (isApiError(error, 'WEBHOOK_TARGET_PRIVATE') || isApiError(error, 'WEBHOOK_TARGET_UNRESOLVED')) {
          setErrors({ url: getErrorMessage(error) });
        } else {
          setErrors({ form: getErrorMessage(error) });
        }
      },
    });
  }

  const toggle = (e: WebhookEvent, on: boolean) => setEvents((list) => (on ? WEBHOOK_EVENTS.filter((x) => x === e || list.includes(x)) : list.filter((x) => x !== e)));

  return (
    <Card title={t('Add a webhook')} className="settings-card">
      <form className="stack" onSubmit={submit} noValidate aria-label={t('Add a webhook')}>
        <p className="settings-card__text">{t('Workdiary sends a signed POST request to this URL whenever one of the chosen events happens in your organisation.')}</p>
        {errors.form ? <div className="form-alert" role="alert">{errors.form}</div> : null}
        <TextField
          label={t('Payload URL')}
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://example.com/hooks/workdiary"
          maxLength={2000}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={errors.url}
        />
        <fieldset className="webhook-events">
          <legend className="field__label">{t('Events')}</legend>
          <div className="webhook-events__grid">
            {WEBHOOK_EVENTS.map((e) => (
              <Checkbox key={e} label={eventLabel(e)} hint={<code>{e}</code>} checked={events.includes(e)} onChange={(ev) => toggle(e, ev.target.checked)} />
            ))}
          </div>
          {errors.events ? <p className="field__error" role="alert">{errors.events}</p> : null}
        </fieldset>
        <Button type="submit" variant="primary" loading={create.isPending}>{t('Add webhook')}</Button>
      </form>
      {secret ? (
        <div className="webhook-secret" role="status">
          <p><strong>{t('Webhook added. Copy its signing secret now: it is not shown again.')}</strong></p>
          <p className="muted">{secret.url}</p>
          <code className="webhook-secret__value" data-testid="webhook-secret">{secret.secret}</code>
          <div className="webhook-secret__actions">
            <Button size="sm" onClick={() => void navigator.clipboard?.writeText(secret.secret)}>{t('Copy')}</Button>
            <Button size="sm" variant="ghost" onClick={() => setSecret(null)}>{t('Done')}</Button>
          </div>
        </div>
      ) : null}
    </Card>
  );
}
