/**
 * The definitions of the report's indicators, served with the figures (`GET /statistics`) and
 * documented in this module's README: what each counts, where the figure comes from, and the
 * indicator code of Thông tư 13/2021/TT-BLĐTBXH where it has one.
 */
export interface IndicatorDefinition {
  /** The figure's path in the statistics (`childrenAbused`, `indicators.verifiedOnTime`…). */
  key: string;
  /** Thông tư 13/2021/TT-BLĐTBXH indicator code, where there is one. */
  code: string | null;
  titleVi: string;
  titleEn: string;
  definitionVi: string;
  definitionEn: string;
  /** The legal source of the figure or of the rule it measures. */
  source: string;
}

export const INDICATOR_DEFINITIONS: readonly IndicatorDefinition[] = [
  {
    key: 'childrenAbused', code: '0101',
    titleVi: 'Số trẻ em bị xâm hại', titleEn: 'Children abused',
    definitionVi: 'Số trẻ em (dưới 16 tuổi) có ít nhất một tin báo tiếp nhận trong kỳ được xác minh là có cơ sở, không trùng lặp, '
      + 'không bị đóng vì không có cơ sở, về hành vi xâm hại (không tính tai nạn, thương tích); mỗi trẻ tính một lần, '
      + 'theo giới tính, nhóm tuổi (tuổi khi tiếp nhận tin báo đầu tiên trong kỳ), hình thức xâm hại và môi trường xảy ra xâm hại.',
    definitionEn: 'Children (under 16) with at least one report received in the period and verified as substantiated, neither a '
      + 'duplicate nor closed as unfounded, of abuse (not an accident or injury only); each child once, by sex, age group (age at '
      + 'the first such report of the period), abuse type and environment of the abuse.',
    source: 'Thông tư 13/2021/TT-BLĐTBXH, chỉ tiêu 0101; Luật Trẻ em 2016 Điều 1, Điều 4 khoản 8',
  },
  {
    key: 'adolescentsAbused', code: null,
    titleVi: 'Số người từ đủ 16 đến dưới 18 tuổi bị xâm hại', titleEn: 'Persons aged 16–17 abused',
    definitionVi: 'Như chỉ tiêu trẻ em bị xâm hại, đối với người từ đủ 16 đến dưới 18 tuổi: không phải trẻ em theo Luật Trẻ em, báo cáo riêng.',
    definitionEn: 'As children abused, for persons aged 16 or 17: not children under the Law on Children, reported apart.',
    source: 'Luật Trẻ em 2016 Điều 1',
  },
  {
    key: 'childrenAbused.supported', code: null,
    titleVi: 'Số trẻ em bị xâm hại được hỗ trợ, can thiệp', titleEn: 'Abused children supported',
    definitionVi: 'Trong số trẻ em bị xâm hại của kỳ, số trẻ có kế hoạch hỗ trợ, can thiệp đã được Chủ tịch UBND xã phê duyệt.',
    definitionEn: 'Of the abused children of the period, those whose support and intervention plan the commune chair approved.',
    source: 'Luật Trẻ em 2016 Điều 50; NĐ 56/2017/NĐ-CP Điều 28–29',
  },
  {
    key: 'specialCircumstances', code: null,
    titleVi: 'Số trẻ em có hoàn cảnh đặc biệt và số được trợ giúp', titleEn: 'Children in special circumstances, and supported',
    definitionVi: 'Số trẻ em đang có tên trong sổ theo dõi trẻ em có hoàn cảnh đặc biệt của xã (chưa ra khỏi danh sách) và, trong số đó, số trẻ đang được trợ giúp.',
    definitionEn: 'Children on the commune’s special-circumstances register (not exited), and of them those being supported.',
    source: 'Luật Trẻ em 2016 Điều 10; NĐ 56/2017/NĐ-CP Chương III; Thông tư 13/2021/TT-BLĐTBXH Phụ lục I',
  },
  {
    key: 'indicators.verifiedOnTime', code: null,
    titleVi: 'Tỷ lệ tin báo được xác minh đúng hạn', titleEn: 'Reports verified on time',
    definitionVi: 'Trong các tin báo tiếp nhận trong kỳ (trừ tin trùng lặp) đã đến hạn hoặc đã xác minh, tỷ lệ được xác minh trong thời hạn của chính tin báo đó: '
      + '12 giờ đối với trẻ em đang gặp nguy hiểm, thời hạn xác minh ban đầu của quy trình đối với các trường hợp khác.',
    definitionEn: 'Of the reports received in the period (duplicates aside) whose verification is decided, the share verified within '
      + 'their own deadline: 12 hours for a child in serious danger, the workflow’s initial-assessment deadline otherwise.',
    source: 'NĐ 56/2017/NĐ-CP Điều 26 khoản 3; kế hoạch của xã: “100% vụ việc được kiểm tra, xác minh, xử lý kịp thời”',
  },
  {
    key: 'indicators.planDraftedOnTime', code: null,
    titleVi: 'Tỷ lệ kế hoạch hỗ trợ, can thiệp được xây dựng trong 5 ngày làm việc', titleEn: 'Plans drafted within 5 working days',
    definitionVi: 'Trong các tin báo tiếp nhận trong kỳ (trừ trùng lặp, không có cơ sở) đã đến hạn hoặc đã có kế hoạch, tỷ lệ có dự thảo kế hoạch trình trong 5 ngày làm việc kể từ khi tiếp nhận (việc xây dựng, không phải phê duyệt).',
    definitionEn: 'Of the reports received in the period (duplicates and unfounded ones aside) whose drafting is decided, the share '
      + 'whose plan was drafted and submitted within 5 working days of receipt (the drafting, not the approval).',
    source: 'NĐ 56/2017/NĐ-CP Điều 28 khoản 1',
  },
  {
    key: 'indicators.closedChildSafe', code: null,
    titleVi: 'Tỷ lệ vụ việc kết thúc với trẻ an toàn', titleEn: 'Cases closed with the child safe',
    definitionVi: 'Trong các vụ việc của kỳ đã đóng sau can thiệp, tỷ lệ đóng với trẻ an toàn.',
    definitionEn: 'Of the period’s cases closed after intervention, the share closed with the child safe.',
    source: 'NĐ 56/2017/NĐ-CP Điều 30; kế hoạch của xã: “100% trẻ em bị xâm hại được can thiệp kịp thời”',
  },
  {
    key: 'handoffs', code: null,
    titleVi: 'Chuyển tuyến được nhận và hoàn thành đúng hạn, theo cơ quan', titleEn: 'Handoffs accepted and completed on time, per agency',
    definitionVi: 'Theo cơ quan tiếp nhận, các yêu cầu hỗ trợ gửi trong kỳ: số được nhận đúng hạn, số hoàn thành đúng hạn, tỷ lệ đúng hạn.',
    definitionEn: 'Per receiving agency, the handoffs offered in the period: accepted on time, completed on time, on-time rate.',
    source: 'NĐ 56/2017/NĐ-CP Điều 29; Luật Trẻ em 2016 Điều 51',
  },
  {
    key: 'openLongerThan', code: null,
    titleVi: 'Vụ việc tồn đọng quá 30/60/90 ngày', titleEn: 'Cases open longer than 30/60/90 days',
    definitionVi: 'Số vụ việc đang mở tại thời điểm lập báo cáo đã quá 30, 60, 90 ngày kể từ khi tiếp nhận.',
    definitionEn: 'Cases open when the report is drawn up and received more than 30, 60 or 90 days before.',
    source: 'Kế hoạch của xã: không để vụ việc “tồn đọng, kéo dài”',
  },
];
