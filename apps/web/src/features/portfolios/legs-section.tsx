'use client';

import { Fragment, useState } from 'react';
import { Button } from '@strikedesk/ui';
import type { FieldErrors } from './form-reader.ts';
import { LegExitsRow } from './leg-exits-row.tsx';
import type { LegFormValues } from './leg-form.ts';
import { addLeg, moveLeg, removeLeg, updateLeg } from './leg-list.ts';
import type { LegResolution } from './leg-resolution.ts';
import { LegRow } from './leg-row.tsx';
import layout from '../shell/layout.module.css';
import legStyles from './legs.module.css';

type LegsSectionProps = {
  legs: LegFormValues[];
  underlying: string;
  resolutions: readonly LegResolution[];
  errors: FieldErrors;
  onChange: (legs: LegFormValues[]) => void;
};

const HEADERS = ['Leg', 'Side', 'Type', 'Strike', 'Expiry', 'Lots', 'Instrument', 'LTP', 'IV %', 'Delta', 'Actions'];

const hasExits = (leg: LegFormValues): boolean =>
  leg.target.unit !== 'NONE' || leg.stopLoss.unit !== 'NONE' || leg.trailing.unit !== 'NONE' || leg.stopToCostAt.unit !== 'NONE';

/** The legs, one row each, with what each would trade now; a leg's targets and stops open under it. */
export function LegsSection({ legs, underlying, resolutions, errors, onChange }: LegsSectionProps) {
  // Legs that already have exits start open, so saved stops are never out of sight.
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(legs.filter(hasExits).map((leg) => leg.id)));
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const legErrorShown = (index: number) => Object.keys(errors).some((key) => key.startsWith(`legs.${index}.`) && !/\.(strike|lots)$/.test(key));

  return (
    <section className={layout.panel} aria-labelledby="portfolio-legs-title">
      <div className={layout.titleRow}>
        <h3 className={layout.panelTitle} id="portfolio-legs-title">
          Legs
        </h3>
        <Button size="small" onClick={() => onChange(addLeg(legs))} disabled={legs.length >= 12}>
          Add leg
        </Button>
      </div>
      {errors['legs'] ? (
        <p className={layout.error} role="alert">
          {errors['legs']}
        </p>
      ) : null}
      {legs.length === 0 ? (
        <p className={layout.muted}>No legs yet: pick a template above or add legs one by one.</p>
      ) : (
        <div className={legStyles.tableScroll}>
          <table className={legStyles.legsTable} aria-label="Legs">
            <thead>
              <tr>
                {HEADERS.map((header) => (
                  <th key={header} scope="col">
                    {header === 'Actions' ? <span className="sd-visually-hidden">{header}</span> : header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {legs.map((leg, index) => (
                <Fragment key={leg.id}>
                  <LegRow
                    leg={leg}
                    index={index}
                    count={legs.length}
                    underlying={underlying}
                    resolution={resolutions[index]}
                    errors={errors}
                    exitsOpen={open.has(leg.id) || legErrorShown(index)}
                    onToggleExits={() => toggle(leg.id)}
                    onChange={(change) => onChange(updateLeg(legs, index, change))}
                    onMove={(by) => onChange(moveLeg(legs, index, by))}
                    onRemove={() => onChange(removeLeg(legs, index))}
                  />
                  {open.has(leg.id) || legErrorShown(index) ? (
                    <LegExitsRow leg={leg} index={index} errors={errors} columns={HEADERS.length} onChange={(change) => onChange(updateLeg(legs, index, change))} />
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
