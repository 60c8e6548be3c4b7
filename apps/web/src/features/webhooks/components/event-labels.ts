import { useT } from '../../../lib/i18n/i18n';

/** A webhook event's name for people (the wire name is shown beside it). */
export function useEventLabel(): (type: string) => string {
  const t = useT();
  return (type) => {
    switch (type) {
      case 'timer.started': return t('Timer started');
      case 'timer.stopped': return t('Timer stopped');
      case 'entry.created': return t('Entry created');
      case 'entry.updated': return t('Entry changed');
      case 'entry.deleted': return t('Entry deleted');
      case 'month.approved': return t('Month approved');
      case 'month.reopened': return t('Month reopened');
      case 'webhook.test': return t('Test event');
      default: return type;
    }
  };
}
