import { parseRupees, rupeesLabel, type Paise } from '@strikedesk/domain';

/** Messages keyed by a form field's path ("settings.name", "legs.2.strike", "exit.target"). */
export type FieldErrors = Record<string, string>;

const WHOLE = /^[+-]?\d{1,9}$/;
const DECIMAL = /^[+-]?\d{1,9}(\.\d{1,6})?$/;

/**
 * Reads typed text into numbers while collecting a message per field that is not a number at all.
 * A field that fails here gets NaN in the candidate: the schema then complains about it too, but
 * the first message (this one, which says what to type) is the one kept.
 */
export class FormReader {
  readonly errors: FieldErrors = {};

  whole(key: string, text: string): number {
    const trimmed = text.trim().replace(/^\+/, '');
    if (WHOLE.test(trimmed)) return Number(trimmed);
    return this.fail(key, 'A whole number.');
  }

  decimal(key: string, text: string): number {
    const trimmed = text.trim().replace(/^\+/, '');
    if (DECIMAL.test(trimmed)) return Number(trimmed);
    return this.fail(key, 'A number such as 0.5.');
  }

  /** Exact paise from rupee text ("150", "150.50", "24,500"). */
  rupees(key: string, text: string): Paise {
    const value = text.trim() === '' ? null : parseRupees(text);
    if (value !== null) return value;
    return this.fail(key, 'Rupees, such as 150 or 150.50.') as Paise;
  }

  fail(key: string, message: string): number {
    this.errors[key] ??= message;
    return Number.NaN;
  }
}

/** Paise as rupee text for an input: "150", "150.5" stays "150.50", no grouping (the reader takes both). */
export const rupeesInput = (amount: Paise): string => rupeesLabel(amount).replace('₹', '').replaceAll(',', '').replace('−', '-');
