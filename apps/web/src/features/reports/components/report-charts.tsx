// Loaded on demand (React.lazy) by the report pages only: the charts stay out of the main bundle.
// Hand-rolled (HTML bars and one SVG donut), chosen over recharts, uPlot and chart.js by measured
// bundle size (see the Reports issue's report): a few kB instead of 50–125 kB gzip, and the markup is
// ours to make accessible. Every chart has a text equivalent: an accessible summary and a visually
// hidden table of its numbers; the report's own table below the charts holds the same figures.
import { addDays, weekdayIndex, type Report } from '@workdiary/shared';
import { dateLabel, formatNumber, hours, monthLabel, shortDate } from '../../../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';
import type { LabelledGroup } from '../lib/report-labels';

export type ReportChartsProps = {
  report: Pick<Report, 'from' | 'to' | 'series'>;
  /** The first level's groups with their display labels (the share chart). */
  groups: readonly LabelledGroup[];
  /** What the first level groups by, e.g. "Customer" (the share chart's title). */
  groupTitle: string;
};

export type Bucket = { key: string; label: string; title: string; minutes: number };

/** Daily bars up to two months; weekly up to two years; monthly beyond. */
export function bucketSeries(series: Report['series']): { unit: 'day' | 'week' | 'month'; buckets: Bucket[] } {
  if (series.length <= 62) {
    return { unit: 'day', buckets: series.map((p) => ({ key: p.date, label: shortDate(p.date), title: dateLabel(p.date), minutes: p.minutes })) };
  }
  const unit = series.length <= 731 ? 'week' : 'month';
  const byKey = new Map<string, Bucket>();
  for (const p of series) {
    const key = unit === 'week' ? addDays(p.date, -weekdayIndex(p.date)) : p.date.slice(0, 7);
    let bucket = byKey.get(key);
    if (!bucket) {
      bucket = unit === 'week'
        ? { key, label: shortDate(key), title: t('Week of {date}', { date: dateLabel(key) }), minutes: 0 }
        : { key, label: monthLabel(key), title: monthLabel(key), minutes: 0 };
      byKey.set(key, bucket);
    }
    bucket.minutes += p.minutes;
  }
  return { unit, buckets: [...byKey.values()] };
}

/** A round axis maximum in hours and its step (1, 2, 2.5, 5 × 10ⁿ), about four grid lines. */
export function axisOf(maxMinutes: number): { max: number; step: number } {
  const maxHours = Math.max(maxMinutes / 60, 1);
  const rough = maxHours / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return { max: Math.ceil(maxHours / step) * step, step };
}

const hoursLabel = (h: number) => t('{hours} h', { hours: formatNumber(h, { maximumFractionDigits: 1 }) });

function TimeChart({ report }: { report: ReportChartsProps['report'] }) {
  const { unit, buckets } = bucketSeries(report.series);
  const peak = buckets.reduce<Bucket | null>((best, b) => (best === null || b.minutes > best.minutes ? b : best), null);
  const { max, step } = axisOf(peak?.minutes ?? 0);
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step);
  // About eight labels along the axis, whatever the number of bars.
  const every = Math.max(1, Math.ceil(buckets.length / 8));
  const title = unit === 'day' ? t('Hours per day') : unit === 'week' ? t('Hours per week') : t('Hours per month');
  const worked = buckets.filter((b) => b.minutes > 0).length;
  const summary = t('{title} from {from} to {to}: {count, plural, one {# bar} other {# bars}} with time recorded; the most was {peak} on {when}.', {
    title,
    from: dateLabel(report.from),
    to: dateLabel(report.to),
    count: worked,
    peak: hours(peak?.minutes ?? 0),
    when: peak?.title ?? '',
  });
  return (
    <figure className="report-chart report-chart--time">
      <figcaption className="report-chart__title">{title}</figcaption>
      <div className="time-chart" role="img" aria-label={summary}>
        <div className="time-chart__axis" aria-hidden="true">
          {ticks.map((tick) => (
            <span key={tick} className="time-chart__tick" style={{ bottom: `${(tick / max) * 100}%` }}>{hoursLabel(tick)}</span>
          ))}
        </div>
        <div className="time-chart__area">
          {ticks.map((tick) => <span key={tick} className="time-chart__grid" style={{ bottom: `${(tick / max) * 100}%` }} />)}
          <div className="time-chart__bars">
            {buckets.map((b) => (
              <div key={b.key} className="time-chart__col" title={`${b.title}: ${hours(b.minutes)}`}>
                <div className="time-chart__bar" style={{ height: `${(b.minutes / 60 / max) * 100}%` }} />
              </div>
            ))}
          </div>
        </div>
        <div className="time-chart__labels" aria-hidden="true">
          {/* Every other label is dropped on a narrow screen (reports.css), so they never overlap. */}
          {buckets.map((b, i) => (
            <span key={b.key} className={i % (2 * every) === 0 ? 'time-chart__major' : undefined}>{i % every === 0 ? b.label : ''}</span>
          ))}
        </div>
      </div>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead><tr><th scope="col">{unit === 'day' ? t('Day') : unit === 'week' ? t('Week') : t('Month')}</th><th scope="col">{t('Hours')}</th></tr></thead>
        <tbody>
          {buckets.map((b) => <tr key={b.key}><th scope="row">{b.title}</th><td>{hours(b.minutes)}</td></tr>)}
        </tbody>
      </table>
    </figure>
  );
}

