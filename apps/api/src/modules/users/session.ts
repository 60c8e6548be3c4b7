
/** scheme://host the request came in on (behind a proxy: X-Forwarded-*, as trustProxy allows). */
export function requestOrigin(request: { protocol: string; host: string }): string {
  return `${request.protocol}://${request.host}`;
}
