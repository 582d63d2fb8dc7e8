/**
 * Every template from a filled input: the blocks carry every value (pure), and the rendered PDF,
 * read back with poppler, carries them with their exact diacritics on A4 in embedded Tinos.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockText, renderPdf, type DocumentSpec } from '../layout';
import { caseFile } from './case-file';
import { closureDecision } from './closure-decision';
import type { ChildInfo, DecisionInfo, Issuer } from './common';
import { handoffSheet } from './handoff-sheet';
import { mau01 } from './mau-01';
import { mau02 } from './mau-02';
import { mau03 } from './mau-03';
import { mau04, type PlanData } from './mau-04';
import { mau05 } from './mau-05';
import { mau06 } from './mau-06';
import { mau07, MAX_SEPARATION_DAYS, separationErrors, type SeparationData } from './mau-07';
import { urgentReportDocument } from './urgent-report';

const issuer: Issuer = { communeName: 'Xã Vân Sơn' };
const child: ChildInfo = { fullName: 'Nguyễn Thị Ánh Tuyết', sex: 'female', dateOfBirth: '2015-04-15', ageYears: 10, address: 'Thôn Đông, xã Vân Sơn' };
const at = new Date('2026-03-05T03:30:00Z'); // 10:30 in Viet Nam
const decision: DecisionInfo = { display: '12/QĐ-UBND', decidedAt: at, signerTitle: 'vice_chair', signerName: 'Lê Văn Quyết', effectiveOn: null };
const plan: PlanData = {
  goals: 'Trẻ được an toàn và đi học lại', objectives: ['Khám sức khỏe trong 5 ngày', 'Đi học đều'],
  actions: [{ kind: 'school_support', agencyType: 'school', dueInDays: 14, activity: 'Phụ đạo', responsible: 'Cô Hoàng Thị Mai', budget: 'Ngân sách xã' }],
  childAndFamilyRoles: 'Gia đình đưa trẻ đi học', monitoring: 'Hằng tuần', reviewOn: '2026-04-05',
};
const separation: SeparationData = {
  separatedFrom: 'father', separatedFromName: 'Đặng Văn Hưởng', reason: 'Trẻ bị bầm tím ở cánh tay phải', startOn: '2026-03-05', endOn: '2026-03-19',
  placement: { kind: 'relative', carerName: 'Nguyễn Thị Hồng', address: 'Thôn Tây, xã Vân Sơn', relation: 'bà ngoại' },
  responsibilities: ['Công an xã bảo vệ an toàn cho trẻ', 'Trạm y tế theo dõi sức khỏe'],
};

const docs: Record<string, { spec: DocumentSpec; expect: string[] }> = {
  'mau-01': {
    spec: mau01({
      issuer, caseCode: 'VS-2026-000001', receivedAt: at, channel: 'hotline_111', child: { ...child, whereabouts: 'Nhà bà ngoại' },
      incident: {
        types: ['physical_violence'], description: 'Trẻ bị bầm tím ở cánh tay phải', category: 'abused', receivedVia: 'phone',
        childWhereabouts: 'Nhà bà ngoại', childCondition: 'Sợ hãi', likelyConsequences: 'Tổn thương tâm lý', familySituation: 'Cha nghiện rượu',
        actionsTaken: 'Hàng xóm đưa trẻ sang nhà bà', notes: 'Cần xác minh gấp',
      },
      father: { fullName: 'Đặng Văn Hưởng', birthYear: 1988, occupation: 'Làm ruộng' }, mother: { fullName: 'Nguyễn Thị Hoa', birthYear: 1990 },
      carer: { fullName: 'Nguyễn Thị Hồng', relation: 'bà ngoại' }, household: { headName: 'Đặng Văn Hưởng', members: 4, poverty: 'near_poor' },
      reporter: { kind: 'named', name: 'Trần Văn Báo', phone: '0912345678', address: 'Thôn Đông', relationToChild: 'hàng xóm' },
      receiver: 'Phạm Thị Tiếp',
    }),
    expect: ['BÁO CÁO TIẾP NHẬN THÔNG TIN TRẺ EM', 'Nguyễn Thị Ánh Tuyết', 'Đặng Văn Hưởng; 38 tuổi; nghề nghiệp: Làm ruộng', 'Nguyễn Thị Hoa; 36 tuổi',
      'bầm tím ở cánh tay phải', 'Trần Văn Báo', '0912345678', 'Phạm Thị Tiếp', 'Hộ cận nghèo', 'Trẻ em bị xâm hại', 'Điện thoại', '10:30 05/03/2026',
      'Vân Sơn, ngày 05 tháng 3 năm 2026', 'NGƯỜI TIẾP NHẬN THÔNG TIN', 'Mẫu số 01 – NĐ 56/2017/NĐ-CP'],
  },
  'mau-02': {
    spec: mau02({
      issuer, caseCode: 'VS-2026-000001', child, emergencyMeasures: [{ measures: ['Đưa trẻ đến nơi an toàn'], appliedAt: at }],
      assessment: {
        recordedAt: at, assessor: 'Phạm Thị Tiếp', data: {
          riskLevel: 'high', substantiated: true, summary: 'Có căn cứ', assessedOn: '2026-03-05', place: 'Nhà văn hóa thôn Đông',
          participants: ['Công an xã'], childCondition: 'Bầm tím', harmSeverity: 'high', abuserAccess: 'medium', careObstacles: 'low',
          selfProtection: 'low', carerCapacity: 'medium', supportNetwork: 'high', emergencyNeeded: true, separationProposed: false,
          safetyMeasures: ['Ở nhà bà ngoại'], recommendations: 'Lập kế hoạch',
        },
      },
    }),
    expect: ['Cao', 'Trung bình', 'Thấp', 'Tổng số', 'Nhà văn hóa thôn Đông', 'Đưa trẻ đến nơi an toàn', 'Ở nhà bà ngoại', 'NGƯỜI ĐÁNH GIÁ'],
  },
  'mau-03': {
    spec: mau03({
      issuer, caseCode: 'VS-2026-000001', child, recordedAt: at, assessor: 'Phạm Thị Tiếp', data: {
        needs: ['Y tế'], summary: 'Cần hỗ trợ', needsByArea: [{ area: 'education', situation: 'Nghỉ học', need: 'Đi học lại' }],
        strengths: 'Bà ngoại thương trẻ', childViews: 'Muốn ở với bà', familyViews: 'Đồng ý', meetingOn: '2026-03-07',
        meetingPlace: 'UBND xã', meetingChair: 'Lê Văn Quyết', meetingSecretary: 'Phạm Thị Tiếp',
        meetingAttendees: [{ name: 'Hoàng Thị Mai', organisation: 'Trường Tiểu học Vân Sơn' }], meetingConclusions: 'Thống nhất kế hoạch',
      },
    }),
    expect: ['BIÊN BẢN HỌP', 'Học tập, giáo dục', 'Nghỉ học', 'Đi học lại', 'Trường Tiểu học Vân Sơn', 'Thống nhất kế hoạch', 'THƯ KÝ', 'CHỦ TRÌ'],
  },
  'mau-04': {
    spec: mau04({ issuer, caseCode: 'VS-2026-000001', child, data: plan, submittedAt: at, author: 'Phạm Thị Tiếp' }),
    expect: ['KẾ HOẠCH HỖ TRỢ, CAN THIỆP', 'Phụ đạo', 'Cô Hoàng Thị Mai', 'Ngân sách xã', '14 ngày', 'Khám sức khỏe trong 5 ngày', '05/04/2026'],
  },
  'mau-05': {
    spec: mau05({ issuer, caseCode: 'VS-2026-000001', child, decision, plan, planSubmittedAt: at, proposer: 'công chức Văn hóa - Xã hội Phạm Thị Tiếp' }),
    expect: ['Số: 12/QĐ-UBND', 'QUYẾT ĐỊNH', 'Về việc phê duyệt kế hoạch hỗ trợ, can thiệp đối với trẻ em Nguyễn Thị Ánh Tuyết',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ VÂN SƠN', 'Căn cứ Luật Trẻ em', 'Nghị định số 56/2017/NĐ-CP', 'QUYẾT ĐỊNH:', 'Điều 1.', 'Điều 2.', 'Điều 3.',
      'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Lê Văn Quyết', 'Nơi nhận:', 'Trường học: Hỗ trợ học tập tại trường – Phụ đạo'],
  },
  'mau-06': {
    spec: mau06({
      issuer, caseCode: 'VS-2026-000001', child, recordedAt: at, reviewer: 'Phạm Thị Tiếp',
      data: { summary: 'Trẻ đã ổn định', childSafe: true, harmSeverity: 'low', abuserAccess: 'low', recommendation: 'close', nextSteps: 'Theo dõi 3 tháng' },
    }),
    expect: ['Trẻ đã ổn định', 'Kết thúc kế hoạch hỗ trợ, can thiệp', 'Theo dõi 3 tháng', 'Tổng số'],
  },
  'mau-07': {
    spec: mau07({ issuer, caseCode: 'VS-2026-000001', child, decision: { ...decision, signerTitle: 'chair' }, separation, proposer: null }),
    expect: ['Về việc tạm thời cách ly trẻ em Nguyễn Thị Ánh Tuyết', 'Cha (Đặng Văn Hưởng)', 'từ ngày 05/03/2026', 'đến ngày 19/03/2026 (15 ngày)',
      'Nguyễn Thị Hồng', 'bà ngoại', 'Công an xã bảo vệ an toàn cho trẻ', 'CHỦ TỊCH', 'Mẫu số 07'],
  },
  'closure-decision': {
    spec: closureDecision({
      issuer, caseCode: 'VS-2026-000001', child, decision: { ...decision, display: '13/QĐ-UBND', signerTitle: 'chair' },
      proposal: { reason: 'Trẻ đã an toàn', unfounded: false, proposer: 'Phạm Thị Tiếp', proposedAt: at },
      planDecision: { display: '12/QĐ-UBND', decidedAt: at }, outcome: 'child_safe',
    }),
    expect: ['Về việc kết thúc kế hoạch hỗ trợ, can thiệp', 'Số: 13/QĐ-UBND', 'Căn cứ Quyết định số 12/QĐ-UBND', 'Trẻ đã an toàn'],
  },
  handoff: {
    spec: handoffSheet({
      issuer, caseCode: 'VS-2026-000001', child: { firstName: 'Tuyết', ageYears: 10, sex: 'female' }, incidentTypes: ['physical_violence'],
      handoff: {
        kind: 'medical_care', agencyName: 'Trạm Y tế xã Vân Sơn', urgency: 'urgent', state: 'completed', instructions: 'Khám vết thương', dueAt: at,
        createdAt: at, acceptedAt: at, completedAt: at, outcome: 'Đã khám, không gãy xương', reason: null,
      },
      deadlines: [{ titleVi: 'Hoàn thành', dueAt: at, status: 'met' }],
    }),
    expect: ['PHIẾU YÊU CẦU PHỐI HỢP', 'Trạm Y tế xã Vân Sơn', 'Tuyết', 'Đã khám, không gãy xương', 'Bạo lực thể chất'],
  },
  'urgent-report': {
    spec: urgentReportDocument({
      issuer, caseCode: 'VS-2026-000009', addressedTo: 'Sở Y tế Thanh Hóa', kinds: ['death', 'drowning'], openedAt: at, state: 'sent',
      chairName: 'Lê Văn Quyết',
      content: {
        summary: 'Cháu Đức cùng hai bạn tắm suối, bị nước cuốn', occurredAt: '16 giờ ngày 04/3/2026', location: 'Suối Nậm Khòa, bản Nà Ổ',
        children: 'Lò Văn Đức, nam, 9 tuổi', consequences: 'Cháu Đức tử vong', actionsTaken: 'Thăm hỏi, hỗ trợ gia đình mai táng',
        cause: 'Không có người lớn giám sát', proposals: 'Lắp biển cảnh báo tại suối',
      },
    }),
    expect: ['BÁO CÁO ĐỘT XUẤT', 'Về vụ việc trẻ em tử vong, đuối nước', 'Kính gửi: Sở Y tế Thanh Hóa', 'Cháu Đức cùng hai bạn tắm suối, bị nước cuốn',
      '16 giờ ngày 04/3/2026', 'Suối Nậm Khòa, bản Nà Ổ', 'Lò Văn Đức, nam, 9 tuổi', 'Cháu Đức tử vong', 'Thăm hỏi, hỗ trợ gia đình mai táng',
      'Không có người lớn giám sát', 'Lắp biển cảnh báo tại suối', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Lê Văn Quyết', 'Đã gửi'],
  },
  // Handoff v2: an emergency police handoff with what protection requires and its criminal-procedure status.
  'handoff-police': {
    spec: handoffSheet({
      issuer, caseCode: 'VS-2026-000002', child: { firstName: 'Tuyết', ageYears: 10, sex: 'female' }, incidentTypes: ['sexual_abuse'],
      handoff: {
        kind: 'police_protection', agencyName: 'Công an xã Vân Sơn', urgency: 'urgent', state: 'in_progress', instructions: 'Bảo vệ trẻ', dueAt: at,
        createdAt: at, acceptedAt: at, completedAt: null, outcome: null, reason: null,
        protection: { childLocation: 'Nhà bà ngoại, thôn Tây', workerName: 'Nguyễn Thị Hoa', workerPhone: '0912 345 678' },
        procedure: [{ status: 'prosecution_opened', on: '2026-03-20', reference: '05/QĐ-KTVA', note: null }],
      },
      deadlines: [],
    }),
    expect: ['Nhà bà ngoại, thôn Tây', 'Nguyễn Thị Hoa, 0912 345 678', 'Đã khởi tố vụ án (20/03/2026)', '05/QĐ-KTVA'],
  },
};

const dir = mkdtempSync(join(tmpdir(), 'baove-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function poppler(pdf: Buffer, name: string) {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  // A value wrapped inside a table cell reads whole in poppler's reading order (without -layout).
  const raw = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  return {
    text, flat: `${text.replace(/\s+/g, ' ')}\n${raw.replace(/\s+/g, ' ')}`,
    info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
    fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }),
  };
}

describe('document templates', () => {
  it.each(Object.keys(docs))('%s: every value in its blocks, and in the PDF as poppler reads it', async (name) => {
    const { spec, expect: wanted } = docs[name];
    const text = spec.blocks.flatMap(blockText).join('\n');
    for (const w of wanted) expect({ name, missing: text.includes(w) ? null : w }).toEqual({ name, missing: null });
    const started = Date.now();
    const bytes = await renderPdf(spec);
    if (process.env.DOCUMENTS_SAMPLES) writeFileSync(join(process.env.DOCUMENTS_SAMPLES, `${name}.pdf`), bytes);
    const pdf = poppler(bytes, name);
    expect(Date.now() - started).toBeLessThan(5000);
    for (const w of [...wanted, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'ỦY BAN NHÂN DÂN', 'XÃ VÂN SƠN']) {
      expect({ name, missing: pdf.flat.includes(w) ? null : w }).toEqual({ name, missing: null });
    }
    expect(pdf.info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(pdf.fonts).toMatch(/\+Tinos\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(pdf.fonts).toMatch(/\+Tinos-Bold\s/);
    expect(pdf.fonts).not.toMatch(/Helvetica/);
  });

  it('reads the same however many documents the process rendered before (fonts are shared, glyph caches are not)', async () => {
    const first = poppler(await renderPdf(docs['mau-05'].spec), 'again-1').text;
    for (const d of Object.values(docs)) await renderPdf(d.spec);
    expect(poppler(await renderPdf(docs['mau-05'].spec), 'again-2').text).toBe(first);
    expect(first).toContain('QUYẾT ĐỊNH');
  });

  it('prints what a case lacks as the official dotted blank, and no reporter when withheld or anonymous', async () => {
    const bare = mau01({
      issuer, caseCode: 'VS-2026-000002', receivedAt: at, channel: 'citizen', incident: { types: [] }, child: { ...child, fullName: null },
      father: null, mother: null, carer: null, household: null, reporter: { kind: 'withheld' }, receiver: null,
    });
    const text = bare.blocks.flatMap(blockText).join('\n');
    expect(text).toContain('Họ và tên trẻ em: ……………………');
    expect(text).toContain('được giữ bí mật');
    const anonymous = mau01({ ...{ issuer, caseCode: 'X', receivedAt: at, channel: 'citizen', incident: { types: [] }, child }, father: null, mother: null,
      carer: null, household: null, reporter: { kind: 'anonymous' }, receiver: null });
    expect(anonymous.blocks.flatMap(blockText).join('\n')).toContain('ẩn danh');
  });

  it('numbers the pages of a long file from the second page, and the separation is at most 15 days', async () => {
    const forms = Object.entries(docs).filter(([n]) => n.startsWith('mau') || n === 'closure-decision').map(([, d]) => ({ titleVi: d.spec.title, spec: d.spec }));
    const timeline = Array.from({ length: 60 }, (_, n) => ({
      at, actor: 'Phạm Thị Tiếp', what: `Thêm ghi chú ${n + 1}`, stateChange: '', details: `Nội dung: ghi chú số ${n + 1} về trẻ`,
    }));
    const file = caseFile({
      issuer, caseCode: 'VS-2026-000001', child, communes: { lead: 'Xã Vân Sơn', incident: 'Xã Vân Sơn', residence: null }, receivedAt: at,
      closedAt: null, state: 'intervening', outcome: null, forms, timeline, handoffs: [], attachments: [], printedAt: at,
    });
    const pdf = poppler(await renderPdf(file, 'Hồ sơ'), 'file');
    const pages = Number(/Pages:\s+(\d+)/.exec(pdf.info)![1]);
    expect(pages).toBeGreaterThan(10);
    const pageTexts = pdf.text.split('\f');
    expect(pageTexts[0]).not.toMatch(/^\s*1\s*$/m);
    expect(pageTexts[1].trim().split('\n')[0].trim()).toBe('2');
    expect(pageTexts[pages - 1].trim().split('\n')[0].trim()).toBe(String(pages));
    expect(pdf.flat).toContain('Thêm ghi chú 60');
    expect(separationErrors({ startOn: '2026-03-05', endOn: '2026-03-19' })).toEqual([]);
    expect(separationErrors({ startOn: '2026-03-05', endOn: '2026-03-20' })[0]).toContain(`${MAX_SEPARATION_DAYS} ngày`);
    expect(separationErrors({ startOn: '2026-03-05', endOn: '2026-03-04' })).toHaveLength(1);
  });
});
