import { useState } from 'react';

export type Flash = { direction: 'up' | 'down'; generation: number } | null;

/**
 * Returns a flash marker whenever `value` changes. The generation is meant as a React key so the
 * CSS animation restarts on every change; the animation fades out by itself, so no timers.
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
