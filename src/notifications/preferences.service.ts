import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomInt } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { ChannelName } from '../channels/channel';
import { ChannelsService } from '../channels/channels.service';
import { Clock } from '../common/clock';
import { Conflict, InvalidInput, NotAllowedNow, NotFound, ServiceUnavailable, TooManyRequests } from '../common/errors';
import { CONFIG } from '../common/tokens';
import type { AppConfig } from '../config/config';
import { Db } from '../database/db';
import type { Principal } from '../identity/roles';
import { DEFAULT_CHANNELS, NOTIFICATION_KINDS } from './kinds';
import { gsm7 } from './messages';
import { PreferencesRepository, SettingsRow } from './preferences.repository';

const CODE_TTL_MS = 15 * 60_000;
/** A new code at most once a minute per contact (each one is an e-mail or an SMS someone pays for). */
const CODE_RESEND_MS = 60_000;
const CODE_MAX_ATTEMPTS = 5;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const hashCode = (userId: string, kind: string, code: string) => createHash('sha256').update(`${userId}|${kind}|${code}`).digest('hex');

export interface SettingsInput {
  language: 'vi' | 'en';
  quietHours?: { start: string; end: string } | null;
  channels: Record<string, string[]>;
}

/** The caller's own notification settings, contacts (verified by a code sent through them) and push subscriptions. */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly db: Db,
    private readonly repo: PreferencesRepository,
    private readonly channels: ChannelsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** The caller's settings (an administrator may read another user's within their jurisdiction); audited. */
  async view(p: Principal, userId = p.userId) {
    if (userId !== p.userId) {
      const province = p.role === 'national_admin' ? null : p.role === 'admin' && p.provinceCode ? p.provinceCode : undefined;
      if (province === undefined || !(await this.repo.userInAdminScope(userId, province))) throw new NotFound('User', 'người dùng');
    }
    const [settings, contacts, push] = await Promise.all([this.repo.settings(userId), this.repo.contacts(userId), this.repo.pushSubscriptions(userId)]);
    await this.db.transaction((tx) => this.audit.record(tx, {
      actor: { id: p.userId, role: p.role }, action: 'notification_settings.read', entity: 'user', entityId: userId,
    }));
    const s = settings ?? { language: 'vi', quiet_start: null, quiet_end: null, channels: {} };
    return {
      language: s.language,
      quietHours: s.quiet_start === null || s.quiet_end === null ? null : { start: hhmm(s.quiet_start), end: hhmm(s.quiet_end) },
      channels: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, s.channels[k] ?? [...DEFAULT_CHANNELS]])),
      contacts: contacts.map((c) => ({ kind: c.kind, value: c.value, verified: c.verified_at !== null, verifiedAt: c.verified_at, codeExpiresAt: c.code_expires_at })),
      pushSubscriptions: push.map((x) => ({ id: x.id, service: new URL(x.endpoint).host, createdAt: x.created_at })),
      availableChannels: this.channels.configured(),
    };
  }

  async save(p: Principal, input: SettingsInput) {
    const row: SettingsRow = {
      language: input.language,
      quiet_start: input.quietHours ? minutes(input.quietHours.start) : null,
      quiet_end: input.quietHours ? minutes(input.quietHours.end) : null,
      channels: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, input.channels[k] ?? []])),
    };
    if (row.quiet_start !== null && row.quiet_start === row.quiet_end) {
      throw new InvalidInput({ quietHours: ['Giờ bắt đầu và kết thúc phải khác nhau / start and end must differ'] });
    }
    await this.db.transaction(async (tx) => {
      await this.repo.saveSettings(tx, p.userId, row, this.clock.now());
      await this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action: 'notification_settings.updated', entity: 'user', entityId: p.userId,
        details: { language: row.language, quietHours: input.quietHours ?? null, channels: row.channels } });
    });
    return this.view(p);
  }

  /**
   * Sets the caller's e-mail or phone (unverified) and sends a six-digit code through it: by
   * e-mail, or by SMS (else Zalo) for a phone. Refused when no such channel is configured.
   */
  async addContact(p: Principal, kind: 'email' | 'phone', raw: string) {
    const value = kind === 'phone' ? raw.replace(/^0/, '+84') : raw.trim().toLowerCase();
    const channel: ChannelName | undefined = kind === 'email' ? (this.channels.adapter('email') ? 'email' : undefined)
      : this.channels.adapter('sms') ? 'sms' : this.channels.adapter('zalo') ? 'zalo' : undefined;
    if (!channel) {
      throw new NotAllowedNow('channel_not_configured', kind === 'email'
        ? 'Chưa cấu hình gửi e-mail / No e-mail provider is configured'
        : 'Chưa cấu hình gửi SMS hoặc Zalo / No SMS or Zalo provider is configured');
    }
    const now = this.clock.now();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
    await this.db.transaction(async (tx) => {
      const current = await this.repo.lockContact(tx, p.userId, kind);
      if (current?.code_hash && now.getTime() - current.updated_at.getTime() < CODE_RESEND_MS) {
        throw new TooManyRequests('Vui lòng chờ một phút trước khi gửi lại mã / Wait a minute before asking for another code', { retryAfterSeconds: 60 });
      }
      await this.repo.setPending(tx, p.userId, kind, value, hashCode(p.userId, kind, code), expiresAt, now);
      await this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action: `contact.${kind}_set`, entity: 'user', entityId: p.userId, details: { sentBy: channel } });
      // Sent inside the transaction: if the provider refuses, nothing is saved and the caller sees why.
      const vi = `Ma xac nhan baove: ${code} (hieu luc 15 phut).`;
      const en = `baove verification code: ${code} (valid 15 minutes).`;
      await this.channels.adapter(channel)!.send({
        dedupeKey: `verify-${p.userId}-${kind}-${now.getTime()}`, to: value, subject: 'baove: mã xác nhận / verification code',
        text: channel === 'email' ? `Mã xác nhận của bạn: ${code} (hiệu lực 15 phút).\nYour verification code: ${code} (valid 15 minutes).\n` : gsm7(`${vi} ${en}`),
        urgent: false,
      }).catch((e: Error) => {
        throw new ServiceUnavailable(`Không gửi được mã / The code could not be sent (${e.message.slice(0, 100)})`);
      });
    });
    return { kind, value, sentBy: channel, codeExpiresAt: expiresAt };
  }

  async verifyContact(p: Principal, kind: 'email' | 'phone', code: string) {
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (tx) => {
      const c = await this.repo.lockContact(tx, p.userId, kind);
      if (!c) throw new NotFound('Contact', kind === 'email' ? 'địa chỉ e-mail' : 'số điện thoại');
      if (c.verified_at) return { verifiedAt: c.verified_at };
      if (!c.code_hash || !c.code_expires_at || c.code_expires_at.getTime() < now.getTime() || c.code_attempts >= CODE_MAX_ATTEMPTS) {
        throw new Conflict('Mã đã hết hạn hoặc đã thử quá nhiều lần, hãy yêu cầu mã mới / The code expired or was tried too often: ask for a new one');
      }
      if (hashCode(p.userId, kind, code) !== c.code_hash) {
        await this.repo.countAttempt(tx, p.userId, kind);
        return { wrong: true as const };
      }
      await this.repo.markVerified(tx, p.userId, kind, now);
      await this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action: `contact.${kind}_verified`, entity: 'user', entityId: p.userId });
      return { verifiedAt: now };
    });
    // The wrong attempt is counted (committed) before the refusal.
    if ('wrong' in outcome) throw new InvalidInput({ code: ['Mã không đúng / The code is wrong'] });
    return { kind, verifiedAt: outcome.verifiedAt };
  }

  async removeContact(p: Principal, kind: 'email' | 'phone'): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await this.repo.deleteContact(tx, p.userId, kind))) throw new NotFound('Contact', kind === 'email' ? 'địa chỉ e-mail' : 'số điện thoại');
      await this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action: `contact.${kind}_removed`, entity: 'user', entityId: p.userId });
    });
  }

  async subscribePush(p: Principal, s: { endpoint: string; keys: { p256dh: string; auth: string } }) {
    if (!this.channels.adapter('push')) throw new NotAllowedNow('channel_not_configured', 'Chưa cấu hình Web Push / Web Push is not configured');
    return this.db.transaction(async (tx) => {
      const id = await this.repo.savePush(tx, p.userId, { endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth }, this.clock.now());
      await this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action: 'push_subscription.created', entity: 'push_subscription', entityId: id });
      return { id };
    });
  }

  async unsubscribePush(p: Principal, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await this.repo.deletePush(tx, p.userId, id))) throw new NotFound('Push subscription', 'đăng ký nhận thông báo đẩy');
      await this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action: 'push_subscription.deleted', entity: 'push_subscription', entityId: id });
    });
  }

  vapidKey() {
    return { publicKey: this.channels.vapidPublicKey() ?? null };
  }
}
