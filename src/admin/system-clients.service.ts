import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Conflict, NotFound } from '../common/errors';
import type { Page } from '../common/pagination';
import { Db, Tx } from '../database/db';
import { hashClientSecret, newClientSecret } from '../identity/client-secrets';
import type { ClientScope, Principal } from '../identity/roles';
import { SystemClientRow, SystemClientsAdminRepository } from './system-clients.repository';

const ClientNotFound = () => new NotFound('System client', 'hệ thống kết nối');
const REVOKED = 'Hệ thống kết nối đã bị thu hồi / This system client is revoked';

/**
 * System clients, administered by the national admin (route roles): create and rotate answer the
 * secret once (only its SHA-256 is kept); revocation is final. Every change is audited in its
 * transaction. Sign-in reads the row on every request, so a change applies to live tokens at once.
 */
@Injectable()
export class SystemClientsAdminService {
  constructor(private readonly db: Db, private readonly repo: SystemClientsAdminRepository, private readonly audit: AuditService) {}

  async list(page: number, pageSize: number): Promise<Page<SystemClientRow>> {
    const { rows, total } = await this.repo.page(pageSize, (page - 1) * pageSize);
    return { items: rows, total, page, pageSize };
  }

  async get(id: string): Promise<SystemClientRow> {
    return (await this.repo.client(this.db, id)) ?? throwIt(ClientNotFound());
  }

  async create(p: Principal, c: { name: string; agencyId: string; scopes: ClientScope[]; rateLimitPerMinute: number }) {
    return this.db.transaction(async (tx) => {
      if (!(await this.repo.agency(tx, c.agencyId))) throw new NotFound('Agency', 'cơ quan');
      await this.uniqueName(tx, c.name);
      const secret = newClientSecret();
      const scopes = [...new Set(c.scopes)];
      const id = await this.repo.insert(tx, { ...c, scopes, secretHash: hashClientSecret(secret), createdBy: p.userId });
      await this.record(tx, p, 'admin.system_client_created', id, { name: c.name, agencyId: c.agencyId, scopes, rateLimitPerMinute: c.rateLimitPerMinute });
      return { client: (await this.repo.client(tx, id))!, clientId: id, clientSecret: secret };
    });
  }

  async update(p: Principal, id: string, change: { name?: string; scopes?: ClientScope[]; rateLimitPerMinute?: number }) {
    return this.db.transaction(async (tx) => {
      await this.lockLive(tx, id);
      const before = (await this.repo.client(tx, id))!;
      const next = { name: change.name ?? before.name, scopes: change.scopes ? [...new Set(change.scopes)] : before.scopes,
        rateLimitPerMinute: change.rateLimitPerMinute ?? before.rateLimitPerMinute };
      if (next.name.toLowerCase() !== before.name.toLowerCase()) await this.uniqueName(tx, next.name, id);
      await this.repo.update(tx, id, next);
      await this.record(tx, p, 'admin.system_client_updated', id, {
        before: { name: before.name, scopes: before.scopes, rateLimitPerMinute: before.rateLimitPerMinute }, after: next,
      });
      return { client: (await this.repo.client(tx, id))! };
    });
  }

  /** A new secret, answered once; the current one keeps working `overlapSeconds` (0: stops at once, with its tokens). */
  async rotate(p: Principal, id: string, overlapSeconds: number) {
    return this.db.transaction(async (tx) => {
      await this.lockLive(tx, id);
      const secret = newClientSecret();
      await this.repo.rotate(tx, id, hashClientSecret(secret), overlapSeconds);
      await this.record(tx, p, 'admin.system_client_rotated', id, { overlapSeconds });
      return { client: (await this.repo.client(tx, id))!, clientId: id, clientSecret: secret };
    });
  }

  /** Revokes the client for good: its secrets and every token it holds are refused at once. */
  async revoke(p: Principal, id: string, reason: string | undefined) {
    return this.db.transaction(async (tx) => {
      await this.lockLive(tx, id);
      await this.repo.revoke(tx, id, reason ?? null);
      await this.record(tx, p, 'admin.system_client_revoked', id, reason ? { reason } : {});
      return { client: (await this.repo.client(tx, id))! };
    });
  }

  private async lockLive(tx: Tx, id: string): Promise<void> {
    const row = (await this.repo.lock(tx, id)) ?? throwIt(ClientNotFound());
    if (row.revoked) throw new Conflict(REVOKED);
  }

  private async uniqueName(tx: Tx, name: string, exceptId: string | null = null): Promise<void> {
    if (await this.repo.nameTaken(tx, name, exceptId)) {
      throw new Conflict(`Tên "${name}" đã được dùng / A system client named "${name}" exists`);
    }
  }

  private record(tx: Tx, p: Principal, action: string, id: string, details: Record<string, unknown>) {
    return this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action, entity: 'system_client', entityId: id, details });
  }
}

function throwIt(e: Error): never {
  throw e;
}
