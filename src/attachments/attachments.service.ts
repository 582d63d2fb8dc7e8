import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import { CaseNotFound, DomainError, Forbidden, InvalidInput, NotFound, PayloadTooLarge, ServiceUnavailable, UnsupportedMediaType } from '../common/errors';
import { CONFIG } from '../common/tokens';
import type { AppConfig } from '../config/config';
import { Db, Tx } from '../database/db';
import { AccessRepository } from '../identity/access.repository';
import { CASE_FILE_ROLES, caseProjection, NOT_LEAD_MESSAGE } from '../identity/policy';
import type { Principal } from '../identity/roles';
import { KEYRING, type Keyring, newDataKey } from '../crypto/keyring';
import { decryptChunks, encryptChunks } from './attachment-crypto';
import { ATTACHMENT_STORE, AttachmentStore, newStorageKey } from './attachment-store';
import { AttachmentListRow, AttachmentsRepository, CATEGORIES, Category } from './attachments.repository';
import type { AttachmentView } from './dto/attachment.dto';
import { AcceptedType, ACCEPTED_MEDIA_TYPES, safeFilename, SNIFF_BYTES, sniff } from './file-types';
import { discardBody, FilePart, MALFORMED, receiveMultipart } from './multipart';

export const TYPE_NOT_ACCEPTED = 'Loại tệp không được chấp nhận / File type not accepted';
const MAX_DESCRIPTION = 2000;
/** Room for the multipart framing and the fields around the file, when a declared length is judged. */
const MULTIPART_OVERHEAD = 64 * 1024;

const handoffNotFound = () => new NotFound('Handoff', 'yêu cầu phối hợp');
const attachmentNotFound = () => new NotFound('Attachment', 'tệp đính kèm');
const actorOf = (p: Principal) => ({ id: p.userId, role: p.role });

/** Where an upload goes and whom it is recorded for. */
interface Target {
  caseId: string;
  handoffId: string | null;
  /** The uploader's partner agency (a member of the handoff's receiving agency); null for commune staff. */
  agencyId: string | null;
}

/** A file written to the store, sealed, not yet recorded. */
interface Stored {
  key: string;
  type: AcceptedType;
  filename: string;
  size: number;
  sha256: string;
  wrappedKey: Buffer;
  keyId: string;
}

function tooLarge(maxBytes: number): PayloadTooLarge {
  const mib = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new PayloadTooLarge(`Tệp vượt quá giới hạn ${mib} MiB / The file exceeds the ${mib} MiB limit`, {
    maxBytes, fields: { file: [`Tệp lớn hơn ${mib} MiB / The file is larger than ${mib} MiB`] },
  });
}

function checkCategory(value: string): string | null {
  return (CATEGORIES as readonly string[]).includes(value) ? null
    : `Nhóm tài liệu không hợp lệ; một trong: ${CATEGORIES.join(', ')} / category must be one of ${CATEGORIES.join(', ')}`;
}

