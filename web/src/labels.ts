/**
 * Names of the API's codes (states, channels, ...) in Vietnamese and English. The codes come from
 * the server; client events are named by their workflow's contract (workflows.ts), not here.
 */
type Names = Record<string, readonly [vi: string, en: string]>;

// The codes themselves come from the server's vocabulary (dependency-free), so the two never drift.
export {
  ABUSE_TYPES, CHANNELS, ETHNICITIES, HANDOFF_KINDS, HANDOFF_KIND_AGENCY, HARM_RATINGS, NEED_AREAS, PARTNER_AGENCY_TYPES, POVERTY_LEVELS,
  ABUSE_ENVIRONMENTS, INCIDENT_OUTCOMES, INCIDENT_TYPES, RECEIVED_VIA, REPORT_CATEGORIES, REVIEW_RECOMMENDATIONS, SEXES, URGENT_INCIDENT_KINDS, CRIMINAL_PROCEDURE_STATUSES,
} from '../../workflows/vocabulary';
import { SPECIAL_CIRCUMSTANCE_LABELS } from '../../workflows/vocabulary';

const state: Names = {
  received: ['Mới tiếp nhận', 'Received'],
  verifying: ['Đang xác minh', 'Verifying'],
  assessing: ['Đang đánh giá nguy cơ', 'Assessing'],
  planning: ['Đang lập kế hoạch', 'Planning'],
  awaiting_plan_approval: ['Chờ phê duyệt kế hoạch', 'Plan awaiting approval'],
  intervening: ['Đang can thiệp, hỗ trợ', 'Intervening'],
  awaiting_closure_approval: ['Chờ phê duyệt kết thúc', 'Closure awaiting approval'],
  closed: ['Đã đóng', 'Closed'],
};

/** Events no workflow contract names: the engine's own and the console's (client events are named by their contracts). */
const event: Names = {
  CASE_RECEIVED: ['Tiếp nhận tin báo', 'Report received'],
  DEADLINE_EXPIRED: ['Quá hạn', 'Deadline missed'],
  HANDOFF_UPDATED: ['Cập nhật phối hợp', 'Handoff update'],
  CREATE_HANDOFF: ['Gửi yêu cầu phối hợp', 'Create a handoff'],
};

const channel: Names = {
  hotline_111: ['Tổng đài 111', 'Hotline 111'],
  anh_duong_18001744: ['Ngôi nhà Ánh Dương (1800 1744)', 'Anh Duong house (1800 1744)'],
  police: ['Công an', 'Police'],
  school: ['Nhà trường', 'School'],
  health: ['Cơ sở y tế', 'Health facility'],
  community_collaborator: ['Cộng tác viên thôn', 'Village collaborator'],
  citizen: ['Người dân', 'Citizen'],
  online: ['Mạng xã hội, trực tuyến', 'Online, social media'],
  media: ['Báo chí', 'Media'],
  other: ['Khác', 'Other'],
};

const abuse: Names = {
  physical_violence: ['Bạo lực thể chất', 'Physical violence'],
  psychological_violence: ['Bạo lực tinh thần', 'Psychological violence'],
  sexual_abuse: ['Xâm hại tình dục', 'Sexual abuse'],
  exploitation: ['Bóc lột (kể cả lao động trẻ em)', 'Exploitation (incl. child labour)'],
  trafficking: ['Mua bán trẻ em', 'Trafficking'],
  abduction: ['Bắt cóc', 'Abduction'],
  abandonment: ['Bỏ rơi', 'Abandonment'],
  neglect: ['Bỏ mặc', 'Neglect'],
  online_abuse: ['Xâm hại trên mạng', 'Online abuse'],
  other: ['Khác', 'Other'],
};

const sex: Names = { female: ['Nữ', 'Female'], male: ['Nam', 'Male'], unknown: ['Chưa rõ', 'Unknown'] };

const risk: Names = {
  low: ['Thấp', 'Low'],
  medium: ['Trung bình', 'Medium'],
  high: ['Cao', 'High'],
  immediate_danger: ['Nguy hiểm tức thời', 'Immediate danger'],
};

