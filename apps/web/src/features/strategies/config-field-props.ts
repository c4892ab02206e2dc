import type { StrategyFormErrors, StrategyFormField, StrategyFormValues } from './strategy-form.ts';

/** What every section of the configuration form gets: the values, their errors and a way to change them. */
export type ConfigFieldsProps = {
  form: StrategyFormValues;
  errors: StrategyFormErrors;
  onChange: (change: Partial<StrategyFormValues>) => void;
  testIdPrefix: string;
};

type TextField = Exclude<StrategyFormField, 'scheduleWeekdays'>;

/** The props of a TextField editing one text value of the form. */
export function textFieldProps({ form, errors, onChange, testIdPrefix }: ConfigFieldsProps, field: TextField) {
  return {
    value: String(form[field]),
    onValueChange: (value: string) => onChange({ [field]: value }),
    error: errors[field] ?? null,
    'data-testid': `${testIdPrefix}-${field}`,
  };
}
