import { TextField } from '@strikedesk/ui';
import type { OrderType } from '@strikedesk/domain';
import { needsPrice, needsTrigger, type OrderFormErrors } from './order-form.ts';

type PriceFieldsProps = {
  testIdPrefix: string;
  type: OrderType;
  lots: string;
  price: string;
  triggerPrice: string;
  lotSize: number;
  errors: OrderFormErrors;
  onChange: (field: 'lots' | 'price' | 'triggerPrice', value: string) => void;
};

const unitsHint = (lots: string, lotSize: number): string => {
  const whole = /^\d{1,7}$/.test(lots.trim()) ? Number(lots.trim()) : null;
  return whole === null ? `Lot size ${lotSize}` : `= ${whole * lotSize} units (lot size ${lotSize})`;
};

/** Lots plus only the price fields the order type uses (LIMIT: price; SL: both; SL-M: trigger). */
export function PriceFields({ testIdPrefix, type, lots, price, triggerPrice, lotSize, errors, onChange }: PriceFieldsProps) {
  return (
    <>
      <TextField
        label="Quantity (lots)"
        inputMode="numeric"
        value={lots}
        onValueChange={(value) => onChange('lots', value)}
        hint={unitsHint(lots, lotSize)}
        error={errors.lots}
        data-testid={`${testIdPrefix}-lots`}
      />
      {needsPrice(type) ? (
        <TextField
          label="Price (₹)"
          inputMode="decimal"
          value={price}
          onValueChange={(value) => onChange('price', value)}
          error={errors.price}
          data-testid={`${testIdPrefix}-price`}
        />
      ) : null}
      {needsTrigger(type) ? (
        <TextField
          label="Trigger price (₹)"
          inputMode="decimal"
          value={triggerPrice}
          onValueChange={(value) => onChange('triggerPrice', value)}
          error={errors.triggerPrice}
          data-testid={`${testIdPrefix}-trigger`}
        />
      ) : null}
    </>
  );
}
