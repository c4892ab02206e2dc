import type { ManagedChild } from './child-process.ts';

/**
 * Keeps a child running across the exits that ask for a restart (`restartCode`: the engine's daily
 * restart for a new instrument listing, ADR 0025): a new one is started, waited for until `ready`
 * prints, and `onReplaced` says so — the launcher keeps it in its place among the children it
 * stops. Any other exit (a crash, or a restart that never got ready) calls `onFailed` once, and the
 * launcher stops everything, as before. Nothing happens once `stopping()` holds.
 */
export function keepRestarting(
  first: ManagedChild,
  how: {
    start(): ManagedChild;
    ready: RegExp;
    readyTimeoutMs: number;
    restartCode: number;
    stopping(): boolean;
    onReplaced(previous: ManagedChild, next: ManagedChild): void;
    onRestarted(next: ManagedChild): void;
    onFailed(child: ManagedChild, reason: string): void;
  },
): void {
  let failed = false;
  const fail = (child: ManagedChild, reason: string) => {
    if (failed || how.stopping()) return;
    failed = true;
    how.onFailed(child, reason);
  };
  const watch = (child: ManagedChild): void => {
    void child.exited.then(async (code) => {
      if (how.stopping() || failed) return;
      if (code !== how.restartCode) return fail(child, `exited unexpectedly (code ${code})`);
      const next = how.start();
      how.onReplaced(child, next);
      watch(next);
      try {
        await next.waitForLine(how.ready, how.readyTimeoutMs);
        how.onRestarted(next);
      } catch (error) {
        fail(next, `did not come back after its restart (${error instanceof Error ? error.message : String(error)})`);
      }
    });
  };
  watch(first);
}