function checkDescription(value: string): string | null {
  if (value.length > MAX_DESCRIPTION) return `Tối đa ${MAX_DESCRIPTION} ký tự / At most ${MAX_DESCRIPTION} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) return 'Có ký tự không hợp lệ / Contains invalid characters';
  return null;
}

export function attachmentView(r: AttachmentListRow): AttachmentView {
  return {
    id: r.id, caseId: r.case_id, handoffId: r.handoff_id, filename: r.filename, mediaType: r.media_type, size: Number(r.size), sha256: r.sha256,
    category: r.category, description: r.description, uploadedBy: { id: r.uploaded_by, name: r.uploader_name },
    agency: r.agency_id ? { id: r.agency_id, name: r.agency_name ?? '' } : null, createdAt: new Date(r.created_at),
  };
}

/**
 * Files on cases and handoffs: streamed in (type from the content, size limit, SHA-256, sealed with
 * a key of their own, written to the store) and recorded with their audit entry in one transaction
 * once the stream completed; listed and streamed out (decrypted, each chunk verified) to those who
 * see what they are on. Every upload, list and download is audited.
 */
@Injectable()
export class AttachmentsService implements OnModuleInit {
  private readonly logger = new Logger('Attachments');

  constructor(
    private readonly db: Db,
    private readonly repo: AttachmentsRepository,
    private readonly access: AccessRepository,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.store.init();
  }

  private get maxBytes(): number {
    return this.config.attachments.maxBytes;
  }

  // ---------------------------------------------------------------- access

  /** A case's own file: its workers and chair, where they lead the case (as for its events). */
  private async caseTarget(tx: Tx, p: Principal, caseId: string): Promise<Target> {
    const c = await this.repo.caseInScope(tx, p, caseId);
    if (!c) throw new CaseNotFound();
    if (!CASE_FILE_ROLES.includes(p.role)) {
      throw new Forbidden('Vai trò của bạn không được thêm tệp vào hồ sơ / Your role may not add files to the case');
    }
    if (!(await this.access.leadsCase(tx, p, c.commune_code))) throw new Forbidden(NOT_LEAD_MESSAGE);
    return { caseId: c.id, handoffId: null, agencyId: null };
  }

  /**
   * Whether the caller sees the handoff (as `GET /handoffs/:id`: its agency while in sight, and
   * whoever sees its case other than partner agencies), and whether they belong to its agency.
   */
  private async seeHandoff(tx: Tx, p: Principal, handoffId: string) {
    const h = await this.repo.handoff(tx, handoffId);
    if (!h || !h.agency_work) throw handoffNotFound();
    const member = h.agency_id === p.agencyId && h.in_sight;
    if (!member && (caseProjection(p.role) === 'need_to_know' || !(await this.repo.caseInScope(tx, p, h.case_id)))) throw handoffNotFound();
    return { h, member };
  }

  /** Outcome evidence on a handoff: its receiving agency's members, and the case's workers and chair where they lead it. */
  private async handoffTarget(tx: Tx, p: Principal, handoffId: string): Promise<Target> {
    const { h, member } = await this.seeHandoff(tx, p, handoffId);
    if (member) return { caseId: h.case_id, handoffId: h.id, agencyId: p.agencyId };
    if (!CASE_FILE_ROLES.includes(p.role)) {
      throw new Forbidden('Chỉ cơ quan nhận yêu cầu hoặc cán bộ xử lý hồ sơ được thêm tệp / Only the receiving agency or the case’s staff may add files');
    }
    if (!(await this.access.leadsCase(tx, p, h.commune_code))) throw new Forbidden(NOT_LEAD_MESSAGE);
    return { caseId: h.case_id, handoffId: h.id, agencyId: null };
  }

  // ---------------------------------------------------------------- upload

  uploadToCase(p: Principal, caseId: string, req: IncomingMessage): Promise<AttachmentView> {
    return this.upload(p, req, (tx) => this.caseTarget(tx, p, caseId));
  }

  uploadToHandoff(p: Principal, handoffId: string, req: IncomingMessage): Promise<AttachmentView> {
    return this.upload(p, req, (tx) => this.handoffTarget(tx, p, handoffId));
  }

  /**
   * Access is decided before a byte of the body is read; the row and its audit entry are written
   * (access decided again) only once the file is in the store; any failure removes the object.
   */
  private async upload(p: Principal, req: IncomingMessage, target: (tx: Tx) => Promise<Target>): Promise<AttachmentView> {
    try {
      await this.db.transaction(target);
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > this.maxBytes + MULTIPART_OVERHEAD) throw tooLarge(this.maxBytes);
    } catch (e) {
      discardBody(req, this.maxBytes);
      throw e;
    }
    let key: string | undefined;
    try {
      const { fields, file } = await receiveMultipart(req, {
        fileField: 'file',
        fields: { category: checkCategory, description: checkDescription },
        maxFieldBytes: 16 * 1024,
        discardBytes: this.maxBytes,
      }, (part) => this.seal(part, (k) => (key = k)));
      if (fields.category === undefined) throw new InvalidInput({ category: ['Cần chọn nhóm tài liệu / category is required'] });
      const description = fields.description?.trim() || null;
      return await this.db.transaction(async (tx) => {
        const t = await target(tx);
        const id = await this.repo.insert(tx, {
          ...t, uploadedBy: p.userId, filename: file.filename, mediaType: file.type.mediaType, size: file.size, sha256: file.sha256,
          category: fields.category as Category, description, storage: this.store.kind, storageKey: file.key, wrappedKey: file.wrappedKey, keyId: file.keyId,
        });
        await this.audit.record(tx, {
          actor: actorOf(p), action: 'attachment.upload', caseId: t.caseId, entity: 'attachment', entityId: id,
          details: { handoffId: t.handoffId, category: fields.category, mediaType: file.type.mediaType, size: file.size, sha256: file.sha256, keyId: file.keyId },
        });
        return attachmentView(await this.repo.listed(tx, id));
      });
    } catch (e) {
      if (key) await this.store.delete(key).catch((err: unknown) => this.logger.error({ err: (err as Error).message, key }, 'could not remove a refused upload’s object'));
      throw e;
    }
  }

  /**
   * The file's stream into the store: its first bytes decide its type (refused before anything is
   * written), then it is counted (refused past the limit), hashed, sealed with a fresh data key
   * and written under a fresh random key (`onKey` learns it before the first write).
   */
  private async seal(part: FilePart, onKey: (key: string) => void): Promise<Stored> {
    const iterator = part.stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    // The upload's own failures (cut short, malformed) are the client's: never taken for the store's.
    let sourceError: Error | undefined;
    const next = async (): Promise<IteratorResult<Buffer>> => {
      try {
        return await iterator.next();
      } catch (e) {
        sourceError = e instanceof DomainError ? e : new InvalidInput({ file: [MALFORMED] });
        throw sourceError;
      }
    };
    const head: Buffer[] = [];
    let headBytes = 0;
    let ended = false;
    while (headBytes < SNIFF_BYTES) {
      const r = await next();
      if (r.done) {
        ended = true;
        break;
      }
      head.push(r.value);
      headBytes += r.value.length;
    }
    const first = Buffer.concat(head);
    if (first.length === 0) throw new InvalidInput({ file: ['Tệp rỗng / The file is empty'] });
    const type = await sniff(first.subarray(0, SNIFF_BYTES));
    if (!type) throw new UnsupportedMediaType(TYPE_NOT_ACCEPTED, { fields: { file: [TYPE_NOT_ACCEPTED] }, accepted: ACCEPTED_MEDIA_TYPES });

    const max = this.maxBytes;
    const hash = createHash('sha256');
    let size = 0;
    let overLimit = false;
    async function* plaintext(): AsyncGenerator<Buffer> {
      let chunk: Buffer | undefined = first;
      while (chunk) {
        size += chunk.length;
        if (size > max) {
          overLimit = true;
          throw tooLarge(max);
        }
        hash.update(chunk);
        yield chunk;
        const r: IteratorResult<Buffer> | undefined = ended ? undefined : await next();
        chunk = r && !r.done ? r.value : undefined;
      }
    }
    const key = newStorageKey();
    onKey(key);
    const { dataKey, wrapped, keyId } = await newDataKey(this.keyring, key);
    try {
      await this.store.put(key, Readable.from(encryptChunks(plaintext(), dataKey)));
    } catch (e) {
      if (overLimit) throw tooLarge(max);
      if (sourceError) throw sourceError;
      if (e instanceof DomainError) throw e;
      this.logger.error({ err: (e as Error).message, store: this.store.kind }, 'could not write an attachment');
      throw new ServiceUnavailable('Không lưu được tệp; hãy thử lại / The file could not be stored; try again');
    } finally {
      dataKey.fill(0);
    }
    return { key, type, filename: safeFilename(part.filename, type), size, sha256: hash.digest('hex'), wrappedKey: wrapped, keyId };
  }

  // ---------------------------------------------------------------- read

  /** A case's files: all of them for whoever sees the case, a partner agency's own handoffs' only for it. */
  async listForCase(p: Principal, caseId: string): Promise<{ items: AttachmentView[] }> {
    return this.db.transaction(async (tx) => {
      if (!(await this.repo.caseInScope(tx, p, caseId))) throw new CaseNotFound();
      const view = caseProjection(p.role);
      const rows = await this.repo.list(tx, { caseId }, view === 'need_to_know' ? p.agencyId : null);
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'attachment.list', caseId, entity: 'case', entityId: caseId, details: { view, count: rows.length },
      });
      return { items: rows.map(attachmentView) };
    });
  }

  async listForHandoff(p: Principal, handoffId: string): Promise<{ items: AttachmentView[] }> {
    return this.db.transaction(async (tx) => {
      const { h } = await this.seeHandoff(tx, p, handoffId);
      const rows = await this.repo.list(tx, { handoffId }, null);
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'attachment.list', caseId: h.case_id, entity: 'handoff', entityId: handoffId, details: { count: rows.length },
      });
      return { items: rows.map(attachmentView) };
    });
  }

  /**
   * A file's plaintext as a stream, for whoever may see it (404 for anyone else, whether or not
   * it exists). The download is audited (committed) before a byte is read from the store.
   */
  async open(p: Principal, id: string): Promise<{ attachment: AttachmentView; body: Readable }> {
    const { row, dataKey } = await this.db.transaction(async (tx) => {
      const r = await this.repo.readable(tx, p, id);
      if (!r) throw attachmentNotFound();
      if (r.storage !== this.store.kind) {
        this.logger.error({ attachmentId: r.id, storage: r.storage, configured: this.store.kind }, 'attachment kept in a store that is not configured');
        throw new ServiceUnavailable('Kho lưu tệp không sẵn sàng / The file store is unavailable');
      }
      // Unwrapped before the audit entry: a key missing from the keyring is the operator's to fix, not a download.
      let key: Buffer;
      try {
        key = await this.keyring.unwrap(r.wrapped_key, r.key_id, r.storage_key);
      } catch (e) {
        this.logger.error({ attachmentId: r.id, keyId: r.key_id, err: (e as Error).message }, 'attachment key does not unwrap with the configured master keys');
        throw new ServiceUnavailable('Không mở được tệp; báo quản trị hệ thống / The file cannot be opened; tell the administrator');
      }
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'attachment.download', caseId: r.case_id, entity: 'attachment', entityId: r.id,
        details: { handoffId: r.handoff_id, category: r.category, size: Number(r.size), sha256: r.sha256 },
      });
      return { row: r, dataKey: key };
    });
    return { attachment: attachmentView(row), body: Readable.from(decryptChunks(this.store.get(row.storage_key), dataKey)) };
  }
}
