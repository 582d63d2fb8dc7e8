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
        return await this.dataSource.transaction('READ COMMITTED', work);
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
