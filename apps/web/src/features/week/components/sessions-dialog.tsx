import { localTimeOf, type WorkEntry } from '@workdiary/shared';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { useT } from '../../../lib/i18n/i18n';
import { clock, minutesOf, type WeekRow } from '../lib/week';

/** A cell's sessions, listed, with the way to the day where each can be edited. */
export function SessionsDialog({ row, date, sessions, tz, userId, dayLabel, now, onClose }: {
  row: WeekRow; date: string; sessions: WorkEntry[]; tz: string; userId: string; dayLabel: (d: string) => string; now: number; onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal open title={`${row.customer.name} · ${row.category.name}`} description={dayLabel(date)} onClose={onClose}
      footer={<Button variant="ghost" onClick={onClose}>{t('Close')}</Button>}>
      <p>{t('This day holds several sessions, a timer session or part of one over midnight: edit them one by one in the day.')}</p>
      <ul className="week-sessions">
        {sessions.map((s) => (
          <li key={s.id}>
            <span>{localTimeOf(new Date(s.startedAt), tz)}–{s.stoppedAt ? localTimeOf(new Date(s.stoppedAt), tz) : t('running')}</span>
            <span>{clock(minutesOf(s, now)).replace(/^0/, '')}</span>
            <span className="week-sessions__note">{s.note}</span>
          </li>
        ))}
      </ul>
      <Link to={`/diary/${encodeURIComponent(userId)}?month=${date.slice(0, 7)}`}>{t('Open the day in My month')}</Link>
    </Modal>
  );
}
