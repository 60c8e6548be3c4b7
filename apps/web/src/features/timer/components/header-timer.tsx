/**
 * The header's Start Work / Stop work control and live Entry Time counter. The layout renders it
 * while the organisation's `clientTimer` module is on. Built in a later release: renders nothing yet.
 */
export function HeaderTimer() {
  return null;
}
