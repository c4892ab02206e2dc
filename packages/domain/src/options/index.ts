export * from './option-right.ts';
export { normalCdf, normalPdf, inverseNormalCdf, erfcx } from './normal-distribution.ts';
export { normalisedBlackCall, normalisedVega, normalisedIntrinsic } from './normalised-black.ts';
export * from './black76.ts';
export * from './black-scholes-merton.ts';
export * from './implied-volatility.ts';
export * from './time-to-expiry.ts';
export * from './position-greeks.ts';
export * from './chain-greeks.ts';
