import { asInstrumentId, paise, type Instrument } from '@strikedesk/domain';

/** The option the alert dialog's tests set alerts and GTTs on (lot 65, tick ₹0.05). */
export const testOption = {
  id: asInstrumentId('NFO:NIFTY26D0926000CE'),
  kind: 'CALL',
  expiry: '2026-12-09',
  tradable: true,
  lotSize: 65,
  tickSize: paise(5),
  displayName: 'NIFTY 09 DEC 26000 CE',
} as Instrument;
