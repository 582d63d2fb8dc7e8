/**
 * Mẫu số 03: the assessment of the child's needs (NĐ 56 Điều 27) and the minutes of the case
 * meeting (biên bản họp) — the data of the latest `RECORD_ASSESSMENT`. Pure.
 */
import { shortDate, vi } from '../format';
import { FORM_INFO } from '../forms';
import type { DocumentSpec } from '../layout';
import { childBlocks, ChildInfo, field, header, heading, Issuer, items, paragraph, reference } from './common';

/** `RECORD_ASSESSMENT`'s data. */
export interface AssessmentData {
  needs?: string[];
  summary?: string;
  needsByArea?: Array<{ area?: string; situation?: string; need?: string }>;
  strengths?: string;
  childViews?: string;
  familyViews?: string;
  meetingOn?: string;
  meetingPlace?: string;
  meetingChair?: string;
  meetingSecretary?: string;
  meetingAttendees?: Array<{ name?: string; organisation?: string }>;
  meetingConclusions?: string;
}

export interface Mau03Input {
  issuer: Issuer;
  caseCode: string;
  child: ChildInfo;
  data: AssessmentData;
  recordedAt: Date;
  assessor: string | null;
}

export function mau03(i: Mau03Input): DocumentSpec {
  const d = i.data;
  const areas = d.needsByArea ?? [];
  const attendees = d.meetingAttendees ?? [];
  return {
    title: `${FORM_INFO['mau-03'].titleVi} – ${i.caseCode}`,
    blocks: [
      reference(FORM_INFO['mau-03'].reference, i.caseCode),
      header(i.issuer, null, i.recordedAt),
      { kind: 'title', text: 'ĐÁNH GIÁ CỤ THỂ NHU CẦU CỦA TRẺ EM' },
      heading('1. Thông tin về trẻ em'),
      ...childBlocks(i.child),
      heading('2. Đánh giá nhu cầu theo từng lĩnh vực'),
      {
        kind: 'table',
        columns: [
          { title: 'STT', width: 0.07, align: 'center' }, { title: 'Lĩnh vực', width: 0.2 },
          { title: 'Thực trạng', width: 0.365 }, { title: 'Nhu cầu hỗ trợ, can thiệp', width: 0.365 },
        ],
        rows: areas.length ? areas.map((a, n) => [String(n + 1), vi('needArea', a.area) ?? '', a.situation ?? '', a.need ?? '']) : [['1', '', '', '']],
      },
      heading('3. Nhu cầu của trẻ em'),
      items(d.needs),
      heading('4. Điểm mạnh, nguồn lực của trẻ em và gia đình'),
      paragraph(d.strengths),
      heading('5. Ý kiến, nguyện vọng của trẻ em'),
      paragraph(d.childViews),
      heading('6. Ý kiến của cha mẹ, người chăm sóc trẻ em'),
      paragraph(d.familyViews),
      heading('7. Tóm tắt kết quả đánh giá'),
      paragraph(d.summary),
      { kind: 'signatures', right: { title: 'NGƯỜI ĐÁNH GIÁ', note: '(Ký, ghi rõ họ tên)', name: i.assessor } },
      // The minutes of the case meeting, on a page of their own.
      { kind: 'pageBreak' },
      header(i.issuer, null, d.meetingOn ?? i.recordedAt),
      { kind: 'title', text: 'BIÊN BẢN HỌP', summary: ['Đánh giá nhu cầu và thống nhất các biện pháp hỗ trợ, can thiệp đối với trẻ em'] },
      field('Thời gian', shortDate(d.meetingOn)),
      field('Địa điểm', d.meetingPlace),
      field('Chủ trì', d.meetingChair),
      field('Thư ký', d.meetingSecretary),
      heading('Thành phần tham dự'),
      {
        kind: 'table',
        columns: [{ title: 'STT', width: 0.08, align: 'center' }, { title: 'Họ và tên', width: 0.42 }, { title: 'Chức vụ, cơ quan', width: 0.5 }],
        rows: attendees.length ? attendees.map((a, n) => [String(n + 1), a.name ?? '', a.organisation ?? '']) : [['1', '', '']],
      },
      heading('Kết luận của cuộc họp'),
      paragraph(d.meetingConclusions),
      {
        kind: 'signatures',
        left: { title: 'THƯ KÝ', note: '(Ký, ghi rõ họ tên)', name: d.meetingSecretary ?? null },
        right: { title: 'CHỦ TRÌ', note: '(Ký, ghi rõ họ tên)', name: d.meetingChair ?? null },
      },
    ],
  };
}
