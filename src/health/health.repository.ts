import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';

/** The one statement health needs: that PostgreSQL answers. */
@Injectable()
export class HealthRepository {
  constructor(private readonly db: Db) {}

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
