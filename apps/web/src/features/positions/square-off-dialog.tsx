'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SquareOffInput } from '@strikedesk/domain';
import { Button, Dialog, DialogError, DialogFooter, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import type { PositionRow } from './position-row.ts';
import { squareOffText } from './square-off-text.ts';
import layout from '../shell/layout.module.css';
import styles from './positions.module.css';

type SquareOffDialogProps = {
  /**
   * The positions to close, as they stand now (live rows, not the row clicked: a fill while the
   * dialog is open changes what the square-off sends); `all` closes every open position, whatever
   * the list shows. `one` with a row that is now flat (or gone) has nothing left to close.
   */
  scope: { kind: 'one'; row: PositionRow | undefined } | { kind: 'all'; rows: readonly PositionRow[] };
  onClose: () => void;
};

/** Confirms a square-off: cancels the open orders on the positions, then closes them at MARKET. */
export function SquareOffDialog({ scope, onClose }: SquareOffDialogProps) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const rows = (scope.kind === 'one' ? (scope.row ? [scope.row] : []) : scope.rows).filter((row) => row.view.netQuantity !== 0);
  const flat = scope.kind === 'one' && rows.length === 0;
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
  const input: SquareOffInput | null =
    scope.kind === 'all' ? {} : scope.row ? { positions: [{ instrumentId: scope.row.view.instrumentId, product: scope.row.view.product }] } : null;

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
            <li key={row.key}>{squareOffText(row.view, row.instrument)}</li>
          ))}
        </ul>
        {flat && !squareOff.isPending ? (
          <p role="status" data-testid="square-off-flat">
            This position is flat now: nothing left to square off.
          </p>
        ) : null}
        {squareOff.isError ? (
          <DialogError testId="square-off-error">
            {errorMessage(squareOff.error)}
          </DialogError>
        ) : null}
        <DialogFooter>
          <Button onClick={onClose}>Keep positions</Button>
          <Button variant="danger" disabled={squareOff.isPending || flat || input === null} onClick={() => input && squareOff.mutate(input)} data-testid="square-off-confirm">
            {squareOff.isPending ? 'Squaring off…' : 'Square off'}
          </Button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
