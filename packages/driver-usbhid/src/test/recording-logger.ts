import type { Logger } from '@nut-ts/core';

/** One call to a {@link recordingLogger}. */
export interface LogRecord {
  level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  msg: string;
  obj: object | undefined;
}

/** A pino-shaped logger that keeps each call in `records` (children share them). */
export function recordingLogger(records: LogRecord[]): Logger {
  const at =
    (level: LogRecord['level']) =>
    (first: unknown, second?: unknown): void => {
      if (typeof first === 'string') records.push({ level, msg: first, obj: undefined });
      else records.push({ level, msg: String(second ?? ''), obj: first as object });
    };
  const logger: Logger = {
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    child: () => logger,
  };
  return logger;
}
