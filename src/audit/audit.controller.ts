import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiOkResponse } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { CaseNotFound } from '../common/errors';
import { Page, PageQuery } from '../common/pagination';
import { Db } from '../database/db';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import { binder, caseScopeSql } from '../identity/access.repository';
import type { Principal } from '../identity/roles';
import { AuditService, ChainVerification } from './audit.service';
import { AuditEntryPage, AuditVerification } from './dto/audit.response';

export class AuditQuery extends PageQuery {
  @ApiProperty({ description: 'The case whose audit trail to read (must be in your scope)' })
  @IsUUID() caseId!: string;
}

export interface AuditEntryView {
  id: string;
  seq: string | null;
  occurredAt: Date;
  actor: { id: string | null; role: string; username: string | null; fullName: string | null };
  action: string;
  caseId: string | null;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
  /** Null until the sealer has placed the row in the hash chain (normally within a second). */
  hash: string | null;
}

/**
 * The audit log for oversight: the whole chain's verification, and one case's trail. Reading a
 * case's trail is itself an access to the case and is audited like a case read.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService, private readonly db: Db) {}

  /** Seals what is pending, then recomputes the whole chain: `firstBadId` is the first row that does not hold. */
  @Get('verify')
  @Roles('supervisor', 'auditor', 'admin')
  @ApiOkResponse({ type: AuditVerification })
  verify(): Promise<ChainVerification> {
    return this.audit.verify();
  }

  /** One case's audit trail, oldest first; a case outside the caller's scope is 404. */
  @Get()
  @Roles('supervisor', 'auditor')
  @ApiOkResponse({ type: AuditEntryPage })
  async trail(@CurrentUser() p: Principal, @Query() q: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.db.transaction(async (tx) => {
      const params: unknown[] = [q.caseId];
      const [visible] = await tx.query(`SELECT 1 FROM cases c WHERE c.id = $1 AND ${caseScopeSql(p, binder(params))}`, params);
      if (!visible) throw new CaseNotFound();
      const rows: Array<{ id: string; seq: string | null; occurred_at: Date; actor_id: string | null; actor_role: string;
        username: string | null; full_name: string | null; action: string; case_id: string | null; entity: string;
        entity_id: string | null; details: Record<string, unknown>; hash: string | null; total: string }> = await tx.query(
        `SELECT l.id, l.seq, l.occurred_at, l.actor_id, l.actor_role, u.username, u.full_name, l.action, l.case_id, l.entity,
                l.entity_id, l.details, l.hash, count(*) OVER () AS total
           FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id
          WHERE l.case_id = $1 ORDER BY l.id LIMIT $2 OFFSET $3`,
        [q.caseId, q.pageSize, (q.page - 1) * q.pageSize],
      );
      let total = rows.length ? Number(rows[0].total) : 0;
      if (!rows.length && q.page > 1) {
        [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM audit_log WHERE case_id = $1`, [q.caseId]);
      }
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'audit.read', caseId: q.caseId, entity: 'case', entityId: q.caseId,
        details: { view: 'audit_trail' },
      });
      return {
        items: rows.map((r) => ({
          id: r.id, seq: r.seq, occurredAt: r.occurred_at,
          actor: { id: r.actor_id, role: r.actor_role, username: r.username, fullName: r.full_name },
          action: r.action, caseId: r.case_id, entity: r.entity, entityId: r.entity_id, details: r.details, hash: r.hash,
        })),
        total, page: q.page, pageSize: q.pageSize,
      };
    });
  }
}
