import { addDays, dayBounds, today as todayIn, type ReportShare } from '@workdiary/shared';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { Modal } from '../../../components/modal';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';
import { serverNow } from '../../../lib/server-clock';
import { useCreateShare, useEndShare, useReportShares } from '../api/reports';
import { groupName } from '../lib/report-labels';
import type { ReportRequest } from '../lib/report-view';
import { rangeLabel } from './report-body';

export type ShareDialogProps = {
  open: boolean;
  onClose: () => void;
  request: ReportRequest;
  /** What the report shows, for the dialog's description ("01 Nov – 30 Nov 2026 by Customer / Person"). */
  summary: string;
};

/** How long a new link lasts unless changed; the server allows up to a year. */
const DEFAULT_DAYS = 30;
const MAX_DAYS = 365;

export function ShareDialog(props: ShareDialogProps) {
  if (!props.open) return null;
  return <ShareDialogBody {...props} />;
}

function ShareDialogBody({ onClose, request, summary }: ShareDialogProps) {
  const format = useFormat();
  const formId = useId();
  const urlRef = useRef<HTMLInputElement>(null);
  const today = todayIn(format.timeZone, new Date(serverNow()));
  const [expiresOn, setExpiresOn] = useState(addDays(today, DEFAULT_DAYS));
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const create = useCreateShare();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expiresOn) || expiresOn < today || expiresOn > addDays(today, MAX_DAYS)) {
      setError(t('Choose a day from today to a year ahead.'));
      return;
    }
    // The link works through the whole chosen day, in the organisation's zone.
    const expiresAt = new Date(dayBounds(expiresOn, format.timeZone).end.getTime() - 1000).toISOString();
    create.mutate({ query: request, expiresAt }, {
      onSuccess: (created) => {
        setLink(new URL(created.url, window.location.origin).href);
        setError(null);
      },
      onError: (e) => setError(getErrorMessage(e)),
    });
  }

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      toast.success(t('Link copied'));
    } catch {
      // No clipboard access (an old browser, a denied permission): the selected text can be copied by hand.
      urlRef.current?.select();
      toast.info(t('Select the link and copy it yourself.'));
    }
  }

  return (
    <Modal
      open
      size="lg"
      title={t('Share this report')}
      onClose={() => { if (!create.isPending) onClose(); }}
      footer={<Button onClick={onClose} disabled={create.isPending}>{t('Close')}</Button>}
    >
      <div className="stack">
        {/* In the body, not the dialog's description: a long description pushes the close button onto a line of its own on a phone. */}
        <p className="share-intro">{t('Anyone with the link sees this report ({summary}) without signing in, read-only, until the link expires or you end it.', { summary })}</p>
        <form id={formId} className="share-form" onSubmit={submit} noValidate>
          <TextField
            label={t('Link expires after')}
            type="date"
            min={today}
            max={addDays(today, MAX_DAYS)}
            value={expiresOn}
            onChange={(e) => { setExpiresOn(e.target.value); setError(null); }}
            error={error}
            required
          />
          <Button type="submit" variant="primary" loading={create.isPending} loadingText={t('Creating…')}>{t('Create link')}</Button>
        </form>
        {link ? (
          <div className="share-link" role="status">
            <TextField
              ref={urlRef}
              label={t('Link to this report')}
              value={link}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              hint={t('Copy it now: for safety it is not shown again.')}
            />
            <Button onClick={() => void copy()}>{t('Copy link')}</Button>
          </div>
        ) : null}
        <ActiveShares />
      </div>
    </Modal>
  );
}

function ActiveShares() {
  const shares = useReportShares();
  const end = useEndShare();
  const format = useFormat();
  const [ending, setEnding] = useState<string | null>(null);
  const describe = (s: ReportShare) => `${rangeLabel(s.query.from, s.query.to)} · ${s.query.groupBy.map(groupName).join(' / ')}`;

  let body;
  if (shares.isPending) body = <Spinner label={t('Loading your links…')} />;
  else if (shares.isError) body = <ErrorState error={shares.error} title={t('Could not load your links')} onRetry={() => void shares.refetch()} retrying={shares.isFetching} />;
  else if (shares.data.length === 0) body = <p className="muted">{t('You have no active links.')}</p>;
  else {
    body = (
      <ul className="share-list">
        {shares.data.map((s) => (
          <li key={s.id} className="share-list__item">
            <div>
              <div className="share-list__what">{describe(s)}</div>
              <div className="share-list__when muted">{t('Valid until {date}', { date: format.dateTime(s.expiresAt) })}</div>
            </div>
            <Button
              size="sm"
              variant="danger"
              aria-label={t('End the link for {what}', { what: describe(s) })}
              loading={ending === s.id}
              loadingText={t('Ending…')}
              disabled={ending !== null}
              onClick={() => {
                setEnding(s.id);
                end.mutate(s.id, {
                  onSuccess: () => toast.success(t('The link has ended.')),
                  onError: (e) => toast.error(e),
                  onSettled: () => setEnding(null),
                });
              }}
            >
              {t('End')}
            </Button>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <section className="share-active" aria-labelledby="share-active-title">
      <h3 id="share-active-title" className="share-active__title">{t('Your active links')}</h3>
      {body}
    </section>
  );
}
