import nodemailer from 'nodemailer';

/** One mail as the modules write it: plain text plus simple HTML, and the link it carries (for the log). */
export type OutgoingMail = {
  kind: 'password-reset' | 'invitation' | 'month-reminder';
  to: string;
  subject: string;
  text: string;
  html: string;
  link: string;
};

export type Mailer = {
  /** true when SMTP_URL is set; otherwise mails are only written to the log and the screens say so. */
  readonly enabled: boolean;
  /** Sends (or, without SMTP_URL, logs) one mail; rejects when the SMTP server refuses it. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
};

type MailLog = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
};

/**
 * The one way the API sends mail: nodemailer over SMTP_URL, or the log when it is unset (the
 * structured entry holds the recipient, subject and link, so an operator can pass a link on).
 */
export function createMailer({ smtpUrl, from, log }: { smtpUrl: string | undefined; from: string; log: MailLog }): Mailer {
  if (!smtpUrl) {
    return {
      enabled: false,
      async send(mail) {
        log.info({ mail: { kind: mail.kind, to: mail.to, subject: mail.subject, link: mail.link } }, `mail not sent (no SMTP_URL): ${mail.kind} to ${mail.to}`);
      },
      close() {},
    };
  }
  // Short timeouts: a stuck mail server must not hold a request or the reminder run for minutes.
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    enabled: true,
    async send(mail) {
      const info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      log.info({ mail: { kind: mail.kind, to: mail.to, messageId: info.messageId } }, `mail sent: ${mail.kind} to ${mail.to}`);
    },
    close() {
      transport.close();
    },
  };
}
