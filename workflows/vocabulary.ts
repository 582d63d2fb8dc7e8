/** The domain's enumerations (DOMAIN.md "Vocabulary"): pure data shared by workflows, DTOs and figures. */
export const CHANNELS = [
  'hotline_111', 'anh_duong_18001744', 'police', 'school', 'health', 'community_collaborator', 'citizen', 'online', 'media', 'other',
] as const;

export const ABUSE_TYPES = [
  'physical_violence', 'psychological_violence', 'sexual_abuse', 'exploitation', 'trafficking', 'abduction',
  'abandonment', 'neglect', 'online_abuse', 'other',
] as const;

export const SEXES = ['female', 'male', 'unknown'] as const;

export const HANDOFF_KINDS = [
  'police_protection', 'police_investigation', 'medical_care', 'forensic_exam', 'psychological_care', 'safe_shelter',
  'alternative_care', 'legal_aid', 'school_support', 'social_assistance',
  // abuse-intervention v2: the child's return to school, confirmed by the school.
  'school_reintegration',
] as const;

/** The kinds of the `handoffs` rows of workflow `commune-transfer` (a case passing to another commune). */
export const TRANSFER_HANDOFF_KINDS = ['commune_handover', 'commune_transfer'] as const;

/** The kind of the `handoffs` rows of workflow `temporary-separation`. */
export const SEPARATION_HANDOFF_KINDS = ['temporary_separation'] as const;

/** The agency type that normally does each kind of work (plans may name another). */
export const HANDOFF_KIND_AGENCY: Record<(typeof HANDOFF_KINDS)[number], string> = {
  police_protection: 'commune_police',
  police_investigation: 'commune_police',
  medical_care: 'health_station',
  forensic_exam: 'health_station',
  psychological_care: 'social_work_center',
  safe_shelter: 'social_work_center',
  alternative_care: 'social_work_center',
  legal_aid: 'legal_aid_center',
  school_support: 'school',
  social_assistance: 'child_affairs_office',
  school_reintegration: 'school',
};

/**
 * Where `abuse-intervention` v2 sends each kind of work: as `HANDOFF_KIND_AGENCY`, except the
 * forensic examination, which the police request from forensic medicine (Bộ luật Tố tụng hình sự
 * 2015 Điều 206; Luật Giám định tư pháp) — not the health station, as v1 (and its cases) had it.
 */
export const HANDOFF_KIND_AGENCY_V2: Record<(typeof HANDOFF_KINDS)[number], string> = {
  ...HANDOFF_KIND_AGENCY,
  forensic_exam: 'commune_police',
};

/** The handoff kinds of the police whose work follows a criminal procedure (its status is recorded on the handoff). */
export const POLICE_HANDOFF_KINDS = ['police_protection', 'police_investigation', 'forensic_exam'] as const;

/**
 * The criminal-procedure status of a police handoff (Bộ luật Tố tụng hình sự 2015 Điều 146–148,
 * 153, 157): the report received (tiếp nhận tố giác, tin báo), a criminal case opened (khởi tố vụ
 * án) or refused (quyết định không khởi tố), the matter transferred to another investigating body,
 * the verification suspended (tạm đình chỉ giải quyết tố giác).
 */
export const CRIMINAL_PROCEDURE_STATUSES = [
  'report_received', 'prosecution_opened', 'prosecution_refused', 'case_transferred', 'investigation_suspended',
] as const;

/**
 * The emergency handoffs (police protection, medical care): their receiving agency sees, beyond
 * the child's first name, age and sex, what protection requires — where the child is now, the
 * instructions and the social worker's name and phone (abuse-intervention v2).
 */
export const EMERGENCY_HANDOFF_KINDS = ['police_protection', 'medical_care'] as const;

/**
 * The chair's numbered decisions (Quyết định, numbered per commune and year: `12/QĐ-UBND`): approving
 * an intervention plan (NĐ 56/2017/NĐ-CP Mẫu số 05), ending it (closure), and — workflow of issue 17 —
 * separating a child from parents or carers (Mẫu số 07), extending and revoking it.
 */
