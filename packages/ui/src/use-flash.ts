import { useState } from 'react';

export type Flash = { direction: 'up' | 'down'; generation: number } | null;

/**
 * Returns a flash marker whenever `value` changes. Its generation alternates the CSS animation
 * between two identical twins (see flashClass), which restarts it on every change without
 * remounting the element; the animation fades out by itself, so no timers.
 */
export function useFlash(value: number | null | undefined): Flash {
  const [previous, setPrevious] = useState(value);
  const [flash, setFlash] = useState<Flash>(null);
  if (value !== previous) {
    setPrevious(value);
    if (value !== null && value !== undefined && previous !== null && previous !== undefined) {
      setFlash({ direction: value > previous ? 'up' : 'down', generation: (flash?.generation ?? 0) + 1 });
    }
  }
  return flash;
}

/** The class for a flash: alternates twin animations so each change restarts the animation. */
export function flashClass(flash: Flash, styles: Readonly<Record<string, string>>): string {
  if (!flash) return '';
  const alternate = flash.generation % 2 === 1;
  if (flash.direction === 'up') return (alternate ? styles['flashUpAlt'] : styles['flashUp']) ?? '';
  return (alternate ? styles['flashDownAlt'] : styles['flashDown']) ?? '';
}
