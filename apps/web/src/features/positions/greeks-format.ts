/**
 * Display of Greeks in rupees: model estimates (floats), never booked money, so they are rounded
 * for display only and never fed back into P&L (ADR 0002, 0007).
 */
const rupeeFormat = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

/** Whole rupees with Indian grouping and a sign ("+1,23,456", "-789", "0"). */
export function formatGreekRupees(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const rounded = Math.round(value);
  if (rounded === 0) return '0';
  return `${rounded > 0 ? '+' : '-'}${rupeeFormat.format(Math.abs(rounded))}`;
}

/** Lots with two decimals and a sign ("+0.52"). */
export function formatDeltaLots(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const rounded = Math.round(value * 100) / 100;
  const text = Math.abs(rounded).toFixed(2);
  return rounded > 0 ? `+${text}` : rounded < 0 ? `-${text}` : text;
}
