import { useEffect } from 'react';

/** Sets the tab title to "<title> · Workdiary" while the calling component is mounted. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (!title) return;
    const previous = document.title;
    document.title = `${title} · Workdiary`;
    return () => {
      document.title = previous;
    };
  }, [title]);
}
