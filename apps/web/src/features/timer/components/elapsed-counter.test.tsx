import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetConnection, setApiReachable, setBrowserOnline } from '../../../lib/connection';
import { resetServerClock } from '../../../lib/server-clock';
import { resetTimerStore } from '../../../stores/timer-store';
import { ElapsedCounter, TimerTitle } from './elapsed-counter';

const START = Date.parse('2026-03-02T08:00:00.000Z');

describe('ElapsedCounter while the server is away', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START + 60 * 60_000);
    resetServerClock();
    resetConnection();
    resetTimerStore();
  });
  afterEach(() => {
    vi.useRealTimers();
    resetConnection();
  });

  it('stops at the moment the connection was lost, says it is not confirmed, and runs on when the server is back', async () => {
    render(<><ElapsedCounter startedAt={new Date(START).toISOString()} label="Entry Time" /><TimerTitle startedAt={new Date(START).toISOString()} /></>);
    expect(screen.getByRole('timer', { name: 'Entry Time' })).toHaveTextContent('01:00:00');

    act(() => setApiReachable(false));
    await act(() => vi.advanceTimersByTimeAsync(5 * 60_000));
    const counter = screen.getByRole('timer', { name: /not confirmed/ });
    expect(counter).toHaveTextContent('01:00:00');
    expect(counter).toHaveAttribute('data-unconfirmed', 'true');
    expect(document.title).toMatch(/^⏸ 01:00:00 · /);

    act(() => setApiReachable(true));
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(screen.getByRole('timer', { name: 'Entry Time' })).toHaveTextContent('01:05:01');
    expect(document.title).toMatch(/^▶ 01:05:01 · /);
  });

  it('an offline browser counts as away too; the moment lost is the first one', async () => {
    render(<ElapsedCounter startedAt={new Date(START).toISOString()} label="Entry Time" />);
    act(() => setBrowserOnline(false));
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    act(() => setApiReachable(false));
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    act(() => setBrowserOnline(true));
    // Still away (the API has not answered yet): still the first moment.
    expect(screen.getByRole('timer', { name: /not confirmed/ })).toHaveTextContent('01:00:00');
  });
});
