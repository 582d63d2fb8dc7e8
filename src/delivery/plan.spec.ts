import type { RecipientRow } from '../notifications/deliveries.repository';
import { compose, gsm7, SMS_SEGMENT } from '../notifications/messages';
import { TEMPLATES } from '../notifications/templates';
import { localDay, notBefore, planFor } from './plan';

const row = (over: Partial<RecipientRow> = {}): RecipientRow => ({
  notification_id: 'n1', user_id: 'u1', case_id: 'c1', template: 'case_assigned', payload: { code: 'VS-2026-000001' }, language: 'vi',
  quiet_start: null, quiet_end: null, channels: {}, email: 'a@b.vn', phone: '+84912000001', push: [{ id: 'p1' }, { id: 'p2' }], ...over,
});

describe('delivery plan', () => {
  it('sends a non-urgent kind on the chosen channels in order, among those configured and verified', () => {
    expect(planFor(row({ channels: { assignment: ['sms', 'email'] } }), ['email', 'sms', 'push']).channels).toEqual([
      { channel: 'sms', address: '+84912000001' }, { channel: 'email', address: 'a@b.vn' },
    ]);
    expect(planFor(row({ channels: { assignment: ['zalo', 'email'] }, email: null }), ['email', 'sms']).channels).toEqual([]);
    // Default: push (every device), then e-mail.
    expect(planFor(row(), ['email', 'push']).channels).toEqual([{ channel: 'push', address: 'p1,p2' }, { channel: 'email', address: 'a@b.vn' }]);
  });

  it('sends an urgent one on every channel the person has, whatever they chose', () => {
    const plan = planFor(row({ template: 'deadline_breached', channels: { deadline: [] } }), ['email', 'sms', 'zalo', 'push']);
    expect(plan.urgent).toBe(true);
    expect(plan.channels.map((c) => c.channel)).toEqual(['push', 'sms', 'zalo', 'email']);
    expect(planFor(row({ template: 'handoff_offered', payload: { urgency: 'urgent' } }), ['email']).urgent).toBe(true);
    expect(planFor(row({ template: 'handoff_offered', payload: { urgency: 'normal' } }), ['email']).urgent).toBe(false);
  });

  it('holds non-urgent messages until quiet hours end (Vietnam time, across midnight), never urgent ones', () => {
    // 23:30 in Vietnam = 16:30 UTC.
    const late = new Date('2026-11-26T16:30:20Z');
    const quiet = { start: 21 * 60, end: 6 * 60 + 30 };
    expect(notBefore(late, quiet, false).toISOString()).toBe('2026-11-26T23:30:00.000Z');
    expect(notBefore(late, quiet, true)).toBe(late);
    const noon = new Date('2026-11-27T05:00:00Z');
    expect(notBefore(noon, quiet, false)).toBe(noon);
    expect(notBefore(noon, { start: 11 * 60, end: 13 * 60 }, false).toISOString()).toBe('2026-11-27T06:00:00.000Z');
  });

  it('knows the local day', () => {
    const d = localDay(new Date('2026-11-26T17:30:00Z'));
    expect(d.day).toBe('2026-11-27');
    expect(d.start.toISOString()).toBe('2026-11-26T17:00:00.000Z');
    expect(d.plusDays(7).toISOString()).toBe('2026-12-03T17:00:00.000Z');
  });
});

describe('message texts', () => {
  const payload = {
    code: 'VS-2026-000123', deadlineVi: 'Xác minh, đánh giá nguy cơ và áp dụng biện pháp khẩn cấp trong 12 giờ', deadlineEn: 'Verify, assess the risk and take emergency measures within 12 hours',
    level: 2, report: 'Q4', due: '2026-12-31', deadlines: 3, day: '2026-11-27', earlierCode: 'VS-2026-000001', today: 2, week: 5, overdue: 1, approvals: 1, overdueCodes: 'VS-2026-000002, VS-2026-000003',
    ackToken: 'AAAAAAAAAAAAAAAAAAAAAA',
  };
  it('fits every template in one GSM-7 SMS segment in both languages, with the link whole', () => {
    for (const template of Object.keys(TEMPLATES)) {
      for (const lang of ['vi', 'en'] as const) {
        const m = compose({ notificationId: 'n', template, payload, caseId: '0b7c7e4e-3b8e-4d0e-9d54-0d1f1c9a9f00', urgent: true }, lang, 'sms', 'https://baove.thanhhoa.gov.vn');
        expect(m.text.length).toBeLessThanOrEqual(SMS_SEGMENT);
        expect(m.text).toMatch(/^[A-Za-z0-9 !"#$%&'()*+,\-./:;<=>?@_\n]+$/);
        expect(m.text.endsWith('https://baove.thanhhoa.gov.vn/ack/AAAAAAAAAAAAAAAAAAAAAA')).toBe(true);
      }
    }
  });

  it('writes Vietnamese without diacritics for SMS', () => {
    expect(gsm7('QUÁ HẠN: hồ sơ — Đánh giá “nguy cơ”')).toBe('QUA HAN: ho so - Danh gia "nguy co"');
  });

  it('gives the push payload of the console contract', () => {
    const m = compose({ notificationId: 'n9', template: 'deadline_breached', payload, caseId: 'c9', urgent: true }, 'en', 'push', 'https://x');
    expect(m.push).toEqual({ title: 'baove — URGENT', body: 'OVERDUE: case VS-2026-000123 — Verify, assess the risk and take emergency measures within 12 hours', url: '/cases/c9', tag: 'n9', urgent: true, ackUrl: '/ack/AAAAAAAAAAAAAAAAAAAAAA' });
  });
});
