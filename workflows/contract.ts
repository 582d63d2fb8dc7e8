/**
 * The event contract of a workflow: for each client event, who may send it, the fields of its data
 * and its names. Pure types shared by the API (validation, policy) and the console (forms), so a
 * field is declared once. No runtime dependency: the console imports this file as it is.
 */

/**
 * How one field of an event's `data` is entered and checked. The API validates `data` against these
 * specs (unknown fields refused) and the console renders its forms from them: declared once here.
 */
export type FieldSpec = {
  key: string;
  labelVi: string;
  labelEn: string;
  hintVi?: string;
  hintEn?: string;
  /** Absent = required. */
  optional?: boolean;
  /**
   * The heading this field is grouped under in the console and on the printed form (the official
   * form's section, e.g. "Đánh giá mức độ tổn hại của trẻ em"). Consecutive fields share it.
   */
  section?: { vi: string; en: string };
} & (
  /** One line, or free text (`multiline`), of 1..maxLength characters. */
  | { kind: 'text'; maxLength: number; multiline?: boolean }
  /** A list of short texts (one per line in the console). */
  | { kind: 'lines'; maxItems: number; minItems?: number; maxLength: number }
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max: number; default?: number }
  /** A calendar date, `YYYY-MM-DD` (a meeting, a planned review, the day a decision takes effect). */
  | { kind: 'date' }
  /**
   * One value of a vocabulary. `optionRoles` restricts some values to some roles (a supervision
   * note is the supervisors' and the chair's).
   */
  | { kind: 'choice'; options: readonly string[]; vocabulary: string; optionRoles?: Record<string, readonly string[]>; default?: string }
  /** A user who may be assigned the case: an active social worker or supervisor of its commune. */
  | { kind: 'assignee' }
  /** Another case the caller can see. */
  | { kind: 'caseRef' }
  /**
   * A list of records, each with its own fields. `agencyTypeField` names the sub-field holding an
   * agency type that must serve the case's commune; `agencyDefaults` the agency type each kind of
   * work goes to by default (the console proposes it; absent: vocabulary `HANDOFF_KIND_AGENCY`), and
   * `agencyFixed` the kinds whose default is the only one allowed (the API refuses another).
   */
  | {
    kind: 'records'; maxItems: number; fields: FieldSpec[]; agencyTypeField?: string;
    agencyDefaults?: Record<string, string>; agencyFixed?: readonly string[];
  }
);

export type FieldKind = FieldSpec['kind'];

/** A client event of a workflow: who may send it, what it carries, how it is called. */
export interface EventContract {
  /** Roles that may send it (the machine's guards then decide whether it applies now). */
  roles: readonly string[];
  labelVi: string;
  labelEn: string;
  fields: readonly FieldSpec[];
  /** It decides something (an approval): the console shows what is decided and asks to confirm. */
  decision?: boolean;
  /**
   * Who among the roles may send it, checked by the module that owns the instance: members of its
   * receiving agency, staff of the commune receiving a transfer, or staff of the commune leading the case.
   */
  membership?: 'receiving_agency' | 'receiving_commune' | 'lead_commune';
  /**
   * The handoff kind this event asks for, of which a case has at most one open at a time: the event
   * is refused (409) while one is still offered, accepted or in progress (a second school
   * reintegration asked of the school while the first is under way).
   */
  oneOpenHandoff?: string;
}

export type EventContracts = Record<string, EventContract>;
