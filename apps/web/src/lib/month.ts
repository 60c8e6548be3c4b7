/** `YYYY-MM` arithmetic for month pickers. (Day cutting and zones live in @workdiary/shared.) */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  if (y === undefined || m === undefined || !Number.isInteger(y) || !Number.isInteger(m)) return month;
  const index = y * 12 + (m - 1) + delta;
  const year = Math.floor(index / 12);
  const monthNumber = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(monthNumber).padStart(2, '0')}`;
}

