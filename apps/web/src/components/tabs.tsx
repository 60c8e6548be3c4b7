import type { KeyboardEvent, ReactNode } from 'react';
import { cx } from '../lib/cx';

export type TabItem = { value: string; label: ReactNode; disabled?: boolean };

export type TabsProps = {
  /** Prefix for the tab and panel ids; use the same on the matching TabPanels. */
  id: string;
  /** Accessible name of the tab list. */
  label: string;
  items: readonly TabItem[];
  value: string;
  onChange: (value: string) => void;
  /** vertical = side tabs (e.g. the customer page's "Working Time"). */
  orientation?: 'horizontal' | 'vertical';
  className?: string;
};

const tabId = (id: string, value: string) => `${id}-tab-${value}`;
const panelId = (id: string, value: string) => `${id}-panel-${value}`;

/** WAI-ARIA tabs: arrow keys move and select, Home/End jump. */
export function Tabs({ id, label, items, value, onChange, orientation = 'horizontal', className }: TabsProps) {
  const enabled = items.filter((item) => !item.disabled);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const prevKey = orientation === 'vertical' ? 'ArrowUp' : 'ArrowLeft';
    const nextKey = orientation === 'vertical' ? 'ArrowDown' : 'ArrowRight';
    const current = enabled.findIndex((item) => item.value === value);
    let target: TabItem | undefined;
    if (event.key === prevKey) target = enabled[(current - 1 + enabled.length) % enabled.length];
    else if (event.key === nextKey) target = enabled[(current + 1) % enabled.length];
    else if (event.key === 'Home') target = enabled[0];
    else if (event.key === 'End') target = enabled[enabled.length - 1];
    if (!target) return;
    event.preventDefault();
    onChange(target.value);
    document.getElementById(tabId(id, target.value))?.focus();
  };

  return (
    <div
      role="tablist"
      aria-label={label}
      aria-orientation={orientation}
      className={cx('tabs', `tabs--${orientation}`, className)}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => {
        const selected = item.value === value;
        return (
          <button
            key={item.value}
            id={tabId(id, item.value)}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={panelId(id, item.value)}
            tabIndex={selected ? 0 : -1}
            disabled={item.disabled}
            className={cx('tab', selected && 'tab--selected')}
            onClick={() => onChange(item.value)}
          >
            {item.label}
          </button>
        );
      })}
    </div>
  );
}

export type TabPanelProps = { id: string; value: string; current: string; children: ReactNode; className?: string };

/** The panel for one tab; renders only while its tab is selected. */
export function TabPanel({ id, value, current, children, className }: TabPanelProps) {
  if (value !== current) return null;
  return (
    <div id={panelId(id, value)} role="tabpanel" aria-labelledby={tabId(id, value)} tabIndex={0} className={cx('tab-panel', className)}>
      {children}
    </div>
  );
}
