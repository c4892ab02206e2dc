'use client';

import { useId } from 'react';
import { CheckboxField, TextField } from '@strikedesk/ui';
import { textFieldProps, type ConfigFieldsProps } from './config-field-props.ts';
import { toggleWeekday, WEEKDAYS } from './strategy-schedule.ts';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

/** When a scheduled strategy enters its portfolio: a time of day (IST) and the weekdays it does. */
export function ScheduleFields(props: ConfigFieldsProps) {
  const { form, errors, onChange, testIdPrefix: prefix } = props;
  const daysId = useId();
  return (
    <>
      <TextField label="Entry time (IST)" placeholder="HH:MM, e.g. 09:20" inputMode="numeric" hint="24-hour clock" {...textFieldProps(props, 'scheduleTime')} />
      <div className={`${layout.stack} ${styles.span2}`}>
        <span className={layout.muted} id={daysId}>
          Weekdays
        </span>
        <div className={layout.cluster} role="group" aria-labelledby={daysId} data-testid={`${prefix}-weekdays`}>
          {WEEKDAYS.map(({ day, name }) => (
            <CheckboxField
              key={day}
              label={name}
              checked={form.scheduleWeekdays.includes(day)}
              onCheckedChange={(on) => onChange({ scheduleWeekdays: toggleWeekday(form.scheduleWeekdays, day, on) })}
              data-testid={`${prefix}-weekday-${day}`}
            />
          ))}
        </div>
      </div>
      {errors.scheduleWeekdays ? (
        <p className={`${styles.error} ${styles.span3}`} role="alert">
          {errors.scheduleWeekdays}
        </p>
      ) : null}
    </>
  );
}
