/**
 * How values are written on paper: dates in Asia/Ho_Chi_Minh as NĐ 30/2020 writes them, the
 * official dotted blank for what the case lacks, and the Vietnamese names of the vocabularies.
 */

/** The official blank: a field the case lacks is completed by hand on the printed form. */
export const BLANK = '……………………';

const TZ_OFFSET_MS = 7 * 3_600_000;

/** Year, month and day of an instant in Viet Nam (UTC+7, no daylight saving). */
export function vnParts(at: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const local = new Date(at.getTime() + TZ_OFFSET_MS);
  return {
    year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(),
    hour: local.getUTCHours(), minute: local.getUTCMinutes(),
  };
}

/** A calendar date (`YYYY-MM-DD`) as its parts, or null when it is not one. */
export function dateParts(day: string | null | undefined): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "ngày 05 tháng 3 năm 2026": NĐ 30/2020 Phụ lục I writes a day below 10 and the months 1 and 2
 * with a leading zero, other months without.
 */
export function dateWords(d: { year: number; month: number; day: number }): string {
  return `ngày ${pad(d.day)} tháng ${d.month < 3 ? pad(d.month) : d.month} năm ${d.year}`;
}

/** The place-and-date line: "Vân Sơn, ngày 05 tháng 3 năm 2026"; the blank line when there is no date yet. */
export function placeAndDate(place: string, at: Date | { year: number; month: number; day: number } | null): string {
  if (!at) return `${place}, ngày …… tháng …… năm 20……`;
  return `${place}, ${dateWords(at instanceof Date ? vnParts(at) : at)}`;
}

/** 05/03/2026 (a calendar date or an instant in Viet Nam). */
export function shortDate(at: Date | string | null | undefined): string | null {
  if (at === null || at === undefined) return null;
  const d = typeof at === 'string' ? dateParts(at) : vnParts(at);
  return d ? `${pad(d.day)}/${pad(d.month)}/${d.year}` : null;
}

/** 14:30 05/03/2026 (Viet Nam time). */
export function dateTime(at: Date | null | undefined): string | null {
  if (!at) return null;
  const d = vnParts(at);
  return `${pad(d.hour)}:${pad(d.minute)} ${pad(d.day)}/${pad(d.month)}/${d.year}`;
}

/** The commune's name without its kind: "Xã Vân Sơn" → "Vân Sơn" (the place of the date line). */
export function placeName(communeName: string): string {
  return communeName.replace(/^(Xã|Phường|Thị trấn|Đặc khu)\s+/i, '');
}

export const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');

/** "có" / "không" / blank. */
export const yesNo = (v: unknown): string | null => (v === true ? 'Có' : v === false ? 'Không' : null);

type Names = Record<string, string>;

