'use client';

import { useId, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { Strategy } from '@strikedesk/domain';
import { Button, SegmentedControl } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { alertCheckHeadline, alertReadText, exampleAlertMessage } from './alert-check-text.ts';
import { tradingViewSymbol } from './strategy-config-text.ts';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

type ContentType = 'json' | 'text';
const CONTENT_TYPES = [
  { value: 'json', label: 'JSON' },
  { value: 'text', label: 'Text' },
] as const;

/**
 * "Check a message": a dry run of an alert message — what the webhook would answer and what the
 * strategy would do now — without sending a real alert (nothing is stored or traded).
 */
export function AlertCheck({ strategy, alertMessage }: { strategy: Strategy; alertMessage: string }) {
  const { api } = useAuth();
  const fieldId = useId();
  const [body, setBody] = useState(() => exampleAlertMessage(alertMessage, tradingViewSymbol(strategy.config.target)));
  const [contentType, setContentType] = useState<ContentType>('json');
  const check = useMutation({ mutationFn: () => api.strategies.checkAlert({ strategyId: strategy.id, body, contentType }) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    check.mutate();
  };
  const result = check.data;

  return (
    <form onSubmit={submit} aria-label="Check a message" data-testid="alert-check">
      <label htmlFor={fieldId} className={layout.muted}>
        Check a message — what this alert would do now (nothing is sent or stored)
      </label>
      <textarea
        id={fieldId}
        className={`${layout.code} ${styles.alertCheckInput}`}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        rows={8}
        spellCheck={false}
        data-testid="alert-check-body"
      />
      <div className={styles.row}>
        <SegmentedControl label="Sent as" value={contentType} options={CONTENT_TYPES} onValueChange={setContentType} />
        <Button type="submit" size="small" disabled={check.isPending || body.trim() === ''} data-testid="alert-check-submit">
          {check.isPending ? 'Checking…' : 'Check'}
        </Button>
      </div>
      <div aria-live="polite" data-testid="alert-check-answer">
        {check.isError ? (
          <p className={styles.error} role="alert">
            The message could not be checked: {errorMessage(check.error)}
          </p>
        ) : null}
        {result && !check.isPending ? (
          <div className={result.ok && result.wouldDo.kind !== 'REFUSED' ? styles.note : styles.error}>
            <p data-testid="alert-check-headline">{alertCheckHeadline(result)}</p>
            {result.ok ? <p className={layout.muted}>Read as: {alertReadText(result.parsed)}.</p> : null}
            {result.ok && result.notes.length > 0 ? (
              <ul className={layout.muted}>
                {result.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}
