const REDACTED = '[redacted]';

/**
 * A plaintext secret held in memory (a broker API secret, an access token). Whatever prints it —
 * JSON.stringify, a pino log line, console.log / util.inspect, a template string — shows
 * `[redacted]`; only `reveal()` hands out the value, at the one place that sends it to the broker.
 * The value lives in a private field, so spreading or structuredClone copies nothing either.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  // util.inspect (console.log, vitest diffs, node's REPL) looks this symbol up by its registered name.
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Secret(${REDACTED})`;
  }
}
