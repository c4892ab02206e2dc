/**
 * Notices the exchange session closing (checked once a second): the paper venue then expires its
 * working DAY orders, as NSE does at 15:30. Never fires when the market is simulated always open.
 */
export class SessionWatcher {
  private timer: NodeJS.Timeout | null = null;
  private wasOpen: boolean | null = null;

  constructor(private readonly deps: { isOpen(): boolean; onClose(): void }) {}

  start(intervalMs = 1_000): void {
    // Seen open at once: an engine started in the session's last second still sees its close.
    this.check();
    this.timer = setInterval(() => this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  check(): void {
    const open = this.deps.isOpen();
    if (this.wasOpen === true && !open) this.deps.onClose();
    this.wasOpen = open;
  }
}