const handoffKind: Names = {
  police_protection: ['Công an bảo vệ trẻ', 'Police protection'],
  police_investigation: ['Công an điều tra', 'Police investigation'],
  medical_care: ['Chăm sóc y tế', 'Medical care'],
  forensic_exam: ['Giám định pháp y', 'Forensic examination'],
  psychological_care: ['Hỗ trợ tâm lý', 'Psychological care'],
  safe_shelter: ['Nơi tạm lánh an toàn', 'Safe shelter'],
  alternative_care: ['Chăm sóc thay thế', 'Alternative care'],
  temporary_separation: ['Tạm thời cách ly trẻ em', 'Temporary separation'],
  legal_aid: ['Trợ giúp pháp lý', 'Legal aid'],
  school_support: ['Hỗ trợ học tập tại trường', 'School support'],
  social_assistance: ['Trợ giúp xã hội', 'Social assistance'],
  urgent_report: ['Báo cáo đột xuất', 'Urgent report'],
  school_reintegration: ['Tiếp nhận trẻ em trở lại trường học', 'Back to school'],
};

/** The criminal-procedure status a police handoff records (abuse-intervention v2, handoff v2). */
const procedureStatus: Names = {
  report_received: ['Đã tiếp nhận tố giác, tin báo', 'Report received'],
  prosecution_opened: ['Đã khởi tố vụ án', 'Prosecution opened'],
  prosecution_refused: ['Quyết định không khởi tố', 'Prosecution refused'],
  case_transferred: ['Đã chuyển cơ quan có thẩm quyền', 'Transferred to the competent body'],
  investigation_suspended: ['Tạm đình chỉ giải quyết', 'Verification suspended'],
};

const handoffState: Names = {
  offered: ['Chờ nhận', 'Waiting to be accepted'],
  accepted: ['Đã nhận', 'Accepted'],
  in_progress: ['Đang thực hiện', 'In progress'],
  completed: ['Đã hoàn thành', 'Completed'],
  declined: ['Đã từ chối', 'Declined'],
  cancelled: ['Đã hủy', 'Cancelled'],
  expired: ['Quá hạn nhận', 'Not accepted in time'],
  overdue: ['Quá hạn', 'Overdue'],
  // An urgent report's changes on the case's timeline (`urgent_report_<state>`).
  urgent_report_drafted: ['Đã lập, chưa gửi', 'Opened, not sent'],
  urgent_report_sent: ['Đã gửi Chủ tịch và Sở Y tế', 'Sent to the chair and the department'],
  urgent_report_chair_received: ['Chủ tịch đã nhận', 'Chair received'],
  urgent_report_province_acknowledged: ['Sở Y tế đã tiếp nhận', 'Department acknowledged'],
  urgent_report_acknowledged: ['Chủ tịch và Sở Y tế đã tiếp nhận', 'Acknowledged by both'],
  urgent_report_closed: ['Đã kết thúc', 'Closed'],
  urgent_report_withdrawn: ['Đã rút', 'Withdrawn'],
  urgent_report_overdue: ['Quá hạn tiếp nhận', 'Overdue'],
  // A temporary separation's changes on the case's timeline (caseStatusPrefix `separation_`).
  separation_proposed: ['Chờ Chủ tịch quyết định', 'Awaiting the chair’s decision'],
  separation_in_effect: ['Đang cách ly', 'In effect'],
  separation_ended: ['Đã hết thời hạn', 'Ended'],
  separation_revoked: ['Đã hủy bỏ', 'Revoked'],
  separation_rejected: ['Không quyết định', 'Rejected'],
  separation_cancelled: ['Đã rút', 'Withdrawn'],
  separation_overdue: ['Quá hạn', 'Overdue'],
};

const urgency: Names = { urgent: ['Khẩn', 'Urgent'], normal: ['Thường', 'Normal'] };

const deadlineStatus: Names = {
  pending: ['Đang tính hạn', 'Running'],
  met: ['Đúng hạn', 'Met on time'],
  met_late: ['Hoàn thành trễ', 'Met late'],
  breached: ['Quá hạn', 'Overdue'],
  cancelled: ['Không còn tính', 'Cancelled'],
};

const agencyType: Names = {
  people_committee: ['UBND xã/phường', 'Commune People’s Committee'],
  child_affairs_office: ['Phòng Văn hóa - Xã hội', 'Culture–Society Office'],
  commune_police: ['Công an xã/phường', 'Commune police'],
  health_station: ['Trạm y tế', 'Health station'],
  school: ['Trường học', 'School'],
  social_work_center: ['Trung tâm công tác xã hội', 'Social work centre'],
  legal_aid_center: ['Trung tâm trợ giúp pháp lý', 'Legal aid centre'],
  hotline_111: ['Tổng đài 111', 'Hotline 111'],
  provincial_health_department: ['Sở Y tế', 'Provincial Health Department'],
  national_authority: ['Cục Bà mẹ và Trẻ em (Bộ Y tế)', 'Department of Maternal and Child Health (Ministry of Health)'],
};

