import { GreekLimitSchema, type GreekLimit } from '@strikedesk/domain';

export type GreekLimitFormValues = { accountId: string; underlying: string; maxDelta: string; maxVega: string };

export type GreekLimitFormResult = { ok: true; value: GreekLimit } | { ok: false; message: string };

/** An optional positive limit: empty text = no limit (null). */
function parseLimit(text: string, label: string): { ok: true; value: number | null } | { ok: false; message: string } {
  const trimmed = text.trim().replaceAll(',', '');
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d+(\.\d+)?$/.test(trimmed) || !(Number(trimmed) > 0)) return { ok: false, message: `${label} must be a positive number, or empty for no limit.` };
  return { ok: true, value: Number(trimmed) };
}

/** The `admin.risk.greekLimits.set` input; both maxima empty removes the account's limit. */
export function buildGreekLimit(form: GreekLimitFormValues): GreekLimitFormResult {
  if (form.accountId === '') return { ok: false, message: 'Choose a user.' };
  const delta = parseLimit(form.maxDelta, 'Max |delta| lots');
  if (!delta.ok) return delta;
  const vega = parseLimit(form.maxVega, 'Max |vega| ₹/vol point');
  if (!vega.ok) return vega;
  const parsed = GreekLimitSchema.safeParse({
    accountId: form.accountId,
    underlying: form.underlying,
    maxAbsDeltaLots: delta.value,
    maxAbsVegaRupees: vega.value,
  });
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((issue) => issue.message).join(' ') };
  return { ok: true, value: parsed.data };
}
