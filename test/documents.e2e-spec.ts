/**
 * Printed documents over real HTTP: a case driven through the API with every form field filled,
 * each form downloaded and read back with poppler (pdftotext -layout, pdfinfo, pdffonts): every
 * value with its exact diacritics, the national motto, the commune, A4, Tinos embedded. Need-to-
 * know on paper: partners print only their handoff sheet, the reporter only on Mẫu 01 and only for
 * the full projection, never when anonymous. Every render audited.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { renderPdf } from '../src/documents/layout';
import { mau07 } from '../src/documents/templates/mau-07';
import { apply, intake, intakeBody, userId, EMERGENCY } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const dir = mkdtempSync(join(tmpdir(), 'baove-documents-'));

/** A PDF as poppler reads it: the text (layout, and whitespace-folded; reading order for wrapped table cells), page size, fonts, pages. */
/**
 * A DOCX file's text, one line per paragraph (runs joined), and its page setup (word/document.xml,
 * read with unzip): what Word shows, with its diacritics.
 */
function readDocx(docx: Buffer, name: string): { text: string; xml: string } {
  const path = join(dir, `${name}.docx`);
  writeFileSync(path, docx);
  const xml = execFileSync('unzip', ['-p', path, 'word/document.xml']).toString('utf8');
  const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  const text = paragraphs.map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1])).join('')).join('\n');
  return { text, xml };
}

function readPdf(pdf: Buffer, name: string) {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const layout = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const raw = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return {
    layout, text: `${layout.replace(/\s+/g, ' ')}\n${raw.replace(/\s+/g, ' ')}`, info,
    fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }), pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
  };
}

/** supertest reads application/pdf as a Buffer. */
const binary = (res: Response) => res.body as Buffer;

