import pino from "pino";

/** Structured JSON logs (pino). LOG_LEVEL=silent quiets them, as the tests do. */
export function createLogger(level: string) {
  return pino({ level, base: { service: "newsgraph" } });
}

export type Logger = ReturnType<typeof createLogger>;
