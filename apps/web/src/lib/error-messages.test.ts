import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, getErrorMessage } from './api-client';
import { setErrorTimeZone } from './error-messages';
import { prepareI18n } from './i18n/i18n';
import { useLocaleStore } from './i18n/locale-store';

async function speak(locale: 'en-GB' | 'de-DE' | 'en-US') {
  useLocaleStore.setState({ locale });
  await prepareI18n();
}

const overlap = new ApiError({
  status: 409,
  code: 'ENTRY_OVERLAP',
  message: 'This overlaps the session for Acme Ltd on 2026-03-02 09:00–12:00. Overlapping sessions are not allowed: change the times or that session first.',
  details: { rule: 'allowOverlap', entryId: 'e-9', startedAt: '2026-03-02T08:00:00.000Z', stoppedAt: '2026-03-02T11:00:00.000Z', customer: 'Acme Ltd' },
});

describe('API errors in the reader’s language, by their code', () => {
  afterEach(async () => {
    setErrorTimeZone('UTC');
    await speak('en-GB');
  });

  it('the overlap names the other session in the organisation’s wall time and the reader’s date format, not ISO', async () => {
    setErrorTimeZone('Europe/Berlin');
    await speak('en-GB');
    expect(getErrorMessage(overlap)).toBe('This overlaps the session for Acme Ltd on 2 Mar 2026, 09:00–12:00. Overlapping sessions are not allowed: change the times or that session first.');
    await speak('de-DE');
    expect(getErrorMessage(overlap)).toMatch(/^Das überschneidet sich mit der Sitzung für Acme Ltd am 02\.03\.2026, 09:00–12:00\. Überschneidende Sitzungen/);
    setErrorTimeZone('America/New_York');
    await speak('en-US');
    expect(getErrorMessage(overlap)).toMatch(/on Mar 2, 2026, 0?3:00\sAM–0?6:00\sAM\./);
  });

  it('says a rule refusal from its details in German', async () => {
    await speak('de-DE');
    const tooShort = new ApiError({ status: 422, code: 'SESSION_TOO_SHORT', message: 'Sessions must last at least 15 minutes; this one lasted 3 minutes.', details: { rule: 'minSessionMinutes', minimum: 15, minutes: 3 } });
    expect(getErrorMessage(tooShort)).toBe('Sitzungen müssen mindestens 15 Minuten dauern; diese dauerte 3 Minuten.');
    // By the code, whatever the server's words.
    expect(getErrorMessage(new ApiError({ status: 422, code: 'NOTE_REQUIRED', message: 'Some other English words.' })))
      .toBe('Eine Notiz ist erforderlich: beschreiben Sie die Arbeit dieser Sitzung.');
  });

  it('falls back to the server’s English: as it is in English, the code’s general message in German', async () => {
    const notFound = new ApiError({ status: 404, code: 'NOT_FOUND', message: 'Customer not found.' });
    await speak('en-GB');
    expect(getErrorMessage(notFound)).toBe('Customer not found.');
    await speak('de-DE');
    // A fixed server sentence in the catalog word for word; otherwise the code's general message.
    expect(getErrorMessage(notFound)).toBe('Kunde nicht gefunden.');
    expect(getErrorMessage(new ApiError({ status: 404, code: 'NOT_FOUND', message: 'No such widget.' }))).toBe('Nicht gefunden.');
    // An unknown code with no catalog entry: the server's words are better than nothing.
    expect(getErrorMessage(new ApiError({ status: 418, code: 'TEAPOT', message: 'I am a teapot.' }))).toBe('I am a teapot.');
  });
});
