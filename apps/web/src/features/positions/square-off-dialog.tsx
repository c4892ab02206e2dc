'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SquareOffInput } from '@strikedesk/domain';
import { Button, Dialog, DialogError, DialogFooter, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { lotsLabel } from '../order-ticket/lots-label.ts';
import type { PositionRow } from './position-row.ts';
import layout from '../shell/layout.module.css';
import styles from './positions.module.css';

type SquareOffDialogProps = {
  /** The positions to close; `all` closes every open position, whatever the list shows. */
  scope: { kind: 'one'; row: PositionRow } | { kind: 'all'; rows: readonly PositionRow[] };
  onClose: () => void;
};

const describe = (row: PositionRow): string => {
  const name = row.instrument?.displayName ?? row.view.instrumentId;
  const quantity = row.view.netQuantity;
  const size = row.instrument ? lotsLabel(Math.abs(quantity) / row.instrument.lotSize) : `${Math.abs(quantity)} units`;
  return `${quantity > 0 ? 'SELL' : 'BUY'} ${size} ${name} ${row.view.product}`;
};

/** Confirms a square-off: cancels the open orders on the positions, then closes them at MARKET. */
export function SquareOffDialog({ scope, onClose }: SquareOffDialogProps) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const rows = scope.kind === 'one' ? [scope.row] : scope.rows.filter((row) => row.view.netQuantity !== 0);
  const squareOff = useMutation({
    mutationFn: (input: SquareOffInput) => api.positions.squareOff(input),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.orders });
      void queryClient.invalidateQueries({ queryKey: queryKeys.positions });
      const refused = result.exits.filter((order) => order.status === 'DENIED' || order.status === 'REJECTED');
      toast.show(
        refused.length > 0
          ? { kind: 'error', message: `Square-off: ${refused.length} exit order(s) refused: ${refused[0]?.reasonMessage ?? refused[0]?.status}` }
          : { kind: 'success', message: `Squared off: ${result.exits.length} exit order(s) sent, ${result.canceled.length} open order(s) cancelled.` },
      );
      onClose();
    },
  });
  const input: SquareOffInput =
    scope.kind === 'one' ? { positions: [{ instrumentId: scope.row.view.instrumentId, product: scope.row.view.product }] } : {};

  return (
    <Dialog open title={scope.kind === 'all' ? 'Square off all positions?' : 'Square off this position?'} onClose={onClose} testId="square-off-dialog">
      <div className={layout.stack}>
        <p className={styles.muted}>
          {scope.kind === 'all'
            ? 'Every open order of your account is cancelled first, then each open position is closed with a MARKET order:'
            : 'Its open orders are cancelled first, then it is closed with a MARKET order:'}
        </p>
        <ul className={styles.list} data-testid="square-off-list">
          {rows.map((row) => (
            <li key={row.key}>{describe(row)}</li>
          ))}
        </ul>
        {squareOff.isError ? (
          <DialogError testId="square-off-error">
            {errorMessage(squareOff.error)}
          </DialogError>
        ) : null}
        <DialogFooter>
          <Button onClick={onClose}>Keep positions</Button>
          <Button variant="danger" disabled={squareOff.isPending} onClick={() => squareOff.mutate(input)} data-testid="square-off-confirm">
            {squareOff.isPending ? 'Squaring off…' : 'Square off'}
          </Button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
