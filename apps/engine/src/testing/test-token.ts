/** The engine token tests and benchmarks start engines with (its own module: a client thread imports it without the engine). */
export const TEST_TOKEN = 'test-engine-token-0123456789';
