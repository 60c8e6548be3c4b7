/**
 * The words of the Excel exports (column headers, sheet names, the totals row, weekdays and
 * status values), by language. The export services write English; `exportLabel` gives the
 * word in the reader's language (the user's own, else the organisation's locale). Keyed by the
 * English word so a new column without a translation still reads in English.
 */
const DE: Readonly<Record<string, string>> = {
  'Labor sheet': 'Arbeitsnachweis',
  'Payroll': 'Lohnabrechnung',
  'Total': 'Summe',
  'Date': 'Datum',
  'User': 'Benutzer',
  'Customer': 'Kunde',
  'Category': 'Kategorie',
  'Start': 'Beginn',
  'Stop': 'Ende',
  'Duration': 'Dauer',
  'Hours': 'Stunden',
  'Note': 'Notiz',
  'Entrance': 'Beginn',
  'Exit': 'Ende',
  'Session length': 'Sitzungsdauer',
  'Weekday': 'Wochentag',
  'Required': 'Soll',
  'Total hours': 'Stunden gesamt',
  'Extra': 'Mehrarbeit',
  'Extra hours': 'Mehrstunden',
  'Flagged': 'Markiert',
  'Status': 'Status',
  'Pay type': 'Vergütungsart',
  'Rate / base': 'Satz / Grundgehalt',
  'Overtime factor': 'Überstundenfaktor',
  'Salary': 'Gehalt',
  'Active': 'Aktiv',
  'Inactive': 'Inaktiv',
  'Monthly': 'Monatlich',
  'Hourly': 'Stündlich',
  'Yes': 'Ja',
  'No': 'Nein',
  'yes': 'ja',
  'Holiday / absence': 'Feiertag / Abwesenheit',
  'Absence credit': 'Abwesenheitsgutschrift',
  'Balance hours': 'Saldo (Stunden dezimal)',
  // The same time as h:mm and as decimal hours: the headers say which is which (issue 25).
  'Total (h:mm)': 'Summe (Std:Min)',
  'Total hours (decimal)': 'Stunden gesamt (dezimal)',
  'Required (h:mm)': 'Soll (Std:Min)',
  'Extra (h:mm)': 'Mehrarbeit (Std:Min)',
  'Extra hours (decimal)': 'Mehrstunden (dezimal)',
  'Absence credit (h:mm)': 'Abwesenheitsgutschrift (Std:Min)',
  'Hours (decimal)': 'Stunden (dezimal)',
  'Duration (h:mm)': 'Dauer (Std:Min)',
  'Session length (h:mm)': 'Sitzungsdauer (Std:Min)',
  'Month state': 'Monatsstatus',
  'Open': 'Offen',
  'Submitted': 'Eingereicht',
  'Approved': 'Freigegeben',
  'Reopened': 'Wieder geöffnet',
  'Monday': 'Montag',
  'Tuesday': 'Dienstag',
  'Wednesday': 'Mittwoch',
  'Thursday': 'Donnerstag',
  'Friday': 'Freitag',
  'Saturday': 'Samstag',
  'Sunday': 'Sonntag',
  // Reports (.xlsx, .csv, .pdf)
  'Report': 'Bericht',
  'Month': 'Monat',
  'Week': 'Woche',
  'Day': 'Tag',
  'Minutes': 'Minuten',
  'Billable hours': 'Abrechenbare Stunden',
  'Amount': 'Betrag',
  'Organisation': 'Organisation',
  'Period': 'Zeitraum',
  'Grouped by': 'Gruppiert nach',
  'All': 'Alle',
  'Created': 'Erstellt',
  'Page': 'Seite',
  'No recorded time in this period.': 'Keine erfasste Zeit in diesem Zeitraum.',
  // Working-time law (GET /api/compliance.xlsx).
  'Working time law': 'Arbeitszeitgesetz',
  'Rule': 'Regel',
  'Code': 'Code',
  'Judged': 'Geprüfter Wert',
  'Acknowledged by': 'Zur Kenntnis genommen von',
  'Acknowledged at': 'Zur Kenntnis genommen am',
  'Break too short (§4)': 'Pause zu kurz (§ 4)',
  'Over 6 h without a break (§4)': 'Über 6 Std. ohne Pause (§ 4)',
  'Over 10 h a day (§3)': 'Über 10 Std. am Tag (§ 3)',
  'Rest under 11 h (§5)': 'Ruhezeit unter 11 Std. (§ 5)',
  'Sunday work (§9)': 'Sonntagsarbeit (§ 9)',
  'Public holiday work (§9)': 'Feiertagsarbeit (§ 9)',
};

export const EXPORT_LABELS: Readonly<Record<'en' | 'de', Readonly<Record<string, string>>>> = { en: {}, de: DE };

/** The export word `english` in the language of `locale` ('de-AT' → German). */
export function exportLabel(locale: string | null | undefined, english: string): string {
  const language = locale?.toLowerCase().startsWith('de') ? 'de' : 'en';
  return EXPORT_LABELS[language][english] ?? english;
}

/** The columns with their headers in the language of `locale`. */
export function localizeColumns<C extends { header: string }>(columns: readonly C[], locale: string | null | undefined): C[] {
  return columns.map((c) => ({ ...c, header: exportLabel(locale, c.header) }));
}