/** Eight colours apart for colour-blind readers too (Okabe–Ito order); grey for "Other". */
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];
const OTHER = '#98a2b3';
const MAX_SLICES = 7;

export type Slice = { key: string; label: string; minutes: number; share: number; color: string };

/** The largest groups (up to seven) and the rest as "Other", each with its share of the total. */
export function slicesOf(groups: readonly LabelledGroup[]): Slice[] {
  const total = groups.reduce((sum, g) => sum + g.minutes, 0);
  if (total === 0) return [];
  const sorted = [...groups].filter((g) => g.minutes > 0).sort((a, b) => b.minutes - a.minutes);
  const top = sorted.length > MAX_SLICES + 1 ? sorted.slice(0, MAX_SLICES) : sorted;
  const rest = sorted.slice(top.length);
  const slices: Slice[] = top.map((g, i) => ({ key: g.key, label: g.displayLabel, minutes: g.minutes, share: g.minutes / total, color: PALETTE[i % PALETTE.length]! }));
  if (rest.length > 0) {
    const minutes = rest.reduce((sum, g) => sum + g.minutes, 0);
    slices.push({ key: '__other', label: t('Other ({count})', { count: rest.length }), minutes, share: minutes / total, color: OTHER });
  }
  return slices;
}

const percent = (share: number) => formatNumber(share * 100, { maximumFractionDigits: 1 });

function ShareChart({ groups, groupTitle }: { groups: readonly LabelledGroup[]; groupTitle: string }) {
  const slices = slicesOf(groups);
  const radius = 15.915494; // circumference 100: dash lengths are percentages
  let offset = 0;
  const title = t('Share by {group}', { group: groupTitle });
  const summary = `${title}: ${slices.map((s) => `${s.label} ${percent(s.share)} %`).join(', ')}`;
  return (
    <figure className="report-chart report-chart--share">
      <figcaption className="report-chart__title">{title}</figcaption>
      <div className="share-chart">
        <svg className="share-chart__donut" viewBox="0 0 42 42" role="img" aria-label={summary}>
          <circle cx="21" cy="21" r={radius} fill="none" stroke="#eef0f3" strokeWidth="7" />
          {slices.map((s) => {
            const length = s.share * 100;
            const circle = (
              <circle
                key={s.key}
                cx="21" cy="21" r={radius} fill="none" stroke={s.color} strokeWidth="7"
                strokeDasharray={`${length} ${100 - length}`}
                strokeDashoffset={25 - offset}
              />
            );
            offset += length;
            return circle;
          })}
        </svg>
        <ul className="share-chart__legend" aria-hidden="true">
          {slices.map((s) => (
            <li key={s.key}>
              <i className="share-chart__swatch" style={{ background: s.color }} />
              <span className="share-chart__name">{s.label}</span>
              <span className="share-chart__value">{percent(s.share)} %</span>
            </li>
          ))}
        </ul>
      </div>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead><tr><th scope="col">{groupTitle}</th><th scope="col">{t('Hours')}</th><th scope="col">{t('Share of total')}</th></tr></thead>
        <tbody>
          {slices.map((s) => <tr key={s.key}><th scope="row">{s.label}</th><td>{hours(s.minutes)}</td><td>{percent(s.share)} %</td></tr>)}
        </tbody>
      </table>
    </figure>
  );
}

/** The bar chart over time and the share chart by the first group. */
export default function ReportCharts({ report, groups, groupTitle }: ReportChartsProps) {
  return (
    <div className="report-charts">
      <TimeChart report={report} />
      <ShareChart groups={groups} groupTitle={groupTitle} />
    </div>
  );
}
