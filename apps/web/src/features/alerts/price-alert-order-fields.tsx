'use client';

import { formatRupees, PRICE_ALERT_ORDER_TYPES, SIDES, type Instrument } from '@strikedesk/domain';
import { SegmentedControl, TextField, type SegmentOption } from '@strikedesk/ui';
import { ORDER_TYPE_LABELS } from '../order-ticket/order-form.ts';
import { unitsHint } from '../order-ticket/lots-label.ts';
import { productOptions } from '../order-ticket/order-type-options.ts';
import type { AlertOrderForm } from './price-alert-order-form.ts';
import styles from './price-alerts.module.css';

const sideOptions = (prefix: string): SegmentOption<AlertOrderForm['side']>[] =>
  SIDES.map((side) => ({ value: side, label: side, tone: side === 'BUY' ? 'buy' : 'sell', testId: `${prefix}-side-${side}` }));

// LIMIT and MARKET only (a GTT takes no stop: price-alert-order.ts), labelled as on the ticket.
const typeOptions = (prefix: string): SegmentOption<AlertOrderForm['type']>[] =>
  PRICE_ALERT_ORDER_TYPES.map((type) => ({ value: type, label: ORDER_TYPE_LABELS[type], testId: `${prefix}-type-${type}` }));

type AlertOrderFieldsProps = {
  instrument: Instrument;
  value: AlertOrderForm;
  onChange: (change: Partial<AlertOrderForm>) => void;
  /** An OCO pair has two orders: each its own legend and test ids (`alert-order-lots`, `alert-oco-order-lots`...). */
  legend?: string;
  testIdPrefix?: string;
};

/**
 * The order a GTT places when it fires: the order ticket's controls, less stops. Its own fields
 * rather than the ticket's PriceFields: their "Price (₹)" would share its label with the alert's
 * level above, and they mark the lots for the dialog's first focus.
 */
export function AlertOrderFields({ instrument, value, onChange, legend = 'Order placed when it fires', testIdPrefix: prefix = 'alert-order' }: AlertOrderFieldsProps) {
  return (
    <fieldset className={styles.order} data-testid={prefix}>
      <legend className={styles.legend}>{legend}</legend>
      <div className={styles.row}>
        <SegmentedControl label="Order side" value={value.side} options={sideOptions(prefix)} onValueChange={(side) => onChange({ side })} />
        <SegmentedControl label="Order product" value={value.product} options={productOptions(prefix)} onValueChange={(product) => onChange({ product })} />
        <SegmentedControl label="Order type" value={value.type} options={typeOptions(prefix)} onValueChange={(type) => onChange({ type })} />
      </div>
      <div className={styles.row}>
        <TextField
          label="Quantity (lots)"
          inputMode="numeric"
          value={value.lots}
          onValueChange={(lots) => onChange({ lots })}
          hint={unitsHint(value.lots, instrument.lotSize)}
          data-testid={`${prefix}-lots`}
        />
        {value.type === 'LIMIT' ? (
          <TextField
            label="Limit price (₹)"
            inputMode="decimal"
            value={value.price}
            onValueChange={(price) => onChange({ price })}
            // It fires once the price is at or past the level: a limit exactly there may be left behind in a fast move.
            hint={`Tick ₹${formatRupees(instrument.tickSize)}. When it fires the price may already be past the level: a limit at the level may not fill.`}
            data-testid={`${prefix}-price`}
          />
        ) : null}
      </div>
    </fieldset>
  );
}
