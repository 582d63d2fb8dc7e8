import { Injectable } from '@nestjs/common';
import type { Checkpoint } from '../audit/audit-checkpoints';
import { AuditService, ChainVerification } from '../audit/audit.service';
import { AuditVerifyQueue, FullVerificationStatus } from '../audit/audit-verify-queue';
import { CaseNotFound, NotFound } from '../common/errors';
import type { Page } from '../common/pagination';
import { Db } from '../database/db';
import { AccessRepository } from '../identity/access.repository';
import type { Principal } from '../identity/roles';
import type { AuditQuery, CheckpointQuery } from './dto/audit.dto';
import { OversightRepository } from './oversight.repository';

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

export interface CheckpointList {
  /** How the checkpoints are signed. */
  algorithm: Checkpoint['alg'];
  /** The Ed25519 public key (raw, base64) an auditor verifies them with; null when HMAC-signed. */
  publicKey: string | null;
  items: Checkpoint[];
}

/**
 * Reading the audit log, for supervisors and auditors: the whole chain's verification, and one
 * case's trail. The audit module only writes and seals; reading belongs with oversight, which
 * knows the caller's scope.
 */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessRepository,
    private readonly repo: OversightRepository,
    private readonly audit: AuditService,
    private readonly fullVerifications: AuditVerifyQueue,
  ) {}

  /** Seals what is pending, then verifies the chain from the newest external checkpoint on. */
  verify(): Promise<ChainVerification> {
    return this.audit.verify();
  }

  /** Queues a full verification for the worker; the request is on the record. */
  async startFullVerification(p: Principal): Promise<FullVerificationStatus> {
    const started = await this.fullVerifications.start({ requestedBy: p.userId });
    await this.db.transaction((tx) => this.audit.record(tx, {
      actor: { id: p.userId, role: p.role }, action: 'audit.verify_full', entity: 'audit_verification', entityId: started.id,
    }));
    return started;
  }

  async fullVerification(id: string): Promise<FullVerificationStatus> {
    const status = await this.fullVerifications.status(id);
    if (!status) throw new NotFound('Verification', 'lần kiểm tra');
    return status;
  }

  /** The signed checkpoints after `afterSeq`, oldest first, from the file outside the database. */
  checkpoints(q: CheckpointQuery): CheckpointList {
    const after = q.afterSeq ?? -1;
    return {
      algorithm: this.audit.signer.algorithm,
      publicKey: this.audit.signer.publicKey ?? null,
      items: this.audit.checkpoints.all().filter((c) => c.seq > after).slice(0, q.limit),
    };
  }

  /**
   * One case's audit trail, oldest first; a case outside the caller's scope is not found. Reading
   * a case's trail is itself an access to the case and is audited like a case read.
   */
  caseTrail(p: Principal, q: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.db.transaction(async (tx) => {
      if (!(await this.access.caseInScope(tx, p, q.caseId))) throw new CaseNotFound();
      const { rows, total } = await this.repo.auditTrail(tx, q.caseId, q);
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
