/** Levels one Page Up / Page Down moves the read-out by (of the ~200 the curve is computed at). */
const PAGE = 10;

/**
 * The chart's read-out for the keyboard: the level index a key moves it to (arrows one level,
 * Page keys ten, Home / End the ends), starting from `start` (spot's) when nothing is read yet;
 * undefined for a key the chart does not handle, so it keeps its default (Tab, scrolling).
 */
export function keyedIndex(key: string, current: number | null, count: number, start: number): number | undefined {
  if (count <= 0) return undefined;
  const from = current ?? start;
  const clamp = (index: number) => Math.min(count - 1, Math.max(0, index));
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return current === null ? clamp(from) : clamp(from + 1);
    case 'ArrowLeft':
    case 'ArrowDown':
      return current === null ? clamp(from) : clamp(from - 1);
    case 'PageUp':
      return clamp(from + PAGE);
    case 'PageDown':
      return clamp(from - PAGE);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
