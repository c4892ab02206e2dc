/** Call or put. Index options on NSE are European; every model here prices European exercise. */
export type OptionRight = 'CALL' | 'PUT';
