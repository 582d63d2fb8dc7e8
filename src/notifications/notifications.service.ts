import { Injectable } from '@nestjs/common';
import type { Audience } from '../../workflows/types';
import type { Tx } from '../database/db';

export interface NotifyTarget {
  caseId: string | null;
  communeCode: string;
  assigneeId: string | null;
  /** The agency receiving a handoff, for `receiving_agency` audiences. */
  agencyId?: string | null;
}

/**
 * In-app notifications. Audiences resolve to the active users of the case's commune (or of the
 * receiving agency) at the moment of the command, inside its transaction.
 */
@Injectable()
export class NotificationsService {
  async notify(tx: Tx, target: NotifyTarget, audience: Audience[], template: string, payload: Record<string, unknown>, now: Date): Promise<number> {
    const a = new Set(audience);
    const rows: Array<{ n: number }> = await tx.query(
      `WITH recipients AS (
         SELECT u.id FROM users u JOIN agencies ag ON ag.id = u.agency_id
          WHERE u.active AND (
            ($1::boolean AND u.id = $2::uuid)
            OR ($3::boolean AND u.role = 'social_worker' AND ag.commune_code = $4)
            OR ($5::boolean AND u.role = 'supervisor' AND ag.commune_code = $4)
            OR ($6::boolean AND u.role = 'chair' AND ag.commune_code = $4)
            OR ($7::boolean AND u.agency_id = $8::uuid))
       ), inserted AS (
         INSERT INTO notifications (user_id, case_id, template, payload, created_at)
         SELECT id, $9, $10, $11, $12 FROM recipients RETURNING 1
       ) SELECT count(*)::int AS n FROM inserted`,
      [
        a.has('assignee'), target.assigneeId,
        a.has('commune_workers'), target.communeCode,
        a.has('supervisors'), a.has('chair'),
        (a.has('receiving_agency') || a.has('receiving_agency_head')) && !!target.agencyId, target.agencyId ?? null,
        target.caseId, template, JSON.stringify(payload), now,
      ],
    );
    return rows[0]?.n ?? 0;
  }
}
