'use client';

import { useId } from 'react';
import { STRATEGY_TEMPLATES, type StrategyTemplate } from '@strikedesk/domain';
import { TEMPLATE_TEXT } from './strategy-templates.ts';
import styles from './strategies.module.css';

type TemplateChoiceProps = { value: StrategyTemplate; onChange: (template: StrategyTemplate) => void; testIdPrefix: string };

/** The three strategy templates, each with what it does; chosen once, when the strategy is created. */
export function TemplateChoice({ value, onChange, testIdPrefix }: TemplateChoiceProps) {
  const idPrefix = useId();
  return (
    <fieldset className={`${styles.fieldset} ${styles.templates}`}>
      <legend className={styles.legend}>Template</legend>
      {STRATEGY_TEMPLATES.map((template) => (
        <label key={template} className={styles.template}>
          <input
            type="radio"
            name={`${idPrefix}-template`}
            value={template}
            checked={template === value}
            onChange={() => onChange(template)}
            // Named by the template alone; what it does is its description.
            aria-labelledby={`${idPrefix}-${template}-label`}
            aria-describedby={`${idPrefix}-${template}-description`}
            data-testid={`${testIdPrefix}-template-${template}`}
          />
          <span className={styles.templateText}>
            <span className={styles.templateLabel} id={`${idPrefix}-${template}-label`}>{TEMPLATE_TEXT[template].label}</span>
            <span className={styles.templateDescription} id={`${idPrefix}-${template}-description`}>{TEMPLATE_TEXT[template].description}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
