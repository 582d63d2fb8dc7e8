/** Notification texts, Vietnamese first. `{code}` is the case code; other fields come from the payload. */
export const TEMPLATES: Record<string, { vi: string; en: string }> = {
  case_received: { vi: 'Hồ sơ mới {code} cần phân công người xử lý', en: 'New case {code} needs an assignee' },
  case_received_urgent: {
    vi: 'KHẨN CẤP: hồ sơ {code}, trẻ đang gặp nguy hiểm — phải hành động trong 12 giờ',
    en: 'URGENT: case {code}, child in immediate danger — act within 12 hours',
  },
  case_assigned: { vi: 'Bạn được phân công xử lý hồ sơ {code}', en: 'You were assigned case {code}' },
  immediate_danger_found: {
    vi: 'Hồ sơ {code}: đánh giá ban đầu xác định trẻ đang gặp nguy hiểm',
    en: 'Case {code}: the initial assessment found the child in immediate danger',
  },
  emergency_measures_applied: { vi: 'Hồ sơ {code}: đã áp dụng biện pháp khẩn cấp', en: 'Case {code}: emergency measures applied' },
  plan_submitted: { vi: 'Hồ sơ {code}: kế hoạch can thiệp chờ phê duyệt', en: 'Case {code}: intervention plan awaits approval' },
  plan_approved: { vi: 'Hồ sơ {code}: kế hoạch đã được phê duyệt', en: 'Case {code}: plan approved' },
  plan_rejected: { vi: 'Hồ sơ {code}: kế hoạch bị trả lại, cần sửa', en: 'Case {code}: plan rejected, revise it' },
  closure_proposed: { vi: 'Hồ sơ {code}: đề xuất kết thúc chờ phê duyệt', en: 'Case {code}: closure proposal awaits a decision' },
  closure_rejected: { vi: 'Hồ sơ {code}: đề xuất kết thúc không được chấp thuận', en: 'Case {code}: closure proposal rejected' },
  case_closed: { vi: 'Hồ sơ {code} đã đóng', en: 'Case {code} was closed' },
  case_reopened: { vi: 'Hồ sơ {code} đã được mở lại', en: 'Case {code} was reopened' },
  deadline_breached: {
    vi: 'QUÁ HẠN: hồ sơ {code} — {deadlineVi}',
    en: 'OVERDUE: case {code} — {deadlineEn}',
  },
  deadline_escalated: {
    vi: 'CHUYỂN CẤP {level}: hồ sơ {code} vẫn quá hạn — {deadlineVi}',
    en: 'ESCALATED (level {level}): case {code} still overdue — {deadlineEn}',
  },
  handoff_offered: { vi: 'Yêu cầu phối hợp mới cho hồ sơ {code}', en: 'New request for work on case {code}' },
  handoff_declined: { vi: 'Hồ sơ {code}: cơ quan phối hợp từ chối yêu cầu', en: 'Case {code}: an agency declined a request' },
  handoff_cancelled: { vi: 'Hồ sơ {code}: yêu cầu phối hợp đã bị hủy', en: 'Case {code}: a request was cancelled' },
  handoff_completed: { vi: 'Hồ sơ {code}: cơ quan phối hợp đã hoàn thành phần việc', en: 'Case {code}: an agency completed its work' },
  handoff_procedure_status: {
    vi: 'Hồ sơ {code}: công an cập nhật tình trạng tố tụng hình sự', en: 'Case {code}: the police recorded the criminal-procedure status',
  },
  handoff_needs_attention: {
    vi: 'Hồ sơ {code}: yêu cầu phối hợp bị từ chối hoặc quá hạn — cần giao lại',
    en: 'Case {code}: a request was declined or is overdue — reassign it',
  },
  transfer_requested: {
    vi: 'Đề nghị tiếp nhận hồ sơ {code} từ xã/phường khác — quyết định trong 1 ngày làm việc',
    en: 'Another commune asks you to take case {code} — decide within 1 working day',
  },
  transfer_accepted: { vi: 'Hồ sơ {code} đã được xã/phường nhận tiếp nhận', en: 'Case {code} was taken by the receiving commune' },
  transfer_declined: { vi: 'Hồ sơ {code}: xã/phường nhận từ chối tiếp nhận', en: 'Case {code}: the receiving commune declined to take it' },
  transfer_cancelled: { vi: 'Hồ sơ {code}: đề nghị chuyển hồ sơ đã được rút lại', en: 'Case {code}: the request to transfer it was withdrawn' },
  separation_proposed: {
    vi: 'Hồ sơ {code}: đề nghị tạm thời cách ly trẻ em — Chủ tịch quyết định trong 12 giờ',
    en: 'Case {code}: a temporary separation of the child is proposed — the chair decides within 12 hours',
  },
  separation_decided: { vi: 'Hồ sơ {code}: đã quyết định tạm thời cách ly trẻ em', en: 'Case {code}: the temporary separation was decided' },
  separation_rejected: { vi: 'Hồ sơ {code}: Chủ tịch không quyết định cách ly', en: 'Case {code}: the chair rejected the separation' },
  separation_cancelled: { vi: 'Hồ sơ {code}: việc tạm thời cách ly đã được rút/chấm dứt', en: 'Case {code}: the separation was withdrawn or ended' },
  separation_extended: { vi: 'Hồ sơ {code}: thời hạn cách ly đã được gia hạn', en: 'Case {code}: the separation was extended' },
  separation_revoked: { vi: 'Hồ sơ {code}: đã hủy bỏ quyết định cách ly, trẻ trở về gia đình', en: 'Case {code}: the separation was revoked; the child returns home' },
  separation_ended: { vi: 'Hồ sơ {code}: hết thời hạn tạm thời cách ly', en: 'Case {code}: the temporary separation has run its days' },
  // issue 17: the special-circumstances register ({code} is the support's, HCĐB-…).
  support_registered: { vi: 'Trẻ em {code} được đăng ký vào danh sách trẻ em có hoàn cảnh đặc biệt — cần đánh giá nhu cầu', en: 'Child {code} was registered as in special circumstances — assess their needs' },
  support_planned: { vi: '{code}: đã lập kế hoạch hỗ trợ trẻ em có hoàn cảnh đặc biệt', en: '{code}: the support plan of a child in special circumstances is made' },
  support_exited: { vi: '{code}: trẻ em đã được đưa ra khỏi danh sách trẻ em có hoàn cảnh đặc biệt', en: '{code}: the child left the special-circumstances register' },
  holiday_changed: {
    vi: 'Hồ sơ {code}: {deadlines} thời hạn được tính lại vì ngày nghỉ {day} đã thay đổi',
    en: 'Case {code}: {deadlines} deadline(s) recomputed because the public holiday on {day} changed',
  },
  repeat_report: {
    vi: 'Hồ sơ {code} là tin báo lặp lại về trẻ của hồ sơ {earlierCode}',
    en: 'Case {code} is a repeat report about the child of case {earlierCode}',
  },
  urgent_report_opened: {
    vi: 'BÁO CÁO ĐỘT XUẤT: hồ sơ {code} — lập và gửi báo cáo cho Chủ tịch và Sở Y tế',
    en: 'URGENT REPORT: case {code} — write and send the report to the chair and the Department of Health',
  },
  urgent_report_sent: { vi: 'Báo cáo đột xuất của hồ sơ {code} cần được tiếp nhận', en: 'The urgent report of case {code} awaits your acknowledgement' },
  urgent_report_acknowledged: { vi: 'Sở Y tế đã tiếp nhận báo cáo đột xuất của hồ sơ {code}', en: 'The Department of Health acknowledged the urgent report of case {code}' },
  urgent_report_closed: { vi: 'Báo cáo đột xuất của hồ sơ {code} đã kết thúc', en: 'The urgent report of case {code} was closed' },
  urgent_report_withdrawn: { vi: 'Báo cáo đột xuất của hồ sơ {code} đã được rút lại', en: 'The urgent report of case {code} was withdrawn' },
  daily_digest: {
    vi: 'Việc ngày {day}: {today} hạn hôm nay, {week} hạn trong 7 ngày, {overdue} quá hạn ({overdueCodes}), {approvals} hồ sơ chờ phê duyệt',
    en: 'Work for {day}: {today} due today, {week} due within 7 days, {overdue} overdue ({overdueCodes}), {approvals} awaiting approval',
  },
  report_reminder: { vi: 'Sắp đến hạn nộp báo cáo {report} ({due})', en: 'Report {report} is due soon ({due})' },
};

export function render(template: string, payload: Record<string, unknown>, lang: 'vi' | 'en'): string {
  const t = TEMPLATES[template];
  if (!t) return template;
  return t[lang].replace(/\{(\w+)\}/g, (_, k: string) => (payload[k] === undefined ? '' : String(payload[k])));
}
