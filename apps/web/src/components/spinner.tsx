import { cx } from '../lib/cx';
import { translate } from '../lib/i18n/i18n';

export type SpinnerProps = {
  size?: 'sm' | 'md' | 'lg';
  /** Announced to screen readers (ignored when decorative). */
  label?: string;
  /** Inside a control that already says it is busy (e.g. a loading Button). */
  decorative?: boolean;
};

export function Spinner({ size = 'md', label = translate('Loading…'), decorative = false }: SpinnerProps) {
  const circle = <span className={cx('spinner', `spinner--${size}`)} aria-hidden="true" />;
  if (decorative) return circle;
  return (
    <span role="status" className="spinner-wrap">
      {circle}
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** Centred spinner for a whole page or the initial load. */
export function FullPageSpinner({ label = translate('Loading…') }: { label?: string }) {
  return (
    <div className="full-page-center">
      <Spinner size="lg" label={label} />
    </div>
  );
}
