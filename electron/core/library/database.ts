// Opens the library's SQLite file: WAL, foreign keys, numbered migrations in one transaction each, and a log line
// for every statement slower than 40 ms (Signal's habit), so slow queries show up in the field.
import Database from 'better-sqlite3';
import type { Logger } from '../logger';
import { preparePrivateDatabaseFile } from '../system/data-dir';
import { migrations } from './migrations/index';

export type Db = Database.Database;

export const SLOW_QUERY_MS = 40;

export interface OpenOptions {
  /** better-sqlite3's compiled module for this runtime (see system/native-binding.ts); null = the package's own. */
  nativeBinding?: string | null;
  clock?: () => number;
  /** Told before each pending migration runs (the start-up screen shows "Updating your library… 3/9"). */
  onMigration?: (step: MigrationStep) => void;
}

/** One pending migration: `step` of `total` pending in this run, and the schema version it makes. */
export interface MigrationStep {
  step: number;
  total: number;
  version: number;
  name: string;
}

export function openDatabase(file: string, logger: Logger, options: OpenOptions = {}): Db {
  const clock = options.clock ?? (() => performance.now());
  // The library is private to its user (share tokens, everything said in every clip); its WAL and SHM follow its mode.
  if (file !== ':memory:' && file !== '') preparePrivateDatabaseFile(file);
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db, logger, options.onMigration);
  instrumentSlowQueries(db, logger, clock);
  return db;
}

export function migrate(db: Db, logger: Logger, onStep?: (step: MigrationStep) => void): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) {
    throw new Error(`The library was written by a newer Handoff (schema ${current}, this one knows ${latest}).`);
  }
  for (let version = current + 1; version <= latest; version++) {
    const step = migrations[version - 1];
    onStep?.({ step: version - current, total: latest - current, version, name: step.name });
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${version}`);
    })();
    logger.info(`migrated the library to schema ${version}`, { name: step.name });
  }
}

function instrumentSlowQueries(db: Db, logger: Logger, clock: () => number): void {
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    for (const method of ['run', 'get', 'all'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const started = clock();
        const result = original(...args);
        const elapsed = clock() - started;
        if (elapsed > SLOW_QUERY_MS) logger.warn('slow query', { ms: Math.round(elapsed), sql: source.slice(0, 200) });
        return result;
      };
    }
    return statement;
  }) as typeof db.prepare;
}
