import { pino, type Logger } from 'pino';

export type { Logger };

export const createLogger = (level: string): Logger =>
  pino({
    level,
    base: { service: 'gateway' },
    // Tokens and passwords must never reach a log line, whatever object gets logged.
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.accessToken', '*.token'],
  });
