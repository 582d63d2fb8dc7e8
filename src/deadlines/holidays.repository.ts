import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../database/db';

export interface HolidayView {
  day: string;
  nameVi: string;
  nameEn: string;
}

/** The `holidays` table. */
@Injectable()
export class HolidaysRepository {
  constructor(private readonly db: Db) {}

  /** Every holiday as `YYYY-MM-DD`, read in `tx` when given (to see the transaction's own change). */
  async days(tx?: Tx): Promise<Set<string>> {
    const sql = `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM holidays`;
    const rows: Array<{ day: string }> = tx ? await tx.query(sql) : await this.db.query(sql);
    return new Set(rows.map((r) => r.day));
  }

  list(year?: number): Promise<HolidayView[]> {
    return this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, name_vi AS "nameVi", name_en AS "nameEn" FROM holidays
        WHERE $1::int IS NULL OR extract(year FROM day) = $1 ORDER BY day`, [year ?? null],
    );
  }

  /** One holiday change at a time, so recomputation always sees the final table. */
  async lockTable(tx: Tx): Promise<void> {
    await tx.query(`LOCK TABLE holidays IN SHARE ROW EXCLUSIVE MODE`);
  }

  async upsert(tx: Tx, h: HolidayView): Promise<void> {
    await tx.query(
      `INSERT INTO holidays (day, name_vi, name_en) VALUES ($1, $2, $3)
       ON CONFLICT (day) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en`, [h.day, h.nameVi, h.nameEn],
    );
  }

  /** Whether a holiday was there to delete. */
  async delete(tx: Tx, day: string): Promise<boolean> {
    return (await tx.query(`DELETE FROM holidays WHERE day = $1 RETURNING day`, [day])).length > 0;
  }
}
