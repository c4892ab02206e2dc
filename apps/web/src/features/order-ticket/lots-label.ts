export const lotsLabel = (lots: number): string => `${lots} ${lots === 1 ? 'lot' : 'lots'}`;
