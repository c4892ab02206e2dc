import { describe, expect, it } from 'vitest';
import { startChild, type ManagedChild } from './child-process.ts';
import { keepRestarting } from './restartable-child.ts';

/** A real node process running `script`. */
const node = (name: string, script: string): ManagedChild => startChild(name, process.execPath, ['-e', script], { cwd: process.cwd(), env: process.env, echo: false });

/** Children started in turn from `scripts`, watched by keepRestarting; resolves with what happened. */
function supervise(scripts: string[]): Promise<{ events: string[]; current: ManagedChild }> {
  let started = 0;
  const events: string[] = [];
  const children = [node('engine', scripts[started++]!)];
  return new Promise((resolve) => {
    keepRestarting(children[0]!, {
      start: () => node('engine', scripts[started++] ?? 'process.exit(9)'),
      ready: /^READY$/,
      readyTimeoutMs: 5_000,
      restartCode: 75,
      stopping: () => false,
      onReplaced: (previous, next) => {
        children[children.indexOf(previous)] = next;
        events.push('replaced');
      },
      onRestarted: (next) => {
        events.push('restarted');
        if (started === scripts.length) resolve({ events, current: next });
      },
      onFailed: (_child, reason) => {
        events.push(`failed: ${reason}`);
        resolve({ events, current: children[0]! });
      },
    });
  });
}

describe('a child kept running across restart requests', () => {
  it('is started again after each exit with the restart code, and kept in its place', async () => {
    const { events, current } = await supervise(['process.exit(75)', 'console.log("READY"); setTimeout(() => process.exit(75), 50)', 'console.log("READY"); setInterval(() => {}, 1000)']);
    expect(events).toEqual(['replaced', 'restarted', 'replaced', 'restarted']);
    await current.stop();
  });

  it('fails on any other exit code, and on a restart that never gets ready', async () => {
    expect((await supervise(['process.exit(1)'])).events).toEqual(['failed: exited unexpectedly (code 1)']);
    const { events } = await supervise(['process.exit(75)', 'process.exit(3)']);
    expect(events[0]).toBe('replaced');
    expect(events[1]).toMatch(/^failed: /);
    expect(events).toHaveLength(2);
  });
});