const role: Names = {
  hotline_operator: ['Tổng đài viên', 'Hotline operator'],
  social_worker: ['Cán bộ bảo vệ trẻ em', 'Social worker'],
  supervisor: ['Giám sát viên', 'Supervisor'],
  chair: ['Lãnh đạo UBND', 'Commune chair'],
  police: ['Công an', 'Police'],
  health: ['Y tế', 'Health'],
  education: ['Giáo dục', 'Education'],
  legal_aid: ['Trợ giúp pháp lý', 'Legal aid'],
  social_work_center: ['Trung tâm CTXH', 'Social work centre'],
  auditor: ['Kiểm tra viên', 'Auditor'],
  admin: ['Quản trị tỉnh', 'Provincial administrator'],
  national_admin: ['Quản trị quốc gia', 'National administrator'],
  village_collaborator: ['Cộng tác viên thôn', 'Village collaborator'],
  system: ['Hệ thống', 'System'],
};

const outcome: Names = {
  child_safe: ['Trẻ đã an toàn', 'Child safe'],
  resolved: ['Đã giải quyết', 'Resolved'],
  unfounded: ['Tin báo không có cơ sở', 'Unfounded'],
  duplicate: ['Trùng hồ sơ khác', 'Duplicate'],
};

const owedBy: Names = {
  worker: ['Cán bộ xử lý', 'Case worker'],
  agency: ['Cơ quan phối hợp', 'Partner agency'],
  chair: ['Lãnh đạo UBND', 'Commune chair'],
};

const noteKind: Names = {
  note: ['Ghi chú công việc', 'Work note'],
  supervision: ['Nhận xét giám sát', 'Supervision finding'],
};

const poverty: Names = {
  poor: ['Hộ nghèo', 'Poor household'],
  near_poor: ['Hộ cận nghèo', 'Near-poor household'],
  none: ['Không thuộc hộ nghèo, cận nghèo', 'Neither poor nor near-poor'],
  unknown: ['Chưa rõ', 'Unknown'],
};

const transferKind: Names = {
  handover: ['Bàn giao cho xã/phường nơi trẻ cư trú', 'Handover to the commune where the child lives'],
  transfer: ['Chuyển hồ sơ vì trẻ chuyển nơi ở', 'Transfer: the child has moved'],
};

const transferState: Names = {
  requested: ['Chờ xã/phường nhận trả lời', 'Waiting for an answer'],
  accepted: ['Đã nhận hồ sơ', 'Accepted'],
  declined: ['Đã từ chối', 'Declined'],
  cancelled: ['Đã hủy', 'Cancelled'],
};

/** What a children search matched on. */
const matched: Names = {
  fullName: ['tên trẻ', 'the child’s name'],
  otherNames: ['tên gọi khác', 'other names'],
  fatherName: ['tên cha', 'the father’s name'],
  motherName: ['tên mẹ', 'the mother’s name'],
  carerName: ['tên người chăm sóc', 'the carer’s name'],
  village: ['thôn, xóm', 'village'],
  fatherPhone: ['điện thoại của cha', 'the father’s phone'],
  motherPhone: ['điện thoại của mẹ', 'the mother’s phone'],
  carerPhone: ['điện thoại của người chăm sóc', 'the carer’s phone'],
  personalId: ['số định danh', 'ID number'],
};

/** Mẫu số 01 "Trẻ em thuộc đối tượng". */
const reportCategory: Names = {
  abused: ['Trẻ em bị xâm hại', 'A child who has been abused'],
  at_risk: ['Trẻ em có nguy cơ bị xâm hại', 'A child at risk of abuse'],
  special_circumstances: ['Trẻ em có hoàn cảnh đặc biệt', 'A child in special circumstances'],
};

/** Mẫu số 01 "Thông qua": how the report reached the commune. */
const receivedVia: Names = {
  phone: ['Điện thoại', 'Phone'],
  in_person: ['Trực tiếp', 'In person'],
  relayed: ['Người khác báo lại', 'Relayed by someone else'],
  written: ['Văn bản, thư', 'In writing, by letter'],
  electronic: ['Thư điện tử, mạng', 'E-mail, online'],
};

/** The three-step rating of Mẫu số 02 and 06. */
const harmRating: Names = { high: ['Cao', 'High'], medium: ['Trung bình', 'Medium'], low: ['Thấp', 'Low'] };

