import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import styles from './field.module.css';

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'type' | 'checked'> & {
  label: ReactNode;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  hint?: ReactNode;
};

/** A labelled checkbox; clicking the label toggles it. */
export function CheckboxField({ label, checked, onCheckedChange, hint, id, className = '', ...rest }: CheckboxFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = `${inputId}-hint`;
  return (
    <div className={`${styles.checkboxField} ${className}`}>
      <input
        id={inputId}
        type="checkbox"
        className={styles.checkbox}
        checked={checked}
        aria-describedby={hint ? hintId : undefined}
        onChange={(event) => onCheckedChange(event.target.checked)}
        {...rest}
      />
      <label className={styles.checkboxLabel} htmlFor={inputId}>
        {label}
        {hint ? (
          <span id={hintId} className={styles.hint}>
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}
