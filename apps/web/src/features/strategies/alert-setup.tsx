'use client';

import type { Strategy } from '@strikedesk/domain';
import { AlertCheck } from './alert-check.tsx';
import { CopyButton } from './copy-button.tsx';
import { tradingViewSymbol } from './strategy-config-text.ts';
import { webhookUrlProblem } from './webhook-reachability.ts';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

type AlertSetupProps = {
  strategy: Strategy;
  alertMessage: string;
  pineScript: string;
  /** A TradingView → portfolio strategy's portfolio underlying, once known: the chart to alert on. */
  portfolioUnderlying?: string | undefined;
};

function CodeBlock({ title, text, what, testId }: { title: string; text: string; what: string; testId: string }) {
  return (
    <div>
      <div className={styles.codeHeader}>
        <span className={layout.muted}>{title}</span>
        <CopyButton text={text} what={what} testId={`${testId}-copy`} />
      </div>
      <pre className={`${layout.code} ${styles.alertText}`} data-testid={testId}>
        {text}
      </pre>
    </div>
  );
}

/** How alerts drive a portfolio: the engine's rules a trader needs to write their Pine strategy. */
function portfolioAlertText(underlying: string | undefined): string {
  const chart = underlying ? ` The ticker, if any, must be ${underlying} (NSE:${underlying}, ${underlying}1!…).` : " The ticker, if any, must be the portfolio's underlying.";
  return ` A buy or sell alert arms the portfolio, an exit alert squares it off; reverse and target alerts are refused, and the contracts are ignored (the portfolio's legs set the quantities).${chart}`;
}

/** What to paste into TradingView: the alert message (placeholders filled there) and a Pine Script example. */
export function AlertSetup({ strategy, alertMessage, pineScript, portfolioUnderlying }: AlertSetupProps) {
  const symbol = tradingViewSymbol(strategy.config.target);
  // The URL was made from this page's address: if TradingView cannot reach it, no alert will ever arrive.
  const unreachable = typeof window === 'undefined' ? null : webhookUrlProblem(`${window.location.origin}/webhooks/tradingview/${strategy.tokenHint}`);
  return (
    <section className={layout.panel} aria-labelledby="alert-setup-title" data-testid="alert-setup">
      <h3 className={layout.panelTitle} id="alert-setup-title">
        TradingView alert
      </h3>
      <p className={layout.muted}>
        Create an alert on your strategy{symbol ? ` (chart ${symbol} or the index)` : ''}, set its Webhook URL to the one shown when the
        strategy was created (it ends …{strategy.tokenHint}) and paste this as its message.
        {strategy.hasPassphrase ? ' Replace <your passphrase> with the passphrase.' : ''}
        {strategy.template === 'TV_PORTFOLIO' ? portfolioAlertText(portfolioUnderlying) : ''}
      </p>
      {unreachable ? (
        <p className={styles.note} role="note" data-testid="alert-setup-unreachable">
          {unreachable}
        </p>
      ) : null}
      <CodeBlock title="Alert message" text={alertMessage} what="Alert message" testId="alert-message" />
      <CodeBlock title="Pine Script example (orders carry their own message)" text={pineScript} what="Pine Script" testId="pine-script" />
      <AlertCheck strategy={strategy} alertMessage={alertMessage} />
    </section>
  );
}