/** The areas of the child's needs on Mẫu số 03 (the product's list, see README "Forms"). */
const needArea: Names = {
  safety: ['An toàn', 'Safety'],
  physical_health: ['Sức khỏe thể chất', 'Physical health'],
  mental_health: ['Sức khỏe tinh thần, tâm lý', 'Mental health'],
  education: ['Học tập, giáo dục', 'Education'],
  family_care: ['Chăm sóc của gia đình', 'Family care'],
  legal: ['Pháp lý, tư pháp', 'Legal'],
  social_inclusion: ['Hòa nhập cộng đồng, xã hội', 'Social inclusion'],
  livelihood: ['Sinh kế, điều kiện sống', 'Livelihood, living conditions'],
};

/** What a review (Mẫu số 06) recommends. */
const reviewRecommendation: Names = {
  close: ['Kết thúc kế hoạch hỗ trợ, can thiệp', 'End the plan'],
  continue: ['Tiếp tục thực hiện kế hoạch', 'Carry on with the plan'],
  revise: ['Điều chỉnh kế hoạch', 'Revise the plan'],
};

/**
 * Who signs a decision of the commune's People's Committee (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH for a
 * vice-chair); a supervisor approving an unfounded report's closure signs with their own title.
 */
const signerTitle: Names = {
  chair: ['Chủ tịch UBND', 'Chair of the People’s Committee'],
  vice_chair: ['Phó Chủ tịch (ký thay Chủ tịch)', 'Vice-chair, for the chair'],
  supervisor: ['Công chức phụ trách (Trưởng phòng)', 'Supervisor (head of office)'],
};

const decisionKind: Names = {
  plan_approval: ['Phê duyệt kế hoạch hỗ trợ, can thiệp', 'Approval of the intervention plan'],
  closure: ['Kết thúc kế hoạch hỗ trợ, can thiệp', 'End of the intervention plan'],
  separation: ['Tạm thời cách ly trẻ em', 'Temporary separation of the child'],
  separation_extension: ['Gia hạn cách ly', 'Extension of the separation'],
  separation_revocation: ['Hủy bỏ cách ly', 'Revocation of the separation'],
};

const injury: Names = {
  traffic_accident: ['Tai nạn giao thông', 'Traffic accident'],
  drowning: ['Đuối nước', 'Drowning'],
  fall: ['Ngã', 'Fall'],
  burn: ['Bỏng', 'Burn'],
  poisoning: ['Ngộ độc', 'Poisoning'],
  animal_bite: ['Động vật cắn', 'Animal bite'],
  electric_shock: ['Điện giật', 'Electric shock'],
  other_injury: ['Tai nạn, thương tích khác', 'Other injury'],
};

const incidentOutcome: Names = {
  death: ['Trẻ tử vong', 'The child died'],
  serious_injury: ['Trẻ bị thương tích nặng', 'Serious injury'],
  none: ['Không tử vong, không bị thương nặng', 'Neither'],
};

const urgentKind: Names = {
  death: ['Tử vong', 'Death'],
  serious_injury: ['Thương tích nghiêm trọng', 'Serious injury'],
  drowning: ['Đuối nước', 'Drowning'],
  serious_abuse: ['Xâm hại nghiêm trọng', 'Serious abuse'],
};

const urgentReportState: Names = {
  drafted: ['Đang soạn, chưa gửi', 'Drafted, not sent'],
  sent: ['Đã gửi, chờ tiếp nhận', 'Sent, awaiting acknowledgement'],
  chair_received: ['Chủ tịch đã nhận, chờ Sở Y tế', 'Chair received; awaiting the department'],
  province_acknowledged: ['Sở Y tế đã tiếp nhận, chờ Chủ tịch', 'Department acknowledged; awaiting the chair'],
  acknowledged: ['Chủ tịch và Sở Y tế đã tiếp nhận', 'Acknowledged by both'],
  closed: ['Đã kết thúc', 'Closed'],
  withdrawn: ['Đã rút', 'Withdrawn'],
};

// issue 17: the special-circumstances register (the groups' names are the statute's, from the vocabulary).
export { SPECIAL_CIRCUMSTANCES, SUPPORT_SERVICE_KINDS } from '../../workflows/vocabulary';

const specialCircumstance: Names = Object.fromEntries(
  Object.entries(SPECIAL_CIRCUMSTANCE_LABELS).map(([code, l]) => [code, [`${l.point}) ${l.vi}`, l.en] as const]),
);

