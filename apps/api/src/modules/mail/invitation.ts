import type { App, OrgContext } from '../../lib/types.ts';
import { setPasswordUrl } from '../users/set-password-token.ts';
import { mailBaseUrl } from './base-url.ts';
import { invitationMail, mailLanguage } from './templates.ts';

/**
 * Mails a new user their set-password link when the server has mail (SMTP_URL). true when the
 * SMTP server took it; false without mail or when it refused (logged): the admin passes the link
 * on by hand, as before.
 */
export async function mailInvitation(app: App, { request, org, user, token, expiresAt }: {
  request: { protocol: string; host: string };
  org: Pick<OrgContext, 'name' | 'locale'>;
  user: { name: string; email: string; locale?: string | null };
  token: string;
  expiresAt: Date;
}): Promise<boolean> {
  if (!app.mailer.enabled) return false;
  const mail = invitationMail({
    language: mailLanguage(user.locale ?? null, org.locale),
    to: user.email,
    name: user.name,
    organization: org.name,
    link: setPasswordUrl(mailBaseUrl(app, request), token),
    expiresAt,
  });
  try {
    await app.mailer.send(mail);
    return true;
  } catch (err) {
    app.log.error({ err, mail: { kind: mail.kind, to: mail.to } }, 'invitation mail failed; the admin has the link to pass on');
    return false;
  }
}
