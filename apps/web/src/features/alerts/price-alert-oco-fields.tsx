'use client';

import { oppositeCondition, type Instrument, type PriceAlertCondition } from '@strikedesk/domain';
import { TextField } from '@strikedesk/ui';
import { withOcoLevel, withOcoOrder, type OcoLegForm } from './price-alert-oco-form.ts';
import { AlertOrderFields } from './price-alert-order-fields.tsx';

/** "at or above" — a condition as the dialog's legends and labels say it. */
export const conditionWords = (condition: PriceAlertCondition): string => (condition === 'ABOVE' ? 'at or above' : 'at or below');

type OcoLegFieldsProps = { instrument: Instrument; alertCondition: PriceAlertCondition; value: OcoLegForm; onChange: (leg: OcoLegForm) => void };

/**
 * The second leg of an OCO pair: its level and its order. Its condition is shown, not chosen — the
 * opposite of the alert's, switching with it — in the level's label, so it cannot be misread as
 * another "Price (₹)" on the alert's side.
 */
export function OcoLegFields({ instrument, alertCondition, value, onChange }: OcoLegFieldsProps) {
  const words = conditionWords(oppositeCondition(alertCondition));
  return (
    <>
      <TextField
        label={`OCO leg: ${words} (₹)`}
        inputMode="decimal"
        value={value.price}
        onValueChange={(price) => onChange(withOcoLevel(value, price))}
        hint="On the other side of the last price from the alert's level."
        data-testid="alert-oco-price"
      />
      <AlertOrderFields
        instrument={instrument}
        value={value.order}
        onChange={(change) => onChange(withOcoOrder(value, change))}
        legend={`Order placed when it trades ${words}`}
        testIdPrefix="alert-oco-order"
      />
    </>
  );
}
