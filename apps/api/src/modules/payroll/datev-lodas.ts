// The DATEV LODAS ASCII import file ("Bewegungsdaten" in the standard entry table), exactly as
// DOMAIN.md → "Payroll hand-off to DATEV" describes it: Windows-1252, CRLF line ends, three
// sections. Pure: the service decides the figures, this only writes them.
import iconv from 'iconv-lite';
import { type PayrollWageType } from '@workdiary/shared';

/** The record description of the standard entry (Standarderfassung) of LODAS movement data. */
export const LODAS_RECORD_DESCRIPTION =
  '1;u_lod_bwd_buchung_standard;abrechnung_zeitraum#bwd;bs_wert_butab#bwd;pnr#bwd;la_eigene#bwd;bs_nr#bwd;kostenstelle#bwd;';

/** Bearbeitungsschlüssel (bs_nr) of every line: 1, the value is a number of hours. */
export const LODAS_BS_NR = '1';

/** The order of a person's lines in the file. */
export const WAGE_TYPE_ORDER: readonly PayrollWageType[] = ['worked', 'overtime', 'vacation', 'sick'];

export type LodasLine = {
  personnelNumber: string;
  /** Lohnart number (la_eigene). */
  wageType: string;
  minutes: number;
};

/**
 * Hours with two decimals and a decimal comma: minutes ÷ 60 rounded half-up to a hundredth, in
 * integers (minutes × 100 ÷ 60 = minutes × 5 ÷ 3; + ½ and floor is half-up), e.g. 10110 → "168,50",
 * 1 → "0,02". Each line is rounded on its own (never from a rounded sum).
 */
export function lodasHours(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0) throw new Error(`lodasHours: ${minutes} is not a whole, non-negative number of minutes`);
  const hundredths = Math.floor((minutes * 10 + 3) / 6);
  return `${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')}`;
}

/** TT.MM.JJJJ of the month's first day: the period the lines are paid in (abrechnung_zeitraum). */
export function lodasPeriod(month: string): string {
  const [year, mm] = month.split('-');
  return `01.${mm}.${year}`;
}

/** The file as text (CRLF line ends, ending with one), before encoding. */
export function lodasText({ consultantNumber, clientNumber, month, lines }: {
  consultantNumber: string; clientNumber: string; month: string; lines: LodasLine[];
}): string {
  const period = lodasPeriod(month);
  const rows = [
    '[Allgemein]',
    'Ziel=LODAS',
    `BeraterNr=${consultantNumber}`,
    `MandantenNr=${clientNumber}`,
    'Datumsformat=TT.MM.JJJJ',
    'Feldtrennzeichen=;',
    'Zahlenkomma=,',
    '',
    '[Satzbeschreibung]',
    LODAS_RECORD_DESCRIPTION,
    '',
    '[Bewegungsdaten]',
    // kostenstelle stays empty: the trailing ";;" closes the empty field and the record.
    ...lines.map((l) => `1;${period};${lodasHours(l.minutes)};${l.personnelNumber};${l.wageType};${LODAS_BS_NR};;`),
  ];
  return rows.map((r) => `${r}\r\n`).join('');
}

/** The file's bytes in Windows-1252, the code page LODAS reads ASCII imports in. */
export function lodasFile(input: Parameters<typeof lodasText>[0]): Buffer {
  return iconv.encode(lodasText(input), 'win1252');
}
