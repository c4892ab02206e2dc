'use client';

import { DIALOG_AUTOFOCUS, TextField } from '@strikedesk/ui';

/** The alert's level, focused as the dialog opens: it is what a trader sets, or moves. */
export function AlertPriceField({ value, onChange, hint }: { value: string; onChange: (price: string) => void; hint?: string }) {
  return <TextField label="Price (₹)" inputMode="decimal" value={value} onValueChange={onChange} hint={hint} data-testid="alert-price" {...DIALOG_AUTOFOCUS} />;
}

/** The alert's note, told with it when it fires; the server takes at most 200 characters. */
export function AlertNoteField({ value, onChange }: { value: string; onChange: (note: string) => void }) {
  return <TextField label="Note (optional)" value={value} maxLength={200} onValueChange={onChange} data-testid="alert-note" />;
}
