import { isValidTimeZone, timeZoneOptions, utcOffsetOf } from '@workdiary/shared';
import { useId, useMemo } from 'react';
import { offsetLabel } from '../entries/entry-time';
import { TextField } from '../text-field';

/** "UTC+01:00" for the zone at this moment, or '' when the zone is unknown. */
export function currentOffsetLabel(zone: string, at: Date = new Date()): string {
  return isValidTimeZone(zone) ? offsetLabel(utcOffsetOf(at, zone)) : '';
}

export type TimeZoneFieldProps = {
  value: string;
  onChange: (zone: string) => void;
  label?: string;
  error?: string | null;
  hint?: string;
  disabled?: boolean;
  required?: boolean;
};

/** An IANA time zone: type to search the runtime's list (e.g. "Berlin" → Europe/Berlin). */
export function TimeZoneField({ value, onChange, label = 'Time zone', error, hint, disabled, required }: TimeZoneFieldProps) {
  const listId = useId();
  const zones = useMemo(() => timeZoneOptions(), []);
  const offset = currentOffsetLabel(value.trim());
  return (
    <>
      <TextField
        label={label}
        list={listId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. Europe/Berlin"
        error={error}
        hint={[hint, offset ? `Now ${offset}.` : null].filter(Boolean).join(' ') || undefined}
        disabled={disabled}
        required={required}
      />
      <datalist id={listId}>
        {zones.map((z) => <option key={z} value={z} />)}
      </datalist>
    </>
  );
}
