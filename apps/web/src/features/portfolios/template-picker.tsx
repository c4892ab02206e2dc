'use client';

import { useId } from 'react';
import { PORTFOLIO_TEMPLATES, type PortfolioTemplateId } from '@strikedesk/domain';
import layout from '../shell/layout.module.css';
import styles from './portfolios.module.css';

/** Ready-made structures; choosing one replaces the legs (the settings stay). */
export function TemplatePicker({ onChoose }: { onChoose: (templateId: PortfolioTemplateId) => void }) {
  const titleId = useId();
  return (
    <section className={layout.panel} aria-labelledby={titleId}>
      <h3 className={layout.panelTitle} id={titleId}>
        Templates <span className={layout.muted}>(replace the legs)</span>
      </h3>
      <div className={styles.templates} role="group" aria-labelledby={titleId}>
        {PORTFOLIO_TEMPLATES.map((template) => (
          <button key={template.id} type="button" className={styles.template} title={template.description} onClick={() => onChoose(template.id)}>
            {template.name}
          </button>
        ))}
      </div>
    </section>
  );
}
