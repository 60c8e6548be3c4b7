import { createHash, randomBytes } from 'node:crypto';

/** How long a one-time set-password link stays valid. */
export const SET_PASSWORD_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The database keeps only this digest: a leaked backup does not hand out working links. */
export const hashSetPasswordToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function newSetPasswordToken(now: Date) {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSetPasswordToken(token), expiresAt: new Date(now.getTime() + SET_PASSWORD_TTL_MS) };
}

/** The link the admin passes on: the web app's /set-password page on the host the admin used. */
export function setPasswordUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/set-password?token=${encodeURIComponent(token)}`;
}
