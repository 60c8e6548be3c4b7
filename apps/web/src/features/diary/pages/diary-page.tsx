import { PlaceholderPage } from '../../../components/placeholder-page';

export function DiaryPage() {
  return <PlaceholderPage title="Work diary" />;
}
