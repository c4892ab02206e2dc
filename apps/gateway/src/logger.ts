import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Broker secrets as procedure inputs name them (they arrive wrapped in Secret too, which prints [redacted]). */
const BROKER_SECRETS = ['apiSecret', 'interactiveSecret', 'marketDataSecret'];

/** `destination`: where lines go (stdout by default; tests capture them). */
export const createLogger = (level: string, destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: 'gateway' },
      // Tokens and passwords must never reach a log line, whatever object gets logged.
      redact: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
        '*.accessToken',
        '*.refreshToken',
        '*.token',
        '*.passphrase',
        ...BROKER_SECRETS.flatMap((name) => [name, `*.${name}`]),
      ],
    },
    destination,
  );
