// The one way benchmarks print a figure: the product against its reference measured in the same
// run, and their ratio, so the number says how far the product is from what the machine can do
// (times alone change with the machine and whatever else runs on it).
//   printFigure({ figure: 'export 100,000 rows, time', product: 3120, reference: 2980, unit: 'ms', target: '≤ 1.1×' })
//   → export 100,000 rows, time: product 3120 ms, reference 2980 ms, ratio 1.05 (target ≤ 1.1×)

export type Figure = {
  /** What is measured, e.g. 'diary overview 2026-11, p95'. */
  figure: string;
  product: number;
  reference: number;
  /** Unit of product and reference: 'ms', 'MB', 'req/s', … */
  unit: string;
  /** The goal as written in the issue, e.g. '≤ 1.5×' or '≤ 300 MB'. */
  target: string;
};

/** Few digits for big numbers, more for small ones: 12345 → "12345", 12.34 → "12.3", 0.456 → "0.456". */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  if (abs >= 1) return n.toFixed(2);
  return n.toFixed(3);
}

export function ratio(product: number, reference: number): string {
  if (reference === 0) return product === 0 ? '1.00' : '∞';
  const r = product / reference;
  // Two significant digits for small ratios (a throughput at 0.0035× of hello-world is not "0.00").
  return Math.abs(r) < 0.1 && r !== 0 ? r.toPrecision(2) : r.toFixed(2);
}

/** Prints `figure: product X unit, reference Y unit, ratio Z (target T)` and returns the line. */
export function printFigure({ figure, product, reference, unit, target }: Figure): string {
  const u = unit ? ` ${unit}` : '';
  const line = `${figure}: product ${formatNumber(product)}${u}, reference ${formatNumber(reference)}${u}, ratio ${ratio(product, reference)} (target ${target})`;
  console.log(line);
  return line;
}