/** The Vietnamese names of the codes printed on forms (the console's labels, in the decree's words where it has them). */
export const VI: Record<string, Names> = {
  sex: { female: 'Nữ', male: 'Nam', unknown: 'Chưa rõ' },
  channel: {
    hotline_111: 'Tổng đài 111', anh_duong_18001744: 'Ngôi nhà Ánh Dương (1800 1744)', police: 'Công an', school: 'Nhà trường',
    health: 'Cơ sở y tế', community_collaborator: 'Cộng tác viên thôn', citizen: 'Người dân', online: 'Mạng xã hội, trực tuyến',
    media: 'Báo chí', other: 'Khác',
  },
  abuse: {
    physical_violence: 'Bạo lực thể chất', psychological_violence: 'Bạo lực tinh thần', sexual_abuse: 'Xâm hại tình dục',
    exploitation: 'Bóc lột (kể cả lao động trẻ em)', trafficking: 'Mua bán trẻ em', abduction: 'Bắt cóc', abandonment: 'Bỏ rơi',
    neglect: 'Bỏ mặc', online_abuse: 'Xâm hại trên mạng', other: 'Khác',
  },
  category: { abused: 'Trẻ em bị xâm hại', at_risk: 'Trẻ em có nguy cơ bị xâm hại', special_circumstances: 'Trẻ em có hoàn cảnh đặc biệt' },
  receivedVia: { phone: 'Điện thoại', in_person: 'Trực tiếp', relayed: 'Qua người khác chuyển đến', written: 'Văn bản', electronic: 'Thư điện tử, trực tuyến' },
  risk: { low: 'Thấp', medium: 'Trung bình', high: 'Cao', immediate_danger: 'Nguy hiểm tức thời' },
  harmRating: { high: 'Cao', medium: 'Trung bình', low: 'Thấp' },
  needArea: {
    safety: 'An toàn', physical_health: 'Sức khỏe thể chất', mental_health: 'Sức khỏe tinh thần, tâm lý', education: 'Học tập, giáo dục',
    family_care: 'Chăm sóc gia đình', legal: 'Pháp lý', social_inclusion: 'Hòa nhập xã hội', livelihood: 'Sinh kế, đời sống',
  },
  reviewRecommendation: { close: 'Kết thúc kế hoạch hỗ trợ, can thiệp', continue: 'Tiếp tục thực hiện kế hoạch', revise: 'Điều chỉnh kế hoạch' },
  handoffKind: {
    police_protection: 'Công an bảo vệ trẻ', police_investigation: 'Công an điều tra', medical_care: 'Chăm sóc y tế',
    forensic_exam: 'Giám định pháp y', psychological_care: 'Hỗ trợ tâm lý', safe_shelter: 'Nơi tạm lánh an toàn',
    alternative_care: 'Chăm sóc thay thế', legal_aid: 'Trợ giúp pháp lý', school_support: 'Hỗ trợ học tập tại trường',
    social_assistance: 'Trợ giúp xã hội', urgent_report: 'Báo cáo đột xuất', school_reintegration: 'Tiếp nhận trẻ em trở lại trường học',
  },
  procedureStatus: {
    report_received: 'Đã tiếp nhận tố giác, tin báo', prosecution_opened: 'Đã khởi tố vụ án', prosecution_refused: 'Quyết định không khởi tố',
    case_transferred: 'Đã chuyển cơ quan có thẩm quyền', investigation_suspended: 'Tạm đình chỉ giải quyết',
  },
  handoffState: {
    offered: 'Chờ nhận', accepted: 'Đã nhận', in_progress: 'Đang thực hiện', completed: 'Đã hoàn thành', declined: 'Đã từ chối',
    cancelled: 'Đã hủy', expired: 'Quá hạn nhận',
    urgent_report_drafted: 'Đã lập báo cáo đột xuất', urgent_report_sent: 'Đã gửi Chủ tịch và Sở Y tế', urgent_report_chair_received: 'Chủ tịch đã nhận',
    urgent_report_province_acknowledged: 'Sở Y tế đã tiếp nhận', urgent_report_acknowledged: 'Chủ tịch và Sở Y tế đã tiếp nhận',
    urgent_report_closed: 'Đã kết thúc báo cáo', urgent_report_withdrawn: 'Đã rút báo cáo', urgent_report_overdue: 'Báo cáo quá hạn tiếp nhận',
  },
  urgency: { urgent: 'Khẩn', normal: 'Thường' },
  agencyType: {
    people_committee: 'UBND xã/phường', child_affairs_office: 'Phòng Văn hóa - Xã hội', commune_police: 'Công an xã/phường',
    health_station: 'Trạm y tế', school: 'Trường học', social_work_center: 'Trung tâm công tác xã hội',
    legal_aid_center: 'Trung tâm trợ giúp pháp lý', hotline_111: 'Tổng đài 111', provincial_health_department: 'Sở Y tế',
  },
  role: {
    hotline_operator: 'Tổng đài viên', social_worker: 'Cán bộ bảo vệ trẻ em', supervisor: 'Giám sát viên', chair: 'Lãnh đạo UBND',
    police: 'Công an', health: 'Y tế', education: 'Giáo dục', legal_aid: 'Trợ giúp pháp lý', social_work_center: 'Trung tâm CTXH',
    auditor: 'Kiểm tra viên', village_collaborator: 'Cộng tác viên thôn', system: 'Hệ thống', system_client: 'Hệ thống kết nối',
  },
  state: {
    received: 'Mới tiếp nhận', verifying: 'Đang xác minh', assessing: 'Đang đánh giá nguy cơ', planning: 'Đang lập kế hoạch',
    awaiting_plan_approval: 'Chờ phê duyệt kế hoạch', intervening: 'Đang can thiệp, hỗ trợ', awaiting_closure_approval: 'Chờ phê duyệt kết thúc',
    closed: 'Đã đóng',
  },
  outcome: { child_safe: 'Trẻ đã an toàn', resolved: 'Đã giải quyết', unfounded: 'Tin báo không có cơ sở', duplicate: 'Trùng hồ sơ khác' },
  poverty: { poor: 'Hộ nghèo', near_poor: 'Hộ cận nghèo', none: 'Không thuộc hộ nghèo, cận nghèo', unknown: 'Chưa rõ' },
  placement: {
    relative: 'Chăm sóc thay thế bởi người thân thích', non_relative: 'Chăm sóc thay thế bởi cá nhân, gia đình không phải người thân thích',
    facility: 'Cơ sở trợ giúp xã hội, cơ sở cung cấp dịch vụ bảo vệ trẻ em',
  },
  urgentKind: { death: 'tử vong', serious_injury: 'bị thương tích nghiêm trọng', drowning: 'đuối nước', serious_abuse: 'bị xâm hại nghiêm trọng' },
  injury: {
    traffic_accident: 'Tai nạn giao thông', drowning: 'Đuối nước', fall: 'Ngã', burn: 'Bỏng', poisoning: 'Ngộ độc', animal_bite: 'Động vật cắn',
    electric_shock: 'Điện giật', other_injury: 'Tai nạn, thương tích khác',
  },
  urgentReportState: {
    drafted: 'Đang soạn', sent: 'Đã gửi', chair_received: 'Chủ tịch đã nhận', province_acknowledged: 'Sở Y tế đã tiếp nhận',
    acknowledged: 'Chủ tịch và Sở Y tế đã tiếp nhận', closed: 'Đã kết thúc', withdrawn: 'Đã rút',
  },
  separatedFrom: { father: 'Cha', mother: 'Mẹ', carer: 'Người chăm sóc trẻ em', parents: 'Cha và mẹ' },
};

/** The Vietnamese name of a code, else the code itself (a value this build does not know still prints). */
export function vi(group: keyof typeof VI | string, code: unknown): string | null {
  if (code === null || code === undefined || code === '') return null;
  return VI[group]?.[String(code)] ?? String(code);
}
