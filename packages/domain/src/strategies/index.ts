export * from './strategy.ts';
export * from './alert-message.ts';
export * from './ticker-map.ts';
export * from './signal-intent.ts';
export * from './signal.ts';
export * from './alert-template.ts';
export * from './buffered-limit-price.ts';
export * from './strategy-performance.ts';
