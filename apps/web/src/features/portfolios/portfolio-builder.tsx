'use client';

import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EnteredLeg, Portfolio, PortfolioDefinition, PortfolioLive } from '@strikedesk/domain';
import { Button, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorCodeOf, errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { EntrySection } from './entry-section.tsx';
import { ExecutionSection } from './execution-section.tsx';
import { ExitSection } from './exit-section.tsx';
import { HedgeSection } from './hedge-section.tsx';
import { templateLegs } from './leg-list.ts';
import { LegsSection } from './legs-section.tsx';
import { MonitoringSection } from './monitoring-section.tsx';
import { PayoffPanel } from './payoff-panel.tsx';
import { PortfolioActions } from './portfolio-actions.tsx';
import { rememberPortfolio } from './portfolio-cache.ts';
import { buildPortfolioDefinition, newPortfolioForm, toPortfolioForm, type PortfolioFormValues } from './portfolio-form.ts';
import { holdsPositions, isRunning } from './portfolio-text.ts';
import { SettingsSection } from './settings-section.tsx';
import { TemplatePicker } from './template-picker.tsx';
import { useLegResolutions } from './use-leg-resolutions.ts';
import layout from '../shell/layout.module.css';
import styles from './portfolios.module.css';

type PortfolioBuilderProps = {
  /** The saved portfolio being edited; null: a new one. */
  portfolio: Portfolio | null;
  live: PortfolioLive | null;
  canChange: boolean;
  onSaved: (portfolio: Portfolio) => void;
  onRemoved: () => void;
  /** Shown between the buttons and the form (the live panel of a running portfolio). */
  children?: ReactNode;
};

type Section = keyof Omit<PortfolioFormValues, 'legs'>;

const NO_LEGS: EnteredLeg[] = [];

/**
 * The builder: every setting of the definition, the legs with what they would trade now, and the
 * payoff, recomputed in the browser as anything changes. Locked while the engine runs it.
 */
export function PortfolioBuilder({ portfolio, live, canChange, onSaved, onRemoved, children }: PortfolioBuilderProps) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [initial] = useState<PortfolioFormValues>(() => (portfolio ? toPortfolioForm(portfolio.definition) : newPortfolioForm()));
  const [form, setForm] = useState(initial);
  // Messages appear once the trader tries to save, then follow every change.
  const [checked, setChecked] = useState(false);
  const built = useMemo(() => buildPortfolioDefinition(form), [form]);
  const errors = checked && !built.ok ? built.errors : {};
  const dirty = useMemo(() => JSON.stringify(form) !== JSON.stringify(initial), [form, initial]);
  const entered = useMemo(() => (portfolio && holdsPositions(live) ? portfolio.runtime.legs : NO_LEGS), [portfolio, live]);
  const market = useLegResolutions(form, entered);
  const locked = portfolio !== null && isRunning(portfolio.status);
  const editable = canChange && !locked;

  const save = useMutation({
    mutationFn: (definition: PortfolioDefinition) =>
      portfolio ? api.portfolios.update({ portfolioId: portfolio.id, expectedVersion: portfolio.version, definition }) : api.portfolios.create(definition),
    onSuccess: (saved) => {
      rememberPortfolio(queryClient, saved);
      toast.show({ kind: 'success', message: `Portfolio “${saved.definition.settings.name}” saved.` });
      onSaved(saved);
    },
  });
  const conflict = save.isError && errorCodeOf(save.error) === 'PORTFOLIO_VERSION_CONFLICT';

  const patch =
    <K extends Section>(section: K) =>
    (change: Partial<PortfolioFormValues[K]>) =>
      setForm((current) => ({ ...current, [section]: { ...current[section], ...change } }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (built.ok) save.mutate(built.value);
  };

  return (
    <form className={styles.builder} onSubmit={submit} noValidate aria-label="Portfolio builder">
      <div className={styles.toolbar}>
        {canChange ? (
          <>
            <Button type="submit" variant="primary" disabled={!editable || save.isPending || (portfolio !== null && !dirty)}>
              {save.isPending ? 'Saving…' : portfolio ? 'Save' : 'Save portfolio'}
            </Button>
            {portfolio ? <PortfolioActions portfolio={portfolio} live={live} dirty={dirty} resolutions={market.resolutions} onRemoved={onRemoved} /> : null}
          </>
        ) : (
          <span className={layout.muted}>Your account is view-only: you can look, not change.</span>
        )}
        {dirty && portfolio ? <span className={layout.muted}>Unsaved changes</span> : null}
      </div>
      {checked && !built.ok ? (
        <p role="alert" className={layout.error}>
          {built.errors[''] ?? 'Some settings need fixing: see the messages by the fields.'}
        </p>
      ) : null}
      {save.isError ? (
        <div role="alert" className={styles.serverError}>
          {errorMessage(save.error)}
          {conflict ? (
            <Button size="small" onClick={() => void queryClient.invalidateQueries({ queryKey: queryKeys.portfolios })}>
              Reload portfolio
            </Button>
          ) : null}
        </div>
      ) : null}
      {locked ? (
        <p role="note" className={styles.lockedNote}>
          The portfolio is running ({portfolio.status.replaceAll('_', ' ').toLowerCase()}): its settings cannot change until you stop or exit it.
        </p>
      ) : null}
      {children}
      <fieldset className={styles.editor} disabled={!editable}>
        <div className={styles.topRow}>
          <SettingsSection value={form.settings} errors={errors} onChange={patch('settings')} />
          <TemplatePicker onChoose={(templateId) => setForm((current) => ({ ...current, legs: templateLegs(templateId) }))} />
        </div>
        <LegsSection
          legs={form.legs}
          underlying={form.settings.underlying}
          resolutions={market.resolutions}
          errors={errors}
          onChange={(legs) => setForm((current) => ({ ...current, legs }))}
        />
        <PayoffPanel legs={market.legs} chains={market.chains} waiting={market.waiting} />
        <div className={styles.sections}>
          <ExecutionSection value={form.execution} errors={errors} onChange={patch('execution')} />
          <EntrySection value={form.entry} errors={errors} onChange={patch('entry')} />
          <ExitSection value={form.exit} errors={errors} onChange={patch('exit')} />
          <MonitoringSection value={form.monitoring} errors={errors} onChange={patch('monitoring')} />
          <HedgeSection value={form.hedge} errors={errors} onChange={patch('hedge')} />
        </div>
      </fieldset>
    </form>
  );
}
