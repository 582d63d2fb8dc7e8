import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';
/** "cached plan must not change result type": a migration changed a table a prepared statement reads. */
const STALE_PREPARED_PLAN = '0A000';

/** More than any pool holds connections (config caps the pool well below this). */
const MAX_STALE_RETRIES = 100;

const codeOf = (e: unknown): string | undefined =>
  (e as { driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code;

/** Statement names by SQL text: a hash of the text, so one name never stands for two texts. */
const statementNames = new Map<string, string>();

function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `baove_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    statementNames.set(sql, name);
  }
  return name;
}

async function run<T>(client: Pool | PoolClient, sql: string, params: unknown[] | undefined, name?: string): Promise<T[]> {
  try {
    return (await client.query({ text: sql, values: params, name })).rows as T[];
  } catch (e) {
    throw new QueryFailedError(sql, params, e as Error);
  }
}

/**
 * Runs `send` with the connection's socket corked, so the statements it writes leave in one write
 * (one system call, one wake-up of the PostgreSQL backend) instead of one each.
 */
function corked<T>(client: PoolClient, send: () => T): T {
  const socket = (client as PoolClient & { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
  socket?.cork?.();
  try {
    return send();
  } finally {
    socket?.uncork?.();
  }
}

/**
 * One command's transaction: a pooled connection between BEGIN and COMMIT, passed down explicitly
 * through every call of the command. Every statement answers its rows (UPDATE/DELETE … RETURNING
 * included); a failing statement throws TypeORM's QueryFailedError, as `DataSource.query` would.
 */
export class Tx {
  private commitSent?: Promise<{ error: unknown } | undefined>;

  constructor(private readonly client: PoolClient) {}

  query<T = any>(sql: string, params?: unknown[]): Promise<T[]> {
    this.assertOpen();
    return run<T>(this.client, sql, params);
  }

  /**
   * A statement of the command hot path as a named prepared statement: each pooled connection
   * parses and plans it once and reuses the plan (planning the case view alone cost 0.7 ms a
   * call). Only for SQL texts from a small fixed set (never text carrying values), since every
   * connection keeps every text it prepared.
   *
   * `commit`: this is the transaction's last statement; COMMIT is written right behind it on the
   * pipelined connection, saving a round trip. If the statement fails, PostgreSQL turns that COMMIT
   * into a rollback and the statement's error is thrown; once it succeeds the transaction is
   * committed, so the caller may only build its answer from the rows afterwards.
   */
  prepared<T>(sql: string, params: unknown[], opts: { commit?: boolean } = {}): Promise<T[]> {
    this.assertOpen();
    if (!opts.commit) return run<T>(this.client, sql, params, statementName(sql));
    return corked(this.client, () => {
      const rows = run<T>(this.client, sql, params, statementName(sql));
      this.commitSent = this.sendCommit();
      return rows;
    });
  }

  /** Commits, unless a statement already carried the COMMIT. */
  async commit(): Promise<void> {
    this.commitSent ??= this.sendCommit();
    const failed = await this.commitSent;
    if (failed) throw failed.error;
  }

  /** Writes COMMIT; its answer is the error, if any (awaited by `commit`, never left unhandled). */
  private sendCommit(): Promise<{ error: unknown } | undefined> {
    return this.client.query('COMMIT').then(() => undefined, (error: unknown) => ({ error }));
  }

  private assertOpen(): void {
    if (this.commitSent) throw new Error('statement after the transaction\'s COMMIT');
  }
}

/**
 * The one transaction helper, on the pool of TypeORM's DataSource (which owns the schema and its
 * migrations). Every command runs in exactly one transaction; a serialization failure, a deadlock
 * or a prepared statement gone stale under a migration (all safe to retry: nothing was committed)
 * is retried a few times.
 */
export class Db {
  private readonly pool: Pool;

  constructor(readonly dataSource: DataSource) {
    this.pool = (dataSource.driver as PostgresDriver).master as Pool;
  }

  /** The connection string, for a connection of a module's own (a LISTEN, a worker thread's walk). */
  get url(): string {
    return (this.dataSource.options as { url: string }).url;
  }

  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let conflicts = 0;
    let staleConnections = 0;
    for (;;) {
      try {
        return await this.once(work);
      } catch (e) {
        const code = codeOf(e);
        if ((code === SERIALIZATION_FAILURE || code === DEADLOCK_DETECTED) && ++conflicts < 4) continue;
        // Each stale connection is dropped after its failure, so this ends within the pool's size.
        if (code === STALE_PREPARED_PLAN && ++staleConnections <= MAX_STALE_RETRIES) continue;
        throw e;
      }
    }
  }

  /** One statement outside a command (lists, boards, counters): its rows. */
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]> {
    return run<T>(this.pool, sql, params);
  }

  private async once<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    let beginFailed: { error: unknown } | undefined;
    let begun!: Promise<void>;
    const tx = new Tx(client);
    // PostgreSQL's default isolation (READ COMMITTED). BEGIN is not awaited: on the pipelined
    // connection it goes out with the command's first statement, in one write (the work runs up
    // to its first await inside the cork), saving a round trip per command.
    const working = corked(client, () => {
      begun = client.query('BEGIN').then(() => undefined, (error: unknown) => {
        beginFailed = { error };
      });
      return work(tx);
    });
    try {
      const result = await working;
      await begun;
      // BEGIN fails only with the connection, which fails every statement behind it too.
      if (beginFailed) throw beginFailed.error;
      await tx.commit();
      return result;
    } catch (e) {
      await begun;
      // A connection that cannot even roll back is dropped from the pool, not reused; so is one
      // whose prepared statements predate a migration (the retry gets a fresh connection).
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      if (codeOf(e) === STALE_PREPARED_PLAN) broken ??= e as Error;
      throw e;
    } finally {
      client.release(broken);
    }
  }
}
