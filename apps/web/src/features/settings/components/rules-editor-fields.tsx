import { formatMinutes } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { Checkbox } from '../../../components/checkbox';
import { NumberField } from '../../../components/number-field';
import { TextField } from '../../../components/text-field';
import { translate as t } from '../../../lib/i18n/i18n';
import type { SetRule } from '../hooks/use-rules-editor';
import { weekdays, weekdaysShort } from '../lib/hours';
import type { RulesDraft, RulesErrors } from '../lib/rules-draft';

/** Where the shown rules come from, with "Use organisation defaults" for a user's own rules. */
export function RulesSource({ isDefaults, inherited, targetName, onUseDefaults }: {
  isDefaults: boolean;
  inherited: boolean;
  targetName: string;
  onUseDefaults: () => void;
}) {
  return (
    <p className="rules-form__source" data-testid="rules-source">
      {isDefaults
        ? t('These apply to every user without rules of their own, and to new users.')
        : inherited
          ? t('{targetName} uses the organisation defaults. Submitting gives {targetName2} rules of their own.', { targetName, targetName2: targetName })
          : t('{targetName} has rules of their own.', { targetName })}
      {!isDefaults && !inherited ? (
        <Button variant="ghost" size="sm" onClick={onUseDefaults}>{t('Use organisation defaults')}</Button>
      ) : null}
    </p>
  );
}

/** The required hours per weekday, and the week's total once every day parses. */
export function WeekdayHours({ hours, errors, weekMinutes, onChange }: {
  hours: string[];
  errors: RulesErrors | null;
  weekMinutes: number | null;
  onChange: (hours: string[]) => void;
}) {
  return (
    <fieldset className="rules-form__group">
      <legend>{t('Required hours per weekday')}</legend>
      <div className="weekday-grid">
        {weekdays().map((day, i) => (
          <TextField
            key={day}
            label={<><span aria-hidden="true">{weekdaysShort()[i]}</span><span className="visually-hidden">{day}</span></>}
            value={hours[i] ?? ''}
            inputMode="decimal"
            placeholder="0:00"
            autoComplete="off"
            error={errors?.hours[i] ?? null}
            onChange={(e) => onChange(hours.map((h, j) => (j === i ? e.target.value : h)))}
            className="weekday-grid__day"
          />
        ))}
      </div>
      <p className="field__hint">
        {t('Hours as 8, 7.5 or 7:30. Work beyond these is extra hours; a day with 0 is all extra.')}
        {weekMinutes !== null ? <> {t('Week:')} <strong>{formatMinutes(weekMinutes)}</strong> {t('h.')}</> : null}
      </p>
    </fieldset>
  );
}

type DraftProps = { draft: RulesDraft; set: SetRule };

/** The minimum and maximum session. */
export function SessionLimits({ draft, set, errors }: DraftProps & { errors: RulesErrors | null }) {
  const limits = [
    { key: 'minSessionMinutes', label: t('Minimum session'), suffix: 'min', min: 0, max: 1440, hint: t('Shorter sessions are refused (0 = none).') },
    { key: 'maxSessionHours', label: t('Maximum session'), suffix: 'h', min: 1, max: 168, hint: t('Longer entries must be split; a longer timer stops, flagged for review.') },
  ] as const;
  return (
    <div className="rules-form__grid">
      {limits.map(({ key, ...field }) => (
        <NumberField
          key={key}
          {...field}
          step={1}
          value={draft[key]}
          onValueChange={(v) => set(key, v)}
          error={errors?.[key] ?? null}
        />
      ))}
    </div>
  );
}

/** Note required on stop, and whether sessions may overlap. */
export function RuleChecks({ draft, set }: DraftProps) {
  const checks = [
    { key: 'noteRequired', label: t('Note required on stop'), hint: t('A session without a note is refused.') },
    { key: 'allowOverlap', label: t('Allow overlapping sessions'), hint: t('Off: one person’s sessions may not overlap.') },
  ] as const;
  return (
    <div className="rules-form__checks">
      {checks.map(({ key, label, hint }) => (
        <Checkbox key={key} label={label} checked={draft[key]} onChange={(e) => set(key, e.target.checked)} hint={hint} />
      ))}
    </div>
  );
}
