import { DIALOG_AUTOFOCUS, TextField } from '@strikedesk/ui';
import { formatRupees, type OrderType, type Paise } from '@strikedesk/domain';
import { needsPrice, needsTrigger, type OrderFormErrors } from './order-form.ts';
import { unitsHint } from './lots-label.ts';

type PriceFieldsProps = {
  testIdPrefix: string;
  type: OrderType;
  lots: string;
  price: string;
  triggerPrice: string;
  lotSize: number;
  tickSize: Paise;
  errors: OrderFormErrors;
  onChange: (field: 'lots' | 'price' | 'triggerPrice', value: string) => void;
  /** The field the dialog opens on (a new order: the lots; a modify: the price it most often changes). */
  focus?: 'lots' | 'price';
};

/** Lots plus only the price fields the order type uses (LIMIT: price; SL: both; SL-M: trigger). */
export function PriceFields({ testIdPrefix, type, lots, price, triggerPrice, lotSize, tickSize, errors, onChange, focus = 'lots' }: PriceFieldsProps) {
  // A MARKET or SL-M order has no price field: the lots then.
  const focused = focus === 'price' && needsPrice(type) ? 'price' : 'lots';
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
        {...(focused === 'lots' ? DIALOG_AUTOFOCUS : {})}
      />
      {needsPrice(type) ? (
        <TextField
          label="Price (₹)"
          inputMode="decimal"
          value={price}
          onValueChange={(value) => onChange('price', value)}
          hint={`Tick ₹${formatRupees(tickSize)}`}
          error={errors.price}
          data-testid={`${testIdPrefix}-price`}
          {...(focused === 'price' ? DIALOG_AUTOFOCUS : {})}
        />
      ) : null}
      {needsTrigger(type) ? (
        <TextField
          label="Trigger price (₹)"
          inputMode="decimal"
          value={triggerPrice}
          onValueChange={(value) => onChange('triggerPrice', value)}
          hint={`Tick ₹${formatRupees(tickSize)}`}
          error={errors.triggerPrice}
          data-testid={`${testIdPrefix}-trigger`}
        />
      ) : null}
    </>
  );
}
