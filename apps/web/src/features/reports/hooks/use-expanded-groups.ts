import { useState } from 'react';
import type { LabelledGroup } from '../lib/report-labels';

/** Which of the report table's groups show their sub-groups; all of them can be opened or closed at once. */
export function useExpandedGroups(groups: readonly LabelledGroup[]) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const expandable = groups.filter((g) => (g.children?.length ?? 0) > 0);
  const allOpen = expandable.length > 0 && expandable.every((g) => open.has(g.key));
  const toggle = (key: string) => setOpen((current) => {
    const next = new Set(current);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });
  const toggleAll = () => setOpen(allOpen ? new Set() : new Set(expandable.map((g) => g.key)));
  return { open, toggle, expandable, allOpen, toggleAll };
}
