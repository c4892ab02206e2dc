import styles from './segmented-control.module.css';

export type SegmentOption<Value extends string> = {
  value: Value;
  label: string;
  tone?: 'buy' | 'sell';
  testId?: string;
};

type SegmentedControlProps<Value extends string> = {
  label: string;
  value: Value;
  options: readonly SegmentOption<Value>[];
  onValueChange: (value: Value) => void;
  testId?: string;
};

/** A radio group drawn as adjoining buttons (BUY/SELL, order type, product). */
export function SegmentedControl<Value extends string>({
  label,
  value,
  options,
  onValueChange,
  testId,
}: SegmentedControlProps<Value>) {
  return (
    <div role="radiogroup" aria-label={label} className={styles.group} data-testid={testId}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={option.value === value}
          data-tone={option.tone}
          data-testid={option.testId}
          className={styles.option}
          onClick={() => onValueChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