const supportServiceKind: Names = {
  social_assistance: ['Trợ giúp xã hội', 'Social assistance'],
  alternative_care: ['Chăm sóc thay thế', 'Alternative care'],
  education: ['Hỗ trợ giáo dục', 'Education support'],
  health: ['Hỗ trợ y tế', 'Health care'],
};

const supportExitReason: Names = {
  circumstances_resolved: ['Không còn hoàn cảnh đặc biệt', 'Circumstances resolved'],
  turned_16: ['Đủ 16 tuổi', 'Turned 16'],
  moved_away: ['Chuyển nơi cư trú', 'Moved away'],
  adopted: ['Được nhận làm con nuôi', 'Adopted'],
  deceased: ['Trẻ tử vong', 'Died'],
  registered_in_error: ['Đăng ký nhầm', 'Registered in error'],
  other: ['Lý do khác', 'Other'],
};

const supportStatus: Names = {
  registered: ['Đã đăng ký, chờ đánh giá', 'Registered, to assess'],
  assessed: ['Đã đánh giá, chờ kế hoạch', 'Assessed, to plan'],
  supported: ['Đang được hỗ trợ', 'Supported'],
  reviewing: ['Đến kỳ rà soát', 'Review due'],
  exited: ['Đã ra khỏi danh sách', 'Exited'],
};

// issue 18: notification channels and delivery states
const notifyChannel: Names = {
  email: ['E-mail', 'E-mail'],
  sms: ['SMS', 'SMS'],
  zalo: ['Zalo', 'Zalo'],
  push: ['Thông báo đẩy', 'Push'],
};
const deliveryStatus: Names = {
  queued: ['Đang chờ gửi', 'Queued'],
  sending: ['Đang gửi', 'Sending'],
  sent: ['Đã gửi', 'Sent'],
  delivered: ['Đã tới máy', 'Delivered'],
  failed: ['Thất bại', 'Failed'],
};

// issue 22: why a case is flagged (FLAG_REASONS)
const flagReason: Names = {
  needs_review: ['Cần giám sát viên xem lại', 'Needs review'],
  safety_concern: ['Lo ngại về an toàn của trẻ', 'Safety concern'],
  data_quality: ['Thông tin chưa đúng, chưa đủ', 'Data quality'],
  stalled: ['Hồ sơ bị chậm, không tiến triển', 'Stalled'],
  other: ['Lý do khác', 'Other'],
};

// issue 20: environments of abuse, age groups, report kinds and statuses, why a report counts no child
const environment: Names = {
  family: ['Gia đình', 'Family'],
  school: ['Trường học', 'School'],
  community: ['Cộng đồng', 'Community'],
  online: ['Trên mạng', 'Online'],
  care_facility: ['Cơ sở trợ giúp, chăm sóc trẻ em', 'Care facility'],
  other: ['Khác', 'Other'],
  unknown: ['Không rõ', 'Unknown'],
};
const ageGroup: Names = {
  '0-5': ['0–5 tuổi', 'Aged 0–5'], '6-10': ['6–10 tuổi', 'Aged 6–10'], '11-15': ['11–15 tuổi', 'Aged 11–15'], unknown: ['Không rõ tuổi', 'Age unknown'],
};
const reportKind: Names = { six_month: ['Báo cáo 6 tháng', '6-month report'], annual: ['Báo cáo năm', 'Annual report'] };
const reportStatus: Names = {
  none: ['Chưa lập', 'Not drafted'], drafted: ['Đã lập', 'Drafted'], approved: ['Chủ tịch đã phê duyệt', 'Approved by the chair'], sent: ['Đã gửi', 'Sent'],
};
const notCounted: Names = {
  duplicate: ['Trùng lặp', 'Duplicate'], unfounded: ['Không có cơ sở', 'Unfounded'],
  notSubstantiated: ['Chưa xác minh có cơ sở', 'Not (yet) substantiated'], injuryOnly: ['Chỉ tai nạn, thương tích', 'Injury only'],
};

export const LABELS = {
  environment, ageGroup, reportKind, reportStatus, notCounted,
  noteKind, state, event, channel, abuse, sex, risk, handoffKind, handoffState, urgency, deadlineStatus, agencyType, role, outcome, owedBy,
  poverty, transferKind, transferState, matched, reportCategory, receivedVia, harmRating, needArea, reviewRecommendation, signerTitle,
  decisionKind, injury, incidentOutcome, urgentKind, urgentReportState, procedureStatus,
  specialCircumstance, supportServiceKind, supportExitReason, supportStatus,
  notifyChannel, deliveryStatus,
  flagReason,
} as const;
export type LabelGroup = keyof typeof LABELS;