export const DECISION_KINDS = ['plan_approval', 'closure', 'separation', 'separation_extension', 'separation_revocation'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * Who signs a decision of the commune People's Committee: the chair (CHỦ TỊCH), or a vice-chair on
 * the chair's behalf (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH) — the choices a deciding chair has; a closure a
 * supervisor approves (an unfounded report) is signed with the supervisor's own title, `supervisor`.
 */
export const SIGNER_TITLES = ['chair', 'vice_chair'] as const;
export const DECISION_SIGNER_TITLES = [...SIGNER_TITLES, 'supervisor'] as const;
export type SignerTitle = (typeof DECISION_SIGNER_TITLES)[number];

/** Agency types that can receive handoffs. */
export const PARTNER_AGENCY_TYPES = [
  'commune_police', 'health_station', 'school', 'social_work_center', 'legal_aid_center', 'child_affairs_office',
] as const;

/** Roles of DESIGN.md "Access". A user holds exactly one. */
export const ROLES = [
  'hotline_operator', 'social_worker', 'supervisor', 'chair', 'police', 'health', 'education',
  'legal_aid', 'social_work_center', 'auditor', 'admin', 'national_admin',
  // Cộng tác viên thôn, bản, tổ dân phố: the commune's collaborator in a village; files reports of their commune only.
  'village_collaborator',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * The 54 ethnic groups of Viet Nam, by their Vietnamese names, in the order of the official list
 * (Quyết định 121-TCTK/PPCĐ; position + 1 is the group's code, Kinh = 01).
 */
export const ETHNICITIES = [
  'Kinh', 'Tày', 'Thái', 'Hoa', 'Khơ-me', 'Mường', 'Nùng', 'HMông', 'Dao', 'Gia-rai', 'Ngái', 'Ê-đê', 'Ba-na', 'Xơ-Đăng',
  'Sán Chay', 'Cơ-ho', 'Chăm', 'Sán Dìu', 'Hrê', 'Mnông', 'Ra-glai', 'Xtiêng', 'Bru-Vân Kiều', 'Thổ', 'Giáy', 'Cơ-tu',
  'Gié-Triêng', 'Mạ', 'Khơ-mú', 'Co', 'Tà-ôi', 'Chơ-ro', 'Kháng', 'Xinh-mun', 'Hà Nhì', 'Chu-ru', 'Lào', 'La Chí', 'La Ha',
  'Phù Lá', 'La Hủ', 'Lự', 'Lô Lô', 'Chứt', 'Mảng', 'Pà Thẻn', 'Cơ Lao', 'Cống', 'Bố Y', 'Si La', 'Pu Péo', 'Brâu', 'Ơ Đu',
  'Rơ-măm',
] as const;

/** A household's standing on the commune's poverty register (hộ nghèo, hộ cận nghèo). */
export const POVERTY_LEVELS = ['poor', 'near_poor', 'none', 'unknown'] as const;

/** "Trẻ em thuộc đối tượng" on Mẫu số 01 (NĐ 56/2017 Phụ lục): abused, at risk, or in special circumstances. */
export const REPORT_CATEGORIES = ['abused', 'at_risk', 'special_circumstances'] as const;

/** "Thông qua" on Mẫu số 01: how the report reached the receiving agency. */
export const RECEIVED_VIA = ['phone', 'in_person', 'relayed', 'written', 'electronic'] as const;

/** The three-step rating of Mẫu số 02 and 06: Cao / Trung bình / Thấp. */
export const HARM_RATINGS = ['high', 'medium', 'low'] as const;

/** The areas of the child's needs assessed on Mẫu số 03. */
export const NEED_AREAS = [
  'safety', 'physical_health', 'mental_health', 'education', 'family_care', 'legal', 'social_inclusion', 'livelihood',
] as const;

/** What a review (Mẫu số 06) recommends: end the plan, carry on, or revise it. */
export const REVIEW_RECOMMENDATIONS = ['close', 'continue', 'revise'] as const;

/**
 * Incidents that are not abuse: accidents and injuries of children (tai nạn thương tích, đuối
 * nước), as the commune's child-injury reports name them — traffic accidents, drowning, falls,
 * burns, poisoning, animal bites, electric shock and other injuries. A report holds them in
 * `incident.injuryTypes`, beside the abuse types of `incident.types`: a child only injured is not
 * an abused child and is never counted as one.
 */
export const INCIDENT_TYPES = [
  'traffic_accident', 'drowning', 'fall', 'burn', 'poisoning', 'animal_bite', 'electric_shock', 'other_injury',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/**
 * Where the abuse happened (môi trường xảy ra xâm hại), as Thông tư 13/2021/TT-BLĐTBXH breaks
 * down indicator 0101: in the family, at school, in the community, online, in a care facility
 * (cơ sở trợ giúp xã hội, nhà tạm lánh), or elsewhere. Optional at intake (`incident.environment`).
 */
export const ABUSE_ENVIRONMENTS = ['family', 'school', 'community', 'online', 'care_facility', 'other'] as const;
export type AbuseEnvironment = (typeof ABUSE_ENVIRONMENTS)[number];

/** What happened to the child, asked at intake: died, seriously injured, or neither. */
export const INCIDENT_OUTCOMES = ['death', 'serious_injury', 'none'] as const;
export type IncidentOutcome = (typeof INCIDENT_OUTCOMES)[number];

/**
 * What makes an incident one the commune must report upward at once (báo cáo đột xuất) to the
 * chair and the provincial Department of Health: a child's death, a serious injury, a drowning or
 * a serious abuse.
 */
export const URGENT_INCIDENT_KINDS = ['death', 'serious_injury', 'drowning', 'serious_abuse'] as const;
export type UrgentIncidentKind = (typeof URGENT_INCIDENT_KINDS)[number];

/** The kind of the `handoffs` rows of workflow `urgent-report`. */
export const URGENT_REPORT_HANDOFF_KIND = 'urgent_report';

/**
 * The urgent kinds a report's answers call for (none: no urgent report at intake): a death or a
 * serious injury as answered, a drowning among the injury types, and a serious abuse when abuse
 * led to that death or serious injury. Any other serious abuse is reported by the commune staff
 * who judge it so (`POST /cases/:id/urgent-reports`), not guessed from the types.
 */
export function urgentKindsOf(i: { types: readonly string[]; injuryTypes?: readonly string[] | null; outcome?: string | null }): UrgentIncidentKind[] {
  const kinds: UrgentIncidentKind[] = [];
  if (i.outcome === 'death') kinds.push('death');
  if (i.outcome === 'serious_injury') kinds.push('serious_injury');
  if (i.injuryTypes?.includes('drowning')) kinds.push('drowning');
  if (i.types.length > 0 && (i.outcome === 'death' || i.outcome === 'serious_injury')) kinds.push('serious_abuse');
  return kinds;
}

/**
 * Where a temporarily separated child is placed (Luật Trẻ em 2016 Điều 62–63; NĐ 56/2017/NĐ-CP
 * Điều 43–46): with a relative, with a non-relative (an alternative care family), or in a facility.
 */
export const PLACEMENT_KINDS = ['relative', 'non_relative', 'facility'] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];

/** Whom the child is temporarily separated from (Mẫu số 07). `parents`: both parents. */
export const SEPARATED_FROM = ['father', 'mother', 'parents', 'carer'] as const;
export type SeparatedFrom = (typeof SEPARATED_FROM)[number];

/** How the consent of a child aged 7 or more was sought (Luật Trẻ em Điều 68 k2; Điều 52). */
export const CONSENT_METHODS = ['in_person', 'with_trusted_adult', 'written'] as const;

/**
 * The 14 groups of children in special circumstances (trẻ em có hoàn cảnh đặc biệt), Luật Trẻ em
 * 2016 Điều 10 khoản 1, points a–o in the statute's order, with its wording (Vietnamese) and ours
 * (English). Workflow `special-circumstances-support` registers a child under one or more of them.
 */
export const SPECIAL_CIRCUMSTANCES = [
  'orphan', 'abandoned', 'no_support', 'disability', 'hiv_aids', 'law_violation', 'drug_addiction', 'school_dropout_labour',
  'violence_harm', 'exploitation', 'sexual_abuse', 'trafficking', 'serious_illness_poor', 'migrant_refugee',
] as const;
export type SpecialCircumstance = (typeof SPECIAL_CIRCUMSTANCES)[number];

export const SPECIAL_CIRCUMSTANCE_LABELS: Record<SpecialCircumstance, { point: string; vi: string; en: string }> = {
  orphan: { point: 'a', vi: 'Trẻ em mồ côi cả cha và mẹ', en: 'Orphaned of both parents' },
  abandoned: { point: 'b', vi: 'Trẻ em bị bỏ rơi', en: 'Abandoned' },
  no_support: { point: 'c', vi: 'Trẻ em không nơi nương tựa', en: 'With no one to depend on' },
  disability: { point: 'd', vi: 'Trẻ em khuyết tật', en: 'With a disability' },
  hiv_aids: { point: 'đ', vi: 'Trẻ em nhiễm HIV/AIDS', en: 'Living with HIV/AIDS' },
  law_violation: { point: 'e', vi: 'Trẻ em vi phạm pháp luật', en: 'In conflict with the law' },
  drug_addiction: { point: 'g', vi: 'Trẻ em nghiện ma túy', en: 'Addicted to drugs' },
  school_dropout_labour: {
    point: 'h', vi: 'Trẻ em phải bỏ học kiếm sống chưa hoàn thành phổ cập giáo dục trung học cơ sở',
    en: 'Left school to earn a living before completing lower-secondary education',
  },
  violence_harm: { point: 'i', vi: 'Trẻ em bị tổn hại nghiêm trọng về thể chất và tinh thần do bị bạo lực', en: 'Seriously harmed in body and mind by violence' },
  exploitation: { point: 'k', vi: 'Trẻ em bị bóc lột', en: 'Exploited' },
  sexual_abuse: { point: 'l', vi: 'Trẻ em bị xâm hại tình dục', en: 'Sexually abused' },
  trafficking: { point: 'm', vi: 'Trẻ em bị mua bán', en: 'Trafficked' },
  serious_illness_poor: {
    point: 'n', vi: 'Trẻ em mắc bệnh hiểm nghèo hoặc bệnh phải điều trị dài ngày thuộc hộ nghèo hoặc hộ cận nghèo',
    en: 'With a severe or long-term illness, in a poor or near-poor household',
  },
  migrant_refugee: {
    point: 'o', vi: 'Trẻ em di cư, trẻ em lánh nạn, tị nạn chưa xác định được cha mẹ hoặc không có người chăm sóc',
    en: 'Migrant, displaced or refugee, parents unknown or with no carer',
  },
};

/**
 * What a support plan grants (Luật Trẻ em 2016 Điều 52 khoản 1; NĐ 20/2021/NĐ-CP on social
 * assistance): social assistance (trợ giúp xã hội), alternative care (chăm sóc thay thế),
 * education support (hỗ trợ giáo dục), health care (hỗ trợ y tế, bảo hiểm y tế).
 */
export const SUPPORT_SERVICE_KINDS = ['social_assistance', 'alternative_care', 'education', 'health'] as const;
export type SupportServiceKind = (typeof SUPPORT_SERVICE_KINDS)[number];

/** The statuses of a support (the states of workflow `special-circumstances-support`). */
export const SUPPORT_STATUSES = ['registered', 'assessed', 'supported', 'reviewing', 'exited'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

/** Why a child leaves the register. */
export const SUPPORT_EXIT_REASONS = ['circumstances_resolved', 'turned_16', 'moved_away', 'adopted', 'deceased', 'registered_in_error', 'other'] as const;

/**
 * Why a case is flagged for attention (casework/: a supervisor's or a worker's mark, not a workflow
 * step): it needs a supervisor's review, there is a concern for the child's safety, its data look
 * wrong, it has stalled, or another reason its note explains.
 */
export const FLAG_REASONS = ['needs_review', 'safety_concern', 'data_quality', 'stalled', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
