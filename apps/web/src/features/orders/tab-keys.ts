/**
 * The tab a key moves to in a tablist, as the WAI-ARIA tabs pattern has it: only the selected tab
 * is in the Tab order, the arrows move between tabs (wrapping) and Home / End go to the first and
 * last. Null for any other key (the browser keeps it).
 */
export function tabForKey<T>(tabs: readonly T[], current: T, key: string): T | null {
  const index = tabs.indexOf(current);
  const last = tabs.length - 1;
  switch (key) {
    case 'ArrowRight':
      return tabs[index >= last ? 0 : index + 1] ?? null;
    case 'ArrowLeft':
      return tabs[index <= 0 ? last : index - 1] ?? null;
    case 'Home':
      return tabs[0] ?? null;
    case 'End':
      return tabs[last] ?? null;
    default:
      return null;
  }
}
