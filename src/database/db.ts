import { DataSource, EntityManager } from 'typeorm';

/** A transaction's EntityManager, passed down explicitly through every call of one command. */
export type Tx = EntityManager;

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';

/**
 * The one transaction helper. Every command runs in exactly one transaction; a serialization
 * failure or deadlock (both safe to retry: nothing was committed) is retried a few times.
 */
export class Db {
  constructor(readonly dataSource: DataSource) {}

  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        // PostgreSQL's default isolation (READ COMMITTED): naming it would cost a round trip per command.
        return await this.dataSource.transaction(work);
      } catch (e) {
        const code = (e as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (e as { code?: string }).code;
        if (attempt < 4 && (code === SERIALIZATION_FAILURE || code === DEADLOCK_DETECTED)) continue;
        throw e;
      }
    }
  }

  /** Reads outside a command (lists, views) still go through one manager, never a global one. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}

/**
 * Rows of a statement. TypeORM answers UPDATE/DELETE ... RETURNING with `[rows, affectedCount]`
 * and everything else with `rows`; this gives rows either way.
 */
export async function rows<T>(tx: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await tx.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
