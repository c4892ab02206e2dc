import { formatRupees, parseRupees, RiskLimitsSchema, type Paise, type RiskLimits } from '@strikedesk/domain';
import { LIMIT_FIELDS, type LimitField, type NumericLimitKey } from './risk-limit-fields.ts';

export type RiskLimitsFormValues = Record<NumericLimitKey, string> & { squareOffOnDailyLoss: boolean };
export type RiskLimitsFormErrors = Partial<Record<NumericLimitKey, string>>;
export type RiskLimitsFormResult = { ok: true; value: RiskLimits } | { ok: false; errors: RiskLimitsFormErrors };

/** The form's text for a version's limits: rupees exactly from paise, empty for "off". */
export function toRiskLimitsForm(limits: RiskLimits): RiskLimitsFormValues {
  const values = { squareOffOnDailyLoss: limits.squareOffOnDailyLoss } as RiskLimitsFormValues;
  for (const field of LIMIT_FIELDS) {
    const value = limits[field.key];
    values[field.key] = value === null ? '' : field.kind === 'rupees' ? formatRupees(value as Paise, { grouping: false }) : String(value);
  }
  return values;
}

type Parsed = { ok: true; value: number | null } | { ok: false; message: string };

function parseField(field: LimitField, text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return field.nullable ? { ok: true, value: null } : { ok: false, message: 'Required.' };
  switch (field.kind) {
    case 'rupees': {
      // Exact: text → integer paise with no floating point on the way (ADR 0002).
      const paise = parseRupees(trimmed);
      if (paise === null || paise <= 0) return { ok: false, message: 'A positive rupee amount, at most 2 decimals (e.g. 250000.50).' };
      return { ok: true, value: paise };
    }
    case 'percent':
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(trimmed)) return { ok: false, message: 'A percentage such as 20 or 7.5.' };
      return { ok: true, value: Number(trimmed) };
    case 'lots':
    case 'count': {
      const digits = trimmed.replaceAll(',', '');
      if (!/^\d{1,9}$/.test(digits)) return { ok: false, message: field.kind === 'lots' ? 'A whole number of lots.' : 'A whole number.' };
      return { ok: true, value: Number(digits) };
    }
  }
}

/** The RiskLimits the form describes, or a message per wrong field (empty = no limit where allowed). */
export function buildRiskLimits(form: RiskLimitsFormValues): RiskLimitsFormResult {
  const errors: RiskLimitsFormErrors = {};
  const values: Record<string, unknown> = { squareOffOnDailyLoss: form.squareOffOnDailyLoss };
  for (const field of LIMIT_FIELDS) {
    const parsed = parseField(field, form[field.key]);
    if (!parsed.ok) {
      errors[field.key] = parsed.message;
      continue;
    }
    // The domain schema has the last word on each field's range.
    const checked = RiskLimitsSchema.shape[field.key].safeParse(parsed.value);
    if (checked.success) values[field.key] = checked.data;
    else errors[field.key] = `Out of range: ${checked.error.issues.map((issue) => issue.message).join('; ')}`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: RiskLimitsSchema.parse(values) };
}
