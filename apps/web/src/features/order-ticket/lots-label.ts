/** "1 lot", "3 lots", "-1 lot" (a short position). */
export const lotsLabel = (lots: number): string => `${lots} ${Math.abs(lots) === 1 ? 'lot' : 'lots'}`;
