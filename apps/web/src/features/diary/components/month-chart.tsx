// Loaded on demand (React.lazy): recharts stays out of the main bundle and the diary page chunk.
import type { DiaryDay } from '@workdiary/shared';
import { Bar, CartesianGrid, Cell, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { hours, longDate } from '../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';

export type MonthChartProps = {
  days: readonly DiaryDay[];
  today: string;
  onSelectDay?: (date: string) => void;
};

type Point = {
  date: string; label: string; worked: number; required: number; totalMinutes: number; requiredMinutes: number; extraMinutes: number;
  /** Public holiday name or absence kind, shown in the tooltip and under the bar. */
  dayOff: string | null; absence: number;
};

const COLORS = { worked: '#16a34a', extra: '#ea580c', today: '#15803d', required: '#111111', absence: '#93c5fd' };

/** Daily hours as bars against the required hours as a stepped line. */
export default function MonthChart({ days, today, onSelectDay }: MonthChartProps) {
  const data: Point[] = days.map((d) => ({
    date: d.date,
    label: String(Number(d.date.slice(8))),
    worked: Math.round((d.totalMinutes / 60) * 100) / 100,
    required: d.requiredMinutes / 60,
    totalMinutes: d.totalMinutes,
    requiredMinutes: d.requiredMinutes,
    extraMinutes: d.extraMinutes,
    dayOff: [d.holiday, d.absence?.kind].filter(Boolean).join(' · ') || null,
    absence: Math.round((d.absenceMinutes / 60) * 100) / 100,
  }));
  const daysOff = data.filter((p) => p.dayOff);
  return (
    <div className="diary-chart" role="img" aria-label={t('Daily hours against the required hours')}>
      <ResponsiveContainer width="100%" height={220}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#e4e7ec" />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: '#d0d5dd' }} interval="preserveStartEnd" minTickGap={2} tick={{ fontSize: 11, fill: '#667085' }} />
          <YAxis tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: '#667085' }} allowDecimals={false} unit="h" />
          <Tooltip
            cursor={{ fill: 'rgb(16 24 40 / 0.05)' }}
            content={({ active, payload }) => {
              const point = active ? (payload?.[0]?.payload as Point | undefined) : undefined;
              if (!point) return null;
              return (
                <div className="diary-chart__tip">
                  <strong>{longDate(point.date)}</strong>
                  {point.dayOff ? <div>{point.dayOff}</div> : null}
                  <div>{t('Worked')} {hours(point.totalMinutes)} {t('· Required')} {hours(point.requiredMinutes)}</div>
                  {point.extraMinutes > 0 ? <div>{t('Extra')} {hours(point.extraMinutes)}</div> : null}
                </div>
              );
            }}
          />
          <Bar
            dataKey="worked"
            name={t('Worked')}
            radius={[3, 3, 0, 0]}
            maxBarSize={22}
            isAnimationActive={false}
            onClick={(entry) => {
              const date = (entry as unknown as { payload?: Point }).payload?.date;
              if (date && onSelectDay) onSelectDay(date);
            }}
            style={onSelectDay ? { cursor: 'pointer' } : undefined}
          >
            {data.map((p) => (
              <Cell key={p.date} fill={p.extraMinutes > 0 ? COLORS.extra : p.date === today ? COLORS.today : COLORS.worked} />
            ))}
          </Bar>
          <Bar dataKey="absence" name={t('Absence')} fill={COLORS.absence} maxBarSize={22} isAnimationActive={false} />
          <Line dataKey="required" name={t('Required')} type="step" stroke={COLORS.required} strokeDasharray="4 3" strokeWidth={1.5} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <div className="diary-chart__legend" aria-hidden="true">
        <span><i className="diary-chart__swatch" style={{ background: COLORS.worked }} /> {t('Worked')}</span>
        <span><i className="diary-chart__swatch" style={{ background: COLORS.extra }} /> {t('With extra hours')}</span>
        <span><i className="diary-chart__swatch" style={{ background: COLORS.absence }} /> {t('Absence credit')}</span>
        <span><i className="diary-chart__swatch diary-chart__swatch--line" /> {t('Required')}</span>
      </div>
      {daysOff.length > 0 ? (
        <ul className="diary-chart__days-off" aria-label={t('Holidays and absences')}>
          {daysOff.map((p) => <li key={p.date}>{longDate(p.date)}: {p.dayOff}</li>)}
        </ul>
      ) : null}
    </div>
  );
}