const REPORTER = { anonymous: false, name: 'Trần Văn Báo', phone: '0912 345 678', address: 'Xóm Chùa, thôn Đông', relationToChild: 'hàng xóm' };
const CHILD = {
  fullName: 'Nguyễn Thị Ánh Tuyết', sex: 'female', dateOfBirth: '2015-04-15', address: 'Thôn Đông, xã Vân Sơn',
  father: { fullName: 'Đặng Văn Hưởng', birthYear: 1986, occupation: 'Thợ xây' },
  mother: { fullName: 'Nguyễn Thị Hoà Bình', birthYear: 1990, occupation: 'Làm ruộng' },
  carer: { fullName: 'Lương Thị Mến', relation: 'bà ngoại', phone: '0987 654 321', address: 'Thôn Tây' },
  household: { headName: 'Đặng Văn Hưởng', members: 5, poverty: 'near_poor' },
};
const INCIDENT = {
  types: ['physical_violence', 'neglect'], description: 'Trẻ bị đánh, bị bầm tím ở cánh tay phải', location: 'tại nhà riêng',
  occurredAt: new Date(Date.now() - 26 * 3_600_000).toISOString(), category: 'abused', receivedVia: 'phone',
  childWhereabouts: 'Đang ở nhà bà ngoại', childCondition: 'Sợ hãi, ít nói, có vết bầm', likelyConsequences: 'Tổn thương tâm lý kéo dài',
  familySituation: 'Cha thường uống rượu say', actionsTaken: 'Hàng xóm đưa trẻ sang nhà bà ngoại', notes: 'Cần xác minh trong ngày',
};
const INITIAL = {
  riskLevel: 'high', substantiated: true, summary: 'Có căn cứ trẻ bị bạo lực thể chất', assessedOn: '2026-03-05', place: 'Nhà văn hóa thôn Đông',
  participants: ['Đại úy Lò Văn Sáng – Công an xã', 'Y sĩ Hà Thị Dịu – Trạm Y tế'], childCondition: 'Vết bầm dài 5 cm, trẻ hoảng sợ',
  harmSeverity: 'high', abuserAccess: 'high', careObstacles: 'medium', selfProtection: 'low', carerCapacity: 'medium', supportNetwork: 'low',
  emergencyNeeded: true, separationProposed: true, safetyMeasures: ['Trẻ ở tạm nhà bà ngoại'], recommendations: 'Đề nghị lập kế hoạch hỗ trợ',
};
const ASSESSMENT = {
  needs: ['Chăm sóc y tế', 'Hỗ trợ tâm lý'], summary: 'Trẻ cần được chăm sóc y tế và tâm lý',
  needsByArea: [
    { area: 'physical_health', situation: 'Vết bầm chưa lành', need: 'Khám và điều trị' },
    { area: 'education', situation: 'Nghỉ học 1 tuần', need: 'Đi học lại' },
  ],
  strengths: 'Bà ngoại yêu thương trẻ', childViews: 'Cháu muốn ở với bà', familyViews: 'Mẹ đồng ý cho trẻ ở với bà',
  meetingOn: '2026-03-07', meetingPlace: 'Hội trường UBND xã', meetingChair: 'Ông Vũ Đình Khải', meetingSecretary: 'Bà Phùng Thị Thư',
  meetingAttendees: [{ name: 'Cô Đỗ Thị Hạnh', organisation: 'Trường Tiểu học Vân Sơn' }, { name: 'Ông Lò Văn Sáng', organisation: 'Công an xã' }],
  meetingConclusions: 'Thống nhất giao Trạm Y tế và nhà trường hỗ trợ',
};
const PLAN = {
  goals: 'Trẻ được an toàn, được chăm sóc và đi học trở lại',
  objectives: ['Khám sức khỏe trong 5 ngày', 'Đi học đều từ tuần sau'],
  actions: [
    { kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, activity: 'Khám vết thương', responsible: 'Y sĩ Hà Thị Dịu', budget: 'Quỹ BHYT' },
    { kind: 'school_support', agencyType: 'school', dueInDays: 14, activity: 'Phụ đạo', responsible: 'Cô Đỗ Thị Hạnh', budget: 'Ngân sách xã' },
  ],
  childAndFamilyRoles: 'Mẹ đưa trẻ đi khám đúng hẹn', monitoring: 'Cán bộ thăm trẻ hằng tuần', reviewOn: '2026-04-06',
};
const REVIEW = {
  summary: 'Trẻ đã ổn định, đi học đều', childSafe: true, harmSeverity: 'low', abuserAccess: 'low', careObstacles: 'low',
  selfProtection: 'medium', carerCapacity: 'high', supportNetwork: 'high', recommendation: 'close', nextSteps: 'Tiếp tục theo dõi 3 tháng',
};

