import { pino } from "pino";

export interface Logger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}

/** For tests and benchmarks: keeps warnings and errors, drops the rest. */
export function silentLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    info() {},
    warn(_details, message) {
      warnings.push(message);
    },
    error(_details, message) {
      warnings.push(message);
    },
  };
}
