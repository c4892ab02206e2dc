/** Rupee text as the terminal shows it ("1,234.50", "-3.05") → integer paise, exactly. */
export function paiseFromText(text: string): number {
  const match = /^(-)?([\d,]+)\.(\d{2})$/.exec(text.trim().replace(/^\+/, ''));
  if (!match) throw new Error(`not a rupee amount: "${text}"`);
  const [, minus, whole = '0', fraction = '00'] = match;
  const value = Number(whole.replaceAll(',', '')) * 100 + Number(fraction);
  return minus ? -value : value;
}

/** Integer paise → plain rupee text for an input ("245.35"). */
export const rupeesText = (paise: number): string => `${Math.floor(paise / 100)}.${String(paise % 100).padStart(2, '0')}`;

export const roundDownToTick = (paise: number, tick: number): number => Math.max(tick, Math.floor(paise / tick) * tick);
export const roundUpToTick = (paise: number, tick: number): number => Math.ceil(paise / tick) * tick;
