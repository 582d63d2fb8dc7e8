/**
 * The children module's table, `children` (the registry). The folded search columns are kept by a
 * trigger; this repository never writes them.
 */
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/db';

/** A new registry record, as a report describes the child. */
export interface NewChild {
  fullName: string | null;
  sex: string;
  dateOfBirth: string | null;
  approxAgeYears: number | null;
  /** The day the estimated age was given (the report's receipt day). */
  ageAsOf: string | null;
  currentAddress: string | null;
  createdBy: string | null;
  createdByClient: string | null;
}

@Injectable()
export class ChildrenRepository {
  async insert(tx: Tx, c: NewChild, now: Date): Promise<string> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO children (full_name, sex, date_of_birth, approx_age_years, age_as_of, current_address, created_by, created_by_client, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
      [c.fullName, c.sex, c.dateOfBirth, c.approxAgeYears, c.approxAgeYears === null ? null : c.ageAsOf, c.currentAddress, c.createdBy, c.createdByClient, now],
    );
    return row.id;
  }
}
