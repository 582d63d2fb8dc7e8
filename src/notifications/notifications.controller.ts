import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiOkResponse } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { InvalidInput, NotFound } from '../common/errors';
import { PageQuery } from '../common/pagination';
import { AuditService } from '../audit/audit.service';
import { Db } from '../database/db';
import { CurrentUser } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { NotificationPage, NotificationRead } from './dto/notification.response';
import { render } from './templates';

export class NotificationsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  unread?: boolean;
}

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

/** The caller's in-app inbox; texts rendered in Vietnamese and English. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly db: Db, private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPage })
  async list(@CurrentUser() p: Principal, @Query() q: NotificationsQuery) {
    const rows: Array<{ id: string; case_id: string | null; template: string; payload: Record<string, unknown>; created_at: Date; read_at: Date | null; total: string }> =
      await this.db.query(
        `SELECT id, case_id, template, payload, created_at, read_at, count(*) OVER () AS total FROM notifications
          WHERE user_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
          ORDER BY created_at DESC LIMIT $3 OFFSET $4`,
        [p.userId, q.unread ?? null, q.pageSize, (q.page - 1) * q.pageSize],
      );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && q.page > 1) {
      // Past the last page: still say how many there are.
      [{ total }] = await this.db.query(
        `SELECT count(*)::int AS total FROM notifications WHERE user_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL)`,
        [p.userId, q.unread ?? null],
      );
    }
    return {
      items: rows.map((r) => ({
        id: r.id, caseId: r.case_id, template: r.template, textVi: render(r.template, r.payload, 'vi'), textEn: render(r.template, r.payload, 'en'),
        payload: r.payload, createdAt: r.created_at, readAt: r.read_at,
      })),
      total, page: q.page, pageSize: q.pageSize,
    };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationRead })
  async read(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.db.transaction(async (tx) => {
      const updated = await tx.query<{ id: string; read_at: Date; case_id: string | null }>(
        `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id, read_at, case_id`,
        [id, p.userId],
      );
      if (!updated.length) throw new NotFound('Notification', 'thông báo');
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'notification.read', caseId: updated[0].case_id, entity: 'notification', entityId: id,
      });
      return { id, readAt: updated[0].read_at };
    });
  }
}
