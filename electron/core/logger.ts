// A scoped logger that writes one line per entry to a sink (stderr by default). Passed to every service; nothing
// in core logs through console directly, so the CLI's stdout stays clean for --json output.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export type LogSink = (line: string) => void;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function describe(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

export function createLogger(
  scope: string,
  options: { level?: LogLevel; sink?: LogSink; clock?: () => Date } = {},
): Logger {
  const level = options.level ?? 'info';
  const sink = options.sink ?? ((line: string) => process.stderr.write(line + '\n'));
  const clock = options.clock ?? (() => new Date());
  const write = (entryLevel: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[entryLevel] < ORDER[level]) return;
    const extra = fields
      ? ' ' + JSON.stringify(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, describe(v)])))
      : '';
    sink(`${clock().toISOString()} ${entryLevel.toUpperCase()} [${scope}] ${message}${extra}`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (sub) => createLogger(`${scope}:${sub}`, { level, sink, clock }),
  };
}

/** A logger that keeps entries in memory, for tests that assert on what was logged. */
export function createMemoryLogger(scope = 'test'): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger(scope, { level: 'debug', sink: (line) => lines.push(line) });
  return Object.assign(logger, { lines });
}
