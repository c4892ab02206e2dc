/**
 * A bell, drawn: an emoji needs a colour-emoji font, which many Linux desktops lack (it shows as
 * an empty box). Sized to the text around it; decorative — the button carries the name.
 */
export function BellIcon() {
  return (
    <svg width="1em" height="1em" viewBox="0 0 16 16" aria-hidden="true" focusable="false" style={{ verticalAlign: '-0.125em' }}>
      <path
        fill="currentColor"
        d="M8 16a2 2 0 0 0 2-2H6a2 2 0 0 0 2 2ZM8 1.9l-.8.2A4 4 0 0 0 4 6c0 .6-.1 2.2-.5 3.7-.2.8-.4 1.5-.7 2.1h10.4c-.3-.6-.5-1.3-.7-2.1C12.1 8.2 12 6.6 12 6a4 4 0 0 0-3.2-3.9L8 1.9ZM14.2 12c.2.4.5.8.8 1H1c.3-.2.6-.6.8-1C2.7 10.2 3 6.2 3 5a5 5 0 0 1 4-4.9 1 1 0 1 1 2 0A5 5 0 0 1 13 5c0 1.2.3 5.2 1.2 7Z"
      />
    </svg>
  );
}
