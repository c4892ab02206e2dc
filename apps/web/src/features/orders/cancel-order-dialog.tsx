'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unitsText, type Instrument, type Order } from '@strikedesk/domain';
import { Button, Dialog, DialogError, DialogFooter, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { upsertOrder } from '@/lib/queries/orders-cache.ts';
import { cancelOutcome } from './cancel-outcome.ts';
import { canCancelOrder } from './order-actions.ts';
import layout from '../shell/layout.module.css';

type CancelOrderDialogProps = { order: Order; instrument: Instrument | undefined; onClose: () => void };

export function CancelOrderDialog({ order, instrument, onClose }: CancelOrderDialogProps) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const cancel = useMutation({
    mutationFn: () => api.orders.cancel(order.orderId),
    onSuccess: (updated) => {
      upsertOrder(queryClient, updated);
      toast.show(cancelOutcome(updated));
      onClose();
    },
  });
  const name = instrument?.displayName ?? order.instrumentId;
  // The dialog follows the live order: one that filled or was cancelled meanwhile has nothing left to cancel.
  const finished = !canCancelOrder(order) && !cancel.isPending;

  return (
    <Dialog open title="Cancel order?" onClose={onClose} testId="cancel-dialog">
      <div className={layout.stack}>
        <p>
          Cancel the {order.side} order for {unitsText(order.quantity - order.filledQuantity)} units of {name}?
        </p>
        {finished ? (
          <p role="status" data-testid="cancel-no-longer">
            The order is now {order.status.replaceAll('_', ' ').toLowerCase()}: nothing left to cancel.
          </p>
        ) : null}
        {cancel.isError ? (
          <DialogError testId="cancel-error">
            {errorMessage(cancel.error)}
          </DialogError>
        ) : null}
        <DialogFooter>
          <Button onClick={onClose}>Keep order</Button>
          <Button variant="danger" disabled={cancel.isPending || finished} onClick={() => cancel.mutate()} data-testid="cancel-confirm">
            {cancel.isPending ? 'Cancelling…' : 'Cancel order'}
          </Button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
