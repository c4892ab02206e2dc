/**
 * Puts text on the clipboard. The Clipboard API exists only in secure contexts (HTTPS or
 * localhost); a terminal opened over plain HTTP on a LAN address falls back to the old selection
 * copy. False when neither worked (the text is on screen to copy by hand).
 */
export async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Denied (no user gesture, permission policy): try the selection copy below.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  // Outside an open modal dialog everything is inert and cannot be selected: stay inside it.
  (document.activeElement?.closest('dialog') ?? document.body).append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}
