'use client';

import { useId, type InputHTMLAttributes } from 'react';
import type { SelectOption } from '@strikedesk/ui';
import legStyles from './legs.module.css';

type CellInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  /** The accessible name ("Leg L1 lots"): a table cell has no room for a visible label, its column header says it. */
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string | undefined;
};

/** A compact input for a table cell, with its message under it. */
export function CellInput({ label, value, onValueChange, error, className = '', ...rest }: CellInputProps) {
  const messageId = useId();
  return (
    <span className={legStyles.cell}>
      <input
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? messageId : undefined}
        className={`${legStyles.cellControl} ${error ? legStyles.invalid : ''} ${className}`}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        {...rest}
      />
      {error ? (
        <span id={messageId} className={legStyles.cellError} role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

type CellSelectProps<Value extends string> = {
  label: string;
  value: Value;
  options: readonly SelectOption<Value>[];
  onValueChange: (value: Value) => void;
  className?: string;
};

/** A compact select for a table cell. */
export function CellSelect<Value extends string>({ label, value, options, onValueChange, className = '' }: CellSelectProps<Value>) {
  return (
    <select
      aria-label={label}
      className={`${legStyles.cellControl} ${className}`}
      value={value}
      onChange={(event) => {
        const chosen = options.find((option) => option.value === event.target.value);
        if (chosen) onValueChange(chosen.value);
      }}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
