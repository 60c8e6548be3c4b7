import type { OutgoingMail } from '../../lib/mailer.ts';

/** The languages mails are written in; everything else gets English. */
export type MailLanguage = 'en' | 'de';

/** The recipient's language: their own locale, else their organisation's. */
export function mailLanguage(userLocale: string | null | undefined, orgLocale: string | null | undefined): MailLanguage {
  const locale = (userLocale ?? orgLocale ?? 'en').toLowerCase();
  return locale === 'de' || locale.startsWith('de-') ? 'de' : 'en';
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every piece of user text (names, organisation names, links) goes into the HTML through this. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

type Body = { greeting: string; paragraphs: string[]; button: string; after: string[] };

/** Plain text and simple HTML from the same parts; the link is written out in both. */
function compose(kind: OutgoingMail['kind'], to: string, subject: string, link: string, body: Body): OutgoingMail {
  const text = [body.greeting, '', ...body.paragraphs.flatMap((p) => [p, '']), link, '', ...body.after.flatMap((p) => [p, ''])]
    .join('\n').trimEnd() + '\n\n-- \nWorkdiary\n';
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;line-height:1.5;color:#1f2937;max-width:560px;margin:0 auto;padding:24px">',
    p(body.greeting),
    ...body.paragraphs.map(p),
    `<p style="margin:0 0 16px"><a href="${escapeHtml(link)}" style="display:inline-block;background:#2563eb;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(body.button)}</a></p>`,
    `<p style="margin:0 0 16px;font-size:13px;color:#4b5563;word-break:break-all">${escapeHtml(link)}</p>`,
    ...body.after.map(p),
    '<p style="margin:24px 0 0;font-size:13px;color:#6b7280">Workdiary</p>',
    '</body></html>',
  ].join('\n');
  return { kind, to, subject, text, html, link };
}

export function passwordResetMail(a: { language: MailLanguage; to: string; name: string; link: string }): OutgoingMail {
  if (a.language === 'de') {
    return compose('password-reset', a.to, 'Workdiary: Passwort zurücksetzen', a.link, {
      greeting: `Hallo ${a.name},`,
      paragraphs: ['jemand (hoffentlich Sie) möchte das Passwort Ihres Workdiary-Kontos zurücksetzen. Über diesen Link legen Sie ein neues fest:'],
      button: 'Neues Passwort festlegen',
      after: [
        'Der Link gilt eine Stunde und nur einmal. Danach sind Sie auf allen Geräten abgemeldet.',
        'Wenn Sie das nicht angefordert haben, ignorieren Sie diese Mail: Ihr Passwort bleibt, wie es ist.',
      ],
    });
  }
  return compose('password-reset', a.to, 'Workdiary: reset your password', a.link, {
    greeting: `Hello ${a.name},`,
    paragraphs: ['Someone (hopefully you) asked to reset the password of your Workdiary account. Choose a new one with this link:'],
    button: 'Choose a new password',
    after: [
      'The link works once, for one hour. Using it signs you out on every device.',
      'If you did not ask for this, ignore this mail: your password stays as it is.',
    ],
  });
}

export function invitationMail(a: { language: MailLanguage; to: string; name: string; organization: string; link: string; expiresAt: Date }): OutgoingMail {
  const until = new Intl.DateTimeFormat(a.language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(a.expiresAt);
  if (a.language === 'de') {
    return compose('invitation', a.to, `Einladung zu Workdiary (${a.organization})`, a.link, {
      greeting: `Hallo ${a.name},`,
      paragraphs: [`für Sie wurde ein Workdiary-Konto bei ${a.organization} angelegt. Legen Sie über diesen Link Ihr Passwort fest, dann sind Sie angemeldet:`],
      button: 'Passwort festlegen',
      after: [`Der Link gilt einmal, bis zum ${until}. Danach kann Ihre Administration einen neuen erstellen.`],
    });
  }
  return compose('invitation', a.to, `You are invited to Workdiary (${a.organization})`, a.link, {
    greeting: `Hello ${a.name},`,
    paragraphs: [`A Workdiary account at ${a.organization} was created for you. Choose your password with this link, and you are signed in:`],
    button: 'Choose your password',
    after: [`The link works once, until ${until}. After that an administrator can make you a new one.`],
  });
}

export function monthReminderMail(a: { language: MailLanguage; to: string; name: string; month: string; link: string }): OutgoingMail {
  const [year = 1970, month = 1] = a.month.split('-').map(Number);
  const label = new Intl.DateTimeFormat(a.language === 'de' ? 'de-DE' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(year, month - 1, 1)));
  if (a.language === 'de') {
    return compose('month-reminder', a.to, `Workdiary: ${label} einreichen`, a.link, {
      greeting: `Hallo ${a.name},`,
      paragraphs: [`Ihr ${label} ist noch nicht eingereicht. Bitte prüfen Sie Ihre Zeiten und reichen Sie den Monat ein:`],
      button: `${label} öffnen`,
      after: ['Diese Erinnerung können Sie in Workdiary unter Profil abschalten.'],
    });
  }
  return compose('month-reminder', a.to, `Workdiary: please submit ${label}`, a.link, {
    greeting: `Hello ${a.name},`,
    paragraphs: [`Your ${label} is not submitted yet. Please check your hours and submit the month:`],
    button: `Open ${label}`,
    after: ['You can turn this reminder off on your Workdiary profile.'],
  });
}
