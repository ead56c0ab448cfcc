import pino from "pino";

/**
 * Structured JSON logs (pino) on stdout. LOG_LEVEL=silent quiets them, as the tests do. Writes are
 * asynchronous: lines logged while a write is under way go out together, rather than costing one
 * system call per request line; pino flushes what is left when the process exits.
 */
export function createLogger(level: string) {
  return pino({ level, base: { service: "newsgraph" } }, pino.destination({ dest: 1, sync: false }));
}

export type Logger = ReturnType<typeof createLogger>;
