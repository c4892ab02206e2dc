/**
 * A reason cell's hover text (`layout.reason` shows two lines at most): the whole message and its
 * stable code, or whichever of them there is.
 */
export const reasonTitle = ({ reasonCode, reasonMessage }: { reasonCode: string | null; reasonMessage: string | null }): string | undefined =>
  reasonMessage ? `${reasonMessage}${reasonCode ? ` (${reasonCode})` : ''}` : (reasonCode ?? undefined);
