import { PlaceholderPage } from '../../../components/placeholder-page';

export function DiaryUserPage() {
  return <PlaceholderPage title="Work diary" feature="One user's month, day by day" />;
}
