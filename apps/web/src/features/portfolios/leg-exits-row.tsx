'use client';

import { CellInput, CellSelect } from './cell-field.tsx';
import type { FieldErrors } from './form-reader.ts';
import { legOrderTypeOptions, thresholdUnitOptions } from './form-options.ts';
import type { LegFormValues, ThresholdForm } from './leg-form.ts';
import legStyles from './legs.module.css';

type LegExitsRowProps = {
  leg: LegFormValues;
  index: number;
  errors: FieldErrors;
  columns: number;
  onChange: (change: Partial<LegFormValues>) => void;
};

type ThresholdField = 'target' | 'stopLoss' | 'stopToCostAt';

const TITLES: Readonly<Record<ThresholdField, string>> = { target: 'target', stopLoss: 'stop loss', stopToCostAt: 'stop to cost at' };

/** The leg's own exits: distances from its entry price, in rupee points or percent of it. */
export function LegExitsRow({ leg, index, errors, columns, onChange }: LegExitsRowProps) {
  const name = `Leg ${leg.id}`;
  const threshold = (field: ThresholdField) => {
    const value: ThresholdForm = leg[field];
    return (
      <span className={legStyles.exitField}>
        <span className={legStyles.exitLabel}>{TITLES[field]}</span>
        <CellSelect
          label={`${name} ${TITLES[field]} unit`}
          value={value.unit}
          options={thresholdUnitOptions}
          onValueChange={(unit) => onChange({ [field]: { ...value, unit } })}
          className={legStyles.unit}
        />
        {value.unit === 'NONE' ? null : (
          <CellInput
            label={`${name} ${TITLES[field]}`}
            inputMode="decimal"
            value={value.value}
            onValueChange={(text) => onChange({ [field]: { ...value, value: text } })}
            error={errors[`legs.${index}.${field}`]}
            className={legStyles.narrow}
          />
        )}
      </span>
    );
  };
  const { trailing } = leg;
  return (
    <tr className={legStyles.exitsRow} data-testid={`leg-exits-${leg.id}`}>
      <td />
      <td colSpan={columns - 1}>
        <div className={legStyles.exits} role="group" aria-label={`${name} targets and stops`}>
          <span className={legStyles.exitField}>
            <span className={legStyles.exitLabel}>order</span>
            <CellSelect label={`${name} order type`} value={leg.orderType} options={legOrderTypeOptions} onValueChange={(orderType) => onChange({ orderType })} className={legStyles.mode} />
          </span>
          {threshold('target')}
          {threshold('stopLoss')}
          <span className={legStyles.exitField}>
            <span className={legStyles.exitLabel}>trail</span>
            <CellSelect
              label={`${name} trailing unit`}
              value={trailing.unit}
              options={thresholdUnitOptions}
              onValueChange={(unit) => onChange({ trailing: { ...trailing, unit } })}
              className={legStyles.unit}
            />
            {trailing.unit === 'NONE' ? null : (
              <>
                <span className={legStyles.exitLabel}>every</span>
                <CellInput
                  label={`${name} trail every`}
                  inputMode="decimal"
                  value={trailing.every}
                  onValueChange={(every) => onChange({ trailing: { ...trailing, every } })}
                  error={errors[`legs.${index}.trailing`]}
                  className={legStyles.narrow}
                />
                <span className={legStyles.exitLabel}>by</span>
                <CellInput
                  label={`${name} trail by`}
                  inputMode="decimal"
                  value={trailing.by}
                  onValueChange={(by) => onChange({ trailing: { ...trailing, by } })}
                  className={legStyles.narrow}
                />
              </>
            )}
          </span>
          {threshold('stopToCostAt')}
        </div>
      </td>
    </tr>
  );
}