describe('printed documents (e2e)', () => {
  let t: TestApp;
  let caseId: string;
  let code: string;
  const get = async (as: string, url: string) => t.http.get(url).set('Authorization', await t.login(as)).buffer(true)
    .parse((res, done) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => done(null, Buffer.concat(chunks))); });
  const json = async (as: string, url: string) => t.http.get(url).set('Authorization', await t.login(as));

  async function completeHandoffs(id: string, outcome: (kind: string) => string) {
    const user: Record<string, string> = { health_station: 'health', commune_police: 'police', school: 'education' };
    const rows: Array<{ id: string; type: string; kind: string }> = await t.ds.query(
      `SELECT h.id, a.type, h.kind FROM handoffs h JOIN agencies a ON a.id = h.agency_id WHERE h.case_id = $1 AND h.state IN ('offered', 'accepted')`, [id]);
    for (const h of rows) {
      const auth = await t.login(`vanson.${user[h.type]}`);
      expect((await t.http.post(`/api/v1/handoffs/${h.id}/accept`).set('Authorization', auth)).status).toBe(200);
      expect((await t.http.post(`/api/v1/handoffs/${h.id}/complete`).set('Authorization', auth).send({ outcome: outcome(h.kind) })).status).toBe(200);
    }
  }

  beforeAll(async () => {
    t = await bootTestApp();
    // People with Vietnamese names sign the forms.
    for (const [username, name] of [['vanson.social_worker', 'Phạm Thị Tiếp'], ['vanson.chair', 'Lê Văn Quyết'], ['vanson.supervisor', 'Trịnh Minh Giám']]) {
      await t.ds.query(`UPDATE users SET full_name = $2 WHERE username = $1`, [username, name]);
    }
    const worker = await userId(t, 'vanson.social_worker');
    const c = await intake(t, 'vanson.social_worker', { reporter: REPORTER, child: CHILD, incident: INCIDENT, channel: 'citizen' });
    caseId = c.id;
    code = c.code;
    await apply(t, 'vanson.supervisor', caseId, 'ASSIGN', { assigneeId: worker });
    await apply(t, 'vanson.social_worker', caseId, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', caseId, 'APPLY_EMERGENCY_MEASURES', { measures: ['Đưa trẻ đến nhà bà ngoại ngay trong đêm'], ...EMERGENCY });
    await apply(t, 'vanson.social_worker', caseId, 'RECORD_INITIAL_ASSESSMENT', INITIAL);
    await apply(t, 'vanson.social_worker', caseId, 'RECORD_ASSESSMENT', ASSESSMENT);
    await apply(t, 'vanson.social_worker', caseId, 'SUBMIT_PLAN', PLAN);
    await apply(t, 'vanson.chair', caseId, 'APPROVE_PLAN', { signerTitle: 'vice_chair' });
    await completeHandoffs(caseId, (kind) => (kind === 'school_support' ? 'Trẻ đã đi học lại' : `Đã hoàn thành: ${kind === 'medical_care' ? 'vết thương đã lành' : 'trẻ an toàn'}`));
    await apply(t, 'vanson.social_worker', caseId, 'RECORD_REVIEW', REVIEW);
    await apply(t, 'vanson.social_worker', caseId, 'PROPOSE_CLOSURE', { reason: 'Trẻ đã an toàn, gia đình ổn định' });
    await apply(t, 'vanson.chair', caseId, 'APPROVE_CLOSURE', {});
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const COMMON = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'ỦY BAN NHÂN DÂN', 'XÃ VÂN SƠN', 'Vân Sơn, ngày'];
  const EXPECTED: Record<string, string[]> = {
    'mau-01': [
      'BÁO CÁO TIẾP NHẬN THÔNG TIN TRẺ EM', 'Mẫu số 01 – NĐ 56/2017/NĐ-CP', 'Nguyễn Thị Ánh Tuyết', '15/04/2015', 'Nữ', 'Thôn Đông, xã Vân Sơn',
      'Bạo lực thể chất, Bỏ mặc', 'bị bầm tím ở cánh tay phải', 'tại nhà riêng', 'Trẻ em bị xâm hại', 'Thông qua: Điện thoại', 'Người dân',
      'Đang ở nhà bà ngoại', 'Sợ hãi, ít nói, có vết bầm', 'Tổn thương tâm lý kéo dài', 'Cha thường uống rượu say', 'Hàng xóm đưa trẻ sang nhà bà ngoại',
      'Cần xác minh trong ngày', 'Đặng Văn Hưởng', 'Thợ xây', 'Nguyễn Thị Hoà Bình', 'Làm ruộng', 'Lương Thị Mến', 'bà ngoại', 'Hộ cận nghèo',
      'Trần Văn Báo', '0912 345 678', 'Xóm Chùa, thôn Đông', 'hàng xóm', 'NGƯỜI TIẾP NHẬN THÔNG TIN', 'Phạm Thị Tiếp',
    ],
    'mau-02': [
      'ĐÁNH GIÁ NGUY CƠ BAN ĐẦU, MỨC ĐỘ TỔN HẠI CỦA TRẺ EM', 'Mẫu số 02', 'Nguyễn Thị Ánh Tuyết', '05/03/2026', 'Nhà văn hóa thôn Đông',
      'Đại úy Lò Văn Sáng – Công an xã', 'Y sĩ Hà Thị Dịu – Trạm Y tế', 'Vết bầm dài 5 cm, trẻ hoảng sợ', 'Cao', 'Trung bình', 'Thấp', 'Tổng số',
      'Mức độ nguy cơ: Cao', 'Có căn cứ trẻ bị bạo lực thể chất', 'Trẻ ở tạm nhà bà ngoại', 'Đưa trẻ đến nhà bà ngoại ngay trong đêm',
      'Đề nghị lập kế hoạch hỗ trợ', 'Mức độ tổn hại của trẻ em có còn nghiêm trọng không', 'NGƯỜI ĐÁNH GIÁ', 'Phạm Thị Tiếp',
    ],
    'mau-03': [
      'ĐÁNH GIÁ CỤ THỂ NHU CẦU CỦA TRẺ EM', 'Sức khỏe thể chất', 'Vết bầm chưa lành', 'Khám và điều trị', 'Học tập, giáo dục', 'Nghỉ học 1 tuần',
      'Đi học lại', 'Chăm sóc y tế', 'Hỗ trợ tâm lý', 'Bà ngoại yêu thương trẻ', 'Cháu muốn ở với bà', 'Mẹ đồng ý cho trẻ ở với bà',
      'Trẻ cần được chăm sóc y tế và tâm lý', 'BIÊN BẢN HỌP', '07/03/2026', 'Hội trường UBND xã', 'Ông Vũ Đình Khải', 'Bà Phùng Thị Thư',
      'Cô Đỗ Thị Hạnh', 'Trường Tiểu học Vân Sơn', 'Ông Lò Văn Sáng', 'Thống nhất giao Trạm Y tế và nhà trường hỗ trợ',
    ],
    'mau-04': [
      'KẾ HOẠCH HỖ TRỢ, CAN THIỆP', 'Trẻ được an toàn, được chăm sóc và đi học trở lại', 'Khám sức khỏe trong 5 ngày', 'Đi học đều từ tuần sau',
      'Khám vết thương', 'Y sĩ Hà Thị Dịu', 'Quỹ BHYT', '5 ngày', 'Phụ đạo', 'Cô Đỗ Thị Hạnh', 'Ngân sách xã', '14 ngày', 'Trạm y tế', 'Trường học',
      'Mẹ đưa trẻ đi khám đúng hẹn', 'Cán bộ thăm trẻ hằng tuần', '06/04/2026', 'NGƯỜI LẬP KẾ HOẠCH',
    ],
    'mau-05': [
      'Số: 1/QĐ-UBND', 'QUYẾT ĐỊNH', 'Về việc phê duyệt kế hoạch hỗ trợ, can thiệp đối với trẻ em Nguyễn Thị Ánh Tuyết',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ VÂN SƠN', 'Căn cứ Luật Tổ chức chính quyền địa phương', 'Căn cứ Luật Trẻ em', 'Nghị định số 56/2017/NĐ-CP',
      'Xét đề nghị của công chức Văn hóa - Xã hội Phạm Thị Tiếp', 'QUYẾT ĐỊNH:', 'Điều 1.', 'sinh ngày 15/04/2015', 'Điều 2.',
      'Trạm y tế: Chăm sóc y tế – Khám vết thương', 'Trường học: Hỗ trợ học tập tại trường – Phụ đạo', 'Điều 3.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH',
      'Lê Văn Quyết', 'Nơi nhận:',
    ],
    'mau-06': [
      'RÀ SOÁT, ĐÁNH GIÁ TÌNH TRẠNG CỦA TRẺ EM', 'Mẫu số 06', 'Cao', 'Trung bình', 'Thấp', 'Tổng số', 'Trẻ đã ổn định, đi học đều',
      'Trẻ em đã được bảo đảm an toàn: Có', 'Kết thúc kế hoạch hỗ trợ, can thiệp', 'Tiếp tục theo dõi 3 tháng', 'NGƯỜI ĐÁNH GIÁ',
    ],
    'closure-decision': [
      'Số: 2/QĐ-UBND', 'Về việc kết thúc kế hoạch hỗ trợ, can thiệp đối với trẻ em Nguyễn Thị Ánh Tuyết', 'Căn cứ Quyết định số 1/QĐ-UBND',
      'Trẻ đã an toàn, gia đình ổn định', 'Kết quả: Trẻ đã an toàn', 'CHỦ TỊCH', 'Lê Văn Quyết', 'Nơi nhận:',
    ],
  };

  it.each(Object.keys(EXPECTED))('%s: every field with its exact diacritics, on A4 in embedded Tinos', async (form) => {
    const res = await get('vanson.social_worker', `/api/v1/cases/${caseId}/documents/${form}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${code}-${form}.pdf"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const pdf = readPdf(binary(res), form);
    for (const value of [...EXPECTED[form], ...COMMON]) expect({ form, missing: pdf.text.includes(value) ? null : value }).toEqual({ form, missing: null });
    expect(pdf.info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(pdf.fonts).toMatch(/\+Tinos\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(pdf.fonts).toMatch(/\+Tinos-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    // The reporter is printed on Mẫu 01 alone.
    if (form !== 'mau-01') expect(pdf.text).not.toContain('Trần Văn Báo');
  });

  it('prints free text that SQL holds only sealed (assessments, plan, review, closure reason)', async () => {
    const [row] = await t.ds.query(
      `SELECT (SELECT string_agg(data::text, ' ') FROM case_events WHERE case_id = $1) || (SELECT string_agg(body::text, ' ') FROM decisions WHERE case_id = $1) AS text`,
      [caseId]);
    for (const printed of ['Vết bầm chưa lành', 'Bà ngoại yêu thương trẻ', 'Thống nhất giao Trạm Y tế và nhà trường hỗ trợ', 'Trẻ đã ổn định, đi học đều', 'Trẻ đã an toàn, gia đình ổn định']) {
      expect({ printed, inSql: row.text.includes(printed) }).toEqual({ printed, inSql: false });
    }
    expect(row.text).toContain('enc1:');
  });

  it('lists the forms with their availability and decision numbers', async () => {
    const res = await json('vanson.supervisor', `/api/v1/cases/${caseId}/documents`);
    expect(res.status).toBe(200);
    const byForm = Object.fromEntries(res.body.map((d: { form: string }) => [d.form, d]));
    expect(Object.keys(byForm)).toEqual(['mau-01', 'mau-02', 'mau-03', 'mau-04', 'mau-05', 'mau-06', 'mau-07', 'closure-decision']);
    expect(byForm['mau-07'].available).toBe(false);
    expect(byForm['mau-05']).toMatchObject({ available: true, titleVi: 'Quyết định phê duyệt kế hoạch hỗ trợ, can thiệp', decision: { display: '1/QĐ-UBND' } });
    expect(byForm['closure-decision'].decision.display).toBe('2/QĐ-UBND');
    expect((await get('vanson.social_worker', `/api/v1/cases/${caseId}/documents/mau-07`)).status).toBe(404);
  });

  it('the case file holds every form, the timeline’s events and the handoffs’ outcomes, pages numbered', async () => {
    const res = await get('vanson.chair', `/api/v1/cases/${caseId}/file`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`inline; filename="${code}-ho-so.pdf"`);
    const pdf = readPdf(binary(res), 'file');
    for (const title of ['HỒ SƠ TRẺ EM', 'BÁO CÁO TIẾP NHẬN THÔNG TIN TRẺ EM', 'ĐÁNH GIÁ NGUY CƠ BAN ĐẦU', 'ĐÁNH GIÁ CỤ THỂ NHU CẦU CỦA TRẺ EM', 'BIÊN BẢN HỌP',
      'KẾ HOẠCH HỖ TRỢ, CAN THIỆP', 'Về việc phê duyệt kế hoạch', 'RÀ SOÁT, ĐÁNH GIÁ TÌNH TRẠNG CỦA TRẺ EM', 'Về việc kết thúc kế hoạch',
      'NHẬT KÝ HỒ SƠ', 'KẾT QUẢ PHỐI HỢP CỦA CÁC CƠ QUAN', 'DANH MỤC TÀI LIỆU ĐÍNH KÈM']) {
      expect({ missing: pdf.text.includes(title) ? null : title }).toEqual({ missing: null });
    }
    // The timeline: every event, as its contract names it.
    for (const event of ['Tiếp nhận tin báo', 'Phân công người xử lý', 'Bắt đầu xác minh', 'Áp dụng biện pháp khẩn cấp', 'Ghi đánh giá nguy cơ ban đầu',
      'Ghi đánh giá chi tiết, nhu cầu của trẻ', 'Trình kế hoạch hỗ trợ, can thiệp', 'Phê duyệt kế hoạch', 'Ghi kết quả rà soát', 'Đề xuất kết thúc hồ sơ',
      'Đồng ý kết thúc hồ sơ', 'Cập nhật phối hợp']) {
      expect({ missing: pdf.text.includes(event) ? null : event }).toEqual({ missing: null });
    }
    for (const outcome of ['Trẻ đã đi học lại', 'vết thương đã lành']) expect(pdf.text).toContain(outcome);
    expect(pdf.text).toContain('Không có tài liệu đính kèm');
    expect(pdf.pages).toBeGreaterThan(10);
    const pages = pdf.layout.split('\f');
    expect(pages[1].trim().split('\n')[0].trim()).toBe('2');
    expect(pdf.info).toMatch(/595\.28 x 841\.89 pts \(A4\)/);
  });

  it('need-to-know holds on paper: partners print only their handoff sheet; the restricted view prints no reporter', async () => {
    for (const partner of ['vanson.health', 'vanson.police', 'vanson.education']) {
      expect((await get(partner, `/api/v1/cases/${caseId}/documents/mau-01`)).status).toBe(403);
      expect((await get(partner, `/api/v1/cases/${caseId}/file`)).status).toBe(403);
      expect((await json(partner, `/api/v1/cases/${caseId}/documents`)).status).toBe(403);
    }
    const restricted = readPdf(binary(await get('vanson.auditor', `/api/v1/cases/${caseId}/documents/mau-01`)), 'restricted');
    expect(restricted.text).toContain('Nguyễn Thị Ánh Tuyết');
    for (const secret of ['Trần Văn Báo', '0912 345 678', 'Xóm Chùa']) expect(restricted.text).not.toContain(secret);
    expect(restricted.text).toContain('được giữ bí mật');
    // The restricted case file carries no reporter either.
    const file = readPdf(binary(await get('vanson.auditor', `/api/v1/cases/${caseId}/file`)), 'restricted-file');
    expect(file.text).not.toContain('Trần Văn Báo');

    // The health station's sheet: its own work, the child's first name, age and sex only.
    const [{ id: healthHandoff }] = await t.ds.query(`SELECT id FROM handoffs WHERE case_id = $1 AND kind = 'medical_care' ORDER BY created_at DESC LIMIT 1`, [caseId]);
    const sheet = await get('vanson.health', `/api/v1/handoffs/${healthHandoff}/document`);
    expect(sheet.status).toBe(200);
    const s = readPdf(binary(sheet), 'sheet');
    for (const value of ['PHIẾU YÊU CẦU PHỐI HỢP', 'Chăm sóc y tế', 'Tên gọi: Tuyết', 'Giới tính: Nữ', 'vết thương đã lành', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']) {
      expect({ missing: s.text.includes(value) ? null : value }).toEqual({ missing: null });
    }
    for (const secret of ['Nguyễn Thị Ánh Tuyết', 'Trần Văn Báo', 'Thôn Đông', 'Phụ đạo', 'Trẻ đã đi học lại']) expect(s.text).not.toContain(secret);
    // Commune staff print it too; another agency and another commune do not see it.
    expect((await get('vanson.social_worker', `/api/v1/handoffs/${healthHandoff}/document`)).status).toBe(200);
    expect((await get('vanson.education', `/api/v1/handoffs/${healthHandoff}/document`)).status).toBe(404);
    expect((await get('ngoclien.health', `/api/v1/handoffs/${healthHandoff}/document`)).status).toBe(404);
  });

  it('an anonymous report’s Mẫu 01 has no reporter; a step not reached is 404; another commune gets 404; bad input 400', async () => {
    const c = await intake(t, 'vanson.social_worker', { reporter: { anonymous: true, relationToChild: 'người qua đường' }, child: CHILD });
    const pdf = readPdf(binary(await get('vanson.supervisor', `/api/v1/cases/${c.id}/documents/mau-01`)), 'anonymous');
    expect(pdf.text).toContain('ẩn danh');
    expect(pdf.text).not.toContain('Trần Văn Báo');
    const notYet = await json('vanson.supervisor', `/api/v1/cases/${c.id}/documents/mau-04`);
    expect(notYet.status).toBe(404);
    expect(notYet.body.message).toMatch(/^Chưa có kế hoạch hỗ trợ, can thiệp: bước này chưa được thực hiện \/ No .* yet: this step has not happened$/);
    for (const url of [`/api/v1/cases/${caseId}/documents/mau-01`, `/api/v1/cases/${caseId}/file`, `/api/v1/cases/${caseId}/documents`]) {
      expect((await json('ngoclien.social_worker', url)).status).toBe(404);
      expect((await json('namphu.chair', url)).status).toBe(404);
    }
    const unknown = await json('vanson.supervisor', `/api/v1/cases/${caseId}/documents/mau-99`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.fields.form[0]).toMatch(/^Không có mẫu này; chọn mau-01.* \/ Unknown form; one of mau-01/);
    expect((await json('vanson.supervisor', '/api/v1/cases/not-a-uuid/file')).status).toBe(400);
    expect((await json('vanson.supervisor', '/api/v1/handoffs/00000000-0000-0000-0000-000000000000/document')).status).toBe(404);
    expect((await t.http.get(`/api/v1/cases/${caseId}/file`)).status).toBe(401);
    // The intake body of the fixtures (no Mẫu 01 answers) prints blanks, never fails.
    const plain = await t.http.post('/api/v1/intake').set('Authorization', await t.login('vanson.hotline_operator')).send(intakeBody());
    const blank = readPdf(binary(await get('vanson.social_worker', `/api/v1/cases/${plain.body.case.id}/documents/mau-01`)), 'blank');
    expect(blank.text).toContain('Thông qua: ……');
  });

  it.each(['mau-04', 'mau-05', 'closure-decision'])('%s as DOCX to edit before signing: every field, A4, NĐ 30/2020 margins', async (form) => {
    const res = await get('vanson.social_worker', `/api/v1/cases/${caseId}/documents/${form}?format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${code}-${form}.docx"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const docx = readDocx(binary(res), form);
    for (const value of [...EXPECTED[form], ...COMMON]) expect({ form, missing: docx.text.includes(value) ? null : value }).toEqual({ form, missing: null });
    // A4 (11,906 × 16,838 twips); margins top 20 mm, right 15 mm, bottom 20 mm, left 30 mm.
    expect(docx.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(docx.xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(docx.text).not.toContain('Trần Văn Báo');
    const audit = await t.ds.query(
      `SELECT details FROM audit_log WHERE action = 'document.render' AND case_id = $1 ORDER BY id DESC LIMIT 1`, [caseId]);
    expect(audit[0].details).toMatchObject({ form, format: 'docx' });
  });

  it('refuses an unknown format (400) and keeps PDF the default', async () => {
    const bad = await json('vanson.social_worker', `/api/v1/cases/${caseId}/documents/mau-04?format=odt`);
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.format[0]).toMatch(/^Chọn một định dạng: pdf, docx \/ One of pdf, docx$/);
    const explicit = await get('vanson.social_worker', `/api/v1/cases/${caseId}/documents/mau-04?format=pdf`);
    expect(explicit.headers['content-type']).toBe('application/pdf');
    expect((await get('vanson.police', `/api/v1/cases/${caseId}/documents/mau-04?format=docx`)).status).toBe(403);
  });

  it('audits every render in the transaction of its reads', async () => {
    const before = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'document.render' AND case_id = $1`, [caseId]);
    await get('vanson.social_worker', `/api/v1/cases/${caseId}/documents/mau-03`);
    const rows = await t.ds.query(
      `SELECT actor_role, details FROM audit_log WHERE action = 'document.render' AND case_id = $1 ORDER BY id`, [caseId]);
    expect(rows.length).toBe(before[0].n + 1);
    expect(rows[rows.length - 1]).toMatchObject({ actor_role: 'social_worker', details: { form: 'mau-03', code, view: 'full' } });
    expect(rows.map((r: { details: { form: string } }) => r.details.form)).toEqual(expect.arrayContaining(['mau-01', 'file', 'handoff-sheet']));
    // Refused prints leave no render behind.
    const refused = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'document.render' AND actor_role IN ('police', 'education') AND details->>'form' <> 'handoff-sheet'`);
    expect(refused[0].n).toBe(0);
  });

  it('Mẫu 07 (no separation workflow yet) renders from a fixture input', async () => {
    const spec = mau07({
      issuer: { communeName: 'Xã Vân Sơn' }, caseCode: code,
      child: { fullName: 'Nguyễn Thị Ánh Tuyết', sex: 'female', dateOfBirth: '2015-04-15', ageYears: 10, address: 'Thôn Đông, xã Vân Sơn' },
      decision: { display: '3/QĐ-UBND', decidedAt: new Date('2026-03-05T05:00:00Z'), signerTitle: 'chair', signerName: 'Lê Văn Quyết' },
      separation: {
        separatedFrom: 'father', separatedFromName: 'Đặng Văn Hưởng', reason: 'Cha đánh trẻ bị bầm tím ở cánh tay phải', startOn: '2026-03-05', endOn: '2026-03-19',
        placement: { kind: 'relative', carerName: 'Lương Thị Mến', address: 'Thôn Tây, xã Vân Sơn', relation: 'bà ngoại' },
        responsibilities: ['Công an xã bảo vệ an toàn cho trẻ', 'Trạm Y tế theo dõi sức khỏe của trẻ'],
      },
      proposer: 'công chức Văn hóa - Xã hội Phạm Thị Tiếp',
    });
    const pdf = readPdf(await renderPdf(spec), 'mau-07');
    for (const value of ['Mẫu số 07 – NĐ 56/2017/NĐ-CP', 'Số: 3/QĐ-UBND', 'Vân Sơn, ngày 05 tháng 3 năm 2026', 'Về việc tạm thời cách ly trẻ em',
      'Cha (Đặng Văn Hưởng)', 'kể từ ngày 05/03/2026', 'đến ngày 19/03/2026 (15 ngày)', 'bị bầm tím ở cánh tay phải',
      'Chăm sóc thay thế bởi người thân thích', 'Lương Thị Mến', 'Thôn Tây, xã Vân Sơn', 'quan hệ với trẻ em: bà ngoại', 'Công an xã bảo vệ an toàn cho trẻ',
      'Điều 4.', 'CHỦ TỊCH', 'Lê Văn Quyết', ...COMMON]) {
      expect({ missing: pdf.text.includes(value) ? null : value }).toEqual({ missing: null });
    }
    expect(pdf.info).toMatch(/595\.28 x 841\.89 pts \(A4\)/);
  });
});
