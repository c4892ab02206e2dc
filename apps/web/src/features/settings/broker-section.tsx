'use client';

import { canTrade, logsInThroughKite, type TradingAccount, type TradingAccountBroker } from '@strikedesk/domain';
import { Badge, Button } from '@strikedesk/ui';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useSessionUser } from '@/lib/auth/auth-context.tsx';
import { useTradingAccounts } from '@/lib/queries/use-trading-accounts.ts';
import { BROKER_LABELS, CONNECTION_LABELS, CONNECTION_TONES, formatWhen, reconciliationText } from '../admin/broker-accounts-text.ts';
import { BrokerLoginNotice } from '../brokers/broker-login-notice.tsx';
import { useBrokerConnection } from '../brokers/use-broker-connection.ts';
import { useBrokerLoginResult } from '../brokers/use-broker-login-result.ts';
import layout from '../shell/layout.module.css';
import styles from './settings.module.css';
import brokerStyles from '../brokers/brokers.module.css';

/** The broker account assigned to this trader: how it is doing, and connecting it each day. */
export function BrokerSection() {
  const user = useSessionUser();
  const accounts = useTradingAccounts();
  const [result, dismiss] = useBrokerLoginResult();
  if (!canTrade(user.role)) return null;
  const live = (accounts.data ?? []).filter((account) => account.kind === 'live');
  const bound = live.flatMap((account) => (account.brokerAccount ? [account.brokerAccount] : []));
  const resultName = result?.brokerAccountId ? (bound.find((broker) => broker.id === result.brokerAccountId)?.name ?? null) : null;

  return (
    <section className={`${layout.panel} ${styles.narrow}`} aria-labelledby="broker-title" data-testid="broker-section">
      <h2 id="broker-title" className={layout.panelTitle}>
        Broker
      </h2>
      {result ? <BrokerLoginNotice result={result} accountName={resultName} onDismiss={dismiss} /> : null}
      {accounts.isError ? (
        <p className={layout.error} role="alert">
          {errorMessage(accounts.error)}
        </p>
      ) : !accounts.data ? (
        <p className={layout.muted}>Loading…</p>
      ) : bound.length === 0 ? (
        <NoBrokerAccount live={live} />
      ) : (
        bound.map((broker) => <BrokerAccountStatus key={broker.id} broker={broker} />)
      )}
    </section>
  );
}

function NoBrokerAccount({ live }: { live: TradingAccount[] }) {
  return (
    <p className={layout.muted} data-testid="broker-none">
      {live.length > 0
        ? 'Your broker account was unassigned: your live account keeps its history but takes no orders. Ask an admin to assign one.'
        : 'No broker account is assigned to you: you trade on paper. An admin can assign you a Zerodha or XTS account.'}
    </p>
  );
}

function BrokerAccountStatus({ broker }: { broker: TradingAccountBroker }) {
  const { connect, reconnect, disconnect } = useBrokerConnection('settings');
  const busy = connect.isPending || reconnect.isPending || disconnect.isPending;
  const kite = logsInThroughKite(broker.broker);
  const connected = broker.connection === 'CONNECTED';
  return (
    <div className={layout.stack} data-testid="broker-account">
      <dl className={layout.facts}>
        <dt>Account</dt>
        <dd data-testid="broker-account-name">{broker.name}</dd>
        <dt>Broker</dt>
        <dd>{BROKER_LABELS[broker.broker]}</dd>
        <dt>Status</dt>
        <dd className={layout.cluster}>
          <Badge tone={CONNECTION_TONES[broker.connection]} testId="broker-connection">
            {CONNECTION_LABELS[broker.connection]}
          </Badge>
          {broker.enabled ? null : <Badge tone="neutral">Disabled by an admin</Badge>}
        </dd>
        {broker.statusMessage ? (
          <>
            <dt>Message</dt>
            <dd data-testid="broker-status-message">{broker.statusMessage}</dd>
          </>
        ) : null}
        <dt>Last tick</dt>
        <dd data-testid="broker-last-tick">{formatWhen(broker.lastTickAt)}</dd>
        <dt>Reconciliation</dt>
        <dd data-testid="broker-last-reconciliation">
          {broker.lastReconciledAt === null ? 'Not yet' : `${reconciliationText(broker.lastReconciliation)} · ${formatWhen(broker.lastReconciledAt)}`}
        </dd>
      </dl>
      {kite ? <p className={layout.muted}>Zerodha sessions end every day: connect again before you trade each day.</p> : null}
      <div className={brokerStyles.actions}>
        {kite ? (
          <Button variant="primary" size="small" disabled={busy || !broker.enabled} onClick={() => connect.mutate(broker.id)} data-testid="broker-connect">
            {connect.isPending ? 'Opening Zerodha…' : 'Connect Zerodha'}
          </Button>
        ) : connected ? null : (
          <Button variant="primary" size="small" disabled={busy || !broker.enabled} onClick={() => reconnect.mutate(broker.id)} data-testid="broker-reconnect">
            Reconnect
          </Button>
        )}
        {connected || broker.connection === 'SESSION_EXPIRED' || broker.connection === 'ERROR' ? (
          <Button size="small" disabled={busy} onClick={() => disconnect.mutate(broker.id)} data-testid="broker-disconnect">
            Disconnect
          </Button>
        ) : null}
      </div>
    </div>
  );
}
