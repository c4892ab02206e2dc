'use client';

import type { LegKind, Side } from '@strikedesk/domain';
import { Button, formatMoney, SegmentedControl, type SegmentOption } from '@strikedesk/ui';
import { formatGreek, formatIv } from '../option-chain/chain-view.ts';
import { CellInput, CellSelect } from './cell-field.tsx';
import type { FieldErrors } from './form-reader.ts';
import { legExpiryOptions, legKindOptions, STRIKE_VALUE_HINTS, strikeModeOptions } from './form-options.ts';
import type { LegFormValues } from './leg-form.ts';
import { optionDelta, resolvedLegName, type LegResolution } from './leg-resolution.ts';
import legStyles from './legs.module.css';
import styles from './portfolios.module.css';

export type LegRowProps = {
  leg: LegFormValues;
  index: number;
  count: number;
  underlying: string;
  resolution: LegResolution | undefined;
  errors: FieldErrors;
  exitsOpen: boolean;
  onToggleExits: () => void;
  onChange: (change: Partial<LegFormValues>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

const sideOptions: SegmentOption<Side>[] = [
  { value: 'BUY', label: 'BUY', tone: 'buy' },
  { value: 'SELL', label: 'SELL', tone: 'sell' },
];

/** What the leg would trade now, from the live chain, or why it cannot be priced. */
function ResolvedCells({ underlying, resolution, name }: { underlying: string; resolution: LegResolution | undefined; name: string }) {
  if (!resolution) return <td colSpan={4} className={styles.muted}>Loading the chain…</td>;
  if (!resolution.resolved) {
    return (
      <td colSpan={4} className={legStyles.legProblem} data-testid={`${name}-problem`}>
        {resolution.error}
      </td>
    );
  }
  const leg = resolution.resolved;
  return (
    <>
      <td>
        <span className={legStyles.instrument} data-testid={`${name}-instrument`}>
          {resolvedLegName(underlying, leg)}
        </span>
        {resolution.entered ? <span className={legStyles.entered}>{resolution.closed ? 'closed' : `entered @ ${formatMoney(leg.price)}`}</span> : null}
      </td>
      <td className={legStyles.number} data-testid={`${name}-ltp`}>
        {formatMoney(resolution.lastPrice)}
      </td>
      <td className={legStyles.number}>{leg.kind === 'FUT' ? '—' : formatIv(leg.iv)}</td>
      <td className={legStyles.number}>{formatGreek(optionDelta(leg), 2)}</td>
    </>
  );
}

/** One leg: its choices, and the instrument they pick from the live chain. */
export function LegRow({ leg, index, count, underlying, resolution, errors, exitsOpen, onToggleExits, onChange, onMove, onRemove }: LegRowProps) {
  const name = `Leg ${leg.id}`;
  const error = (field: string) => errors[`legs.${index}.${field}`];
  const future = leg.kind === 'FUT';
  return (
    <tr data-testid={`leg-row-${leg.id}`}>
      <th scope="row" className={legStyles.legId}>
        <button type="button" className={legStyles.disclosure} aria-expanded={exitsOpen} aria-label={`${name} targets and stops`} title="Targets and stops" onClick={onToggleExits}>
          {exitsOpen ? '▾' : '▸'}
        </button>
        {leg.id}
      </th>
      <td>
        <SegmentedControl label={`${name} side`} value={leg.side} options={sideOptions} onValueChange={(side) => onChange({ side })} />
      </td>
      <td>
        <CellSelect label={`${name} type`} value={leg.kind} options={legKindOptions} onValueChange={(kind: LegKind) => onChange({ kind })} />
      </td>
      <td>
        {future ? (
          <span className={styles.muted}>Nearest monthly future</span>
        ) : (
          <span className={legStyles.strikeCell}>
            <CellSelect
              label={`${name} strike selection`}
              value={leg.strikeMode}
              options={strikeModeOptions}
              onValueChange={(strikeMode) => onChange({ strikeMode })}
              className={legStyles.mode}
            />
            <CellInput
              label={`${name} strike value (${STRIKE_VALUE_HINTS[leg.strikeMode]})`}
              placeholder={STRIKE_VALUE_HINTS[leg.strikeMode]}
              inputMode="decimal"
              value={leg.strikeValue}
              onValueChange={(strikeValue) => onChange({ strikeValue })}
              error={error('strike')}
              className={legStyles.narrow}
            />
          </span>
        )}
      </td>
      <td>
        <CellSelect label={`${name} expiry`} value={leg.expiry} options={legExpiryOptions} onValueChange={(expiry) => onChange({ expiry })} />
      </td>
      <td>
        <CellInput label={`${name} lots`} inputMode="numeric" value={leg.lots} onValueChange={(lots) => onChange({ lots })} error={error('lots')} className={legStyles.tiny} />
      </td>
      <ResolvedCells underlying={underlying} resolution={resolution} name={`leg-${leg.id}`} />
      <td className={legStyles.legActions}>
        <Button size="small" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => onMove(-1)}>
          ↑
        </Button>
        <Button size="small" aria-label={`Move ${name} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
          ↓
        </Button>
        <Button size="small" variant="danger" aria-label={`Remove ${name}`} onClick={onRemove}>
          ✕
        </Button>
      </td>
    </tr>
  );
}
