import { useAnnouncement } from '../lib/announce';

/** The polite live region the timer speaks through (mounted once, in the header). */
export function TimerAnnouncer() {
  const { message, seq } = useAnnouncement();
  // The key re-creates the text node so the same sentence twice is announced twice.
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      <span key={seq}>{message}</span>
    </div>
  );
}
